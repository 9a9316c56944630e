"""The documents OGP receives (issue 16, item 7): the published plan and each commitment in
the official template's layout, as .docx and .odt, in the reader's language, with every
field; read back by python-docx and odfpy here, and by LibreOffice in one conversion test."""

from __future__ import annotations

import io

import docx
import pytest

from participa.plans.template_data import COMPROMISO_10, COMPROMISO_15
from participa.plans.versions import VERSION_FIELDS

from ..factories import make_plan
from ..security.inert import DOCX, ODT, document_text
from .conftest import NARRATIVES, office_text, squeeze

PENDING = "Revisión pendiente de IRM"


def docx_text(content: bytes) -> str:
    return document_text(content, DOCX)


def odt_text(content: bytes) -> str:
    return document_text(content, ODT)


def expected_fields(template) -> list[str]:
    """Every text of the template that the document must hold."""
    texts = [getattr(template, name) for name in VERSION_FIELDS
             if name not in ("start_date", "end_date") and getattr(template, name)]
    for milestone in template.milestones:
        texts += [milestone.description, milestone.responsible]
    for contact in template.contacts:
        texts += [contact.name, contact.institution_post, contact.email, contact.phone]
    return [text for text in texts if text]


LABELS = ["Número y nombre del compromiso", "Fecha de inicio y término del compromiso",
          "¿Cuál es la problemática que el compromiso aborda?", "¿Cuál es el compromiso?",
          "Hitos: metas o etapas que permitan verificar el cumplimiento del compromiso",
          "Información de contacto", "Otros actores involucrados", "Observaciones",
          "Entidad responsable", "Fecha de término", "Correo electrónico",
          "Revisión del Mecanismo de Revisión Independiente (IRM)", "Verificable",
          "Impacto potencial", "Terminación", "Sustancial", "Acceso a la información"]


# Headings span the page, so a PDF's text keeps them whole.
HEADINGS = ["Hitos: metas o etapas que permitan verificar el cumplimiento del compromiso",
            "Información de contacto", "Otros actores involucrados",
            "Revisión del Mecanismo de Revisión Independiente (IRM)"]


def test_downloads_their_types_names_and_links(published, client, app):
    plan, commitment = published["plan"], published["GT0094"]
    for extension, mimetype in (("docx", DOCX), ("odt", ODT)):
        response = client.get(f"/planes/{plan}/documento.{extension}")
        assert response.status_code == 200 and response.mimetype == mimetype
        assert response.headers["Content-Disposition"] == (
            f'attachment; filename="plan-4-2018-2020.{extension}"')
        response = client.get(f"/planes/compromisos/{commitment}/documento.{extension}")
        assert response.headers["Content-Disposition"] == (
            f'attachment; filename="compromiso-GT0094.{extension}"')
    assert f'href="/planes/{plan}/documento.odt"' in client.get(f"/planes/{plan}").text
    page = client.get(f"/planes/compromisos/{commitment}").text
    assert f'href="/planes/compromisos/{commitment}/documento.docx"' in page
    assert client.get(f"/planes/{plan}/documento.pdf").status_code == 404
    assert client.get("/planes/compromisos/999999/documento.odt").status_code == 404
    with app.app_context():
        unpublished = make_plan(number=7).id
    assert client.get(f"/planes/{unpublished}/documento.docx").status_code == 404


@pytest.mark.parametrize("extension, read", [("docx", docx_text), ("odt", odt_text)])
def test_commitment_document_holds_every_field(published, client, extension, read):
    text = squeeze(read(client.get(
        f"/planes/compromisos/{published['GT0094']}/documento.{extension}").data))
    for expected in [*expected_fields(COMPROMISO_10), *LABELS]:
        assert squeeze(expected) in text, expected
    assert text.count(squeeze(PENDING)) == 4  # report, starred, early results, impact
    assert "BORRADOR" not in text
    draft = read(client.get(
        f"/planes/compromisos/{published['GT0099']}/documento.{extension}").data)
    assert "BORRADOR" in draft and PENDING not in draft  # a draft has no IRM review


def test_documents_follow_the_interface_language(published, client):
    response = client.get(f"/planes/compromisos/{published['GT0094']}/documento.docx?lang=en")
    text = docx_text(response.data)
    assert "Commitment template" in text and "Plantilla del compromiso" not in text
    assert docx.Document(io.BytesIO(response.data)).core_properties.language == "en"
    assert COMPROMISO_10.problem in text  # the commitment's own text stays as written


def test_libreoffice_reads_every_field(published, client, tmp_path):
    """LibreOffice opens the six files (the plan, a commitment and the mid-term
    self-assessment, each as .docx and .odt), with one start for the PDFs and one for the
    text exports. Printed to PDF, each holds its headings and long texts (the template's
    sections, the narratives); its text export holds every label, the milestones, the
    contacts and the IRM's fields too (a PDF's text interleaves the lines of cells side by
    side)."""
    plan, commitment = published["plan"], published["GT0094"]
    files = {}
    for extension in ("docx", "odt"):
        files[f"plan-{extension}.{extension}"] = client.get(
            f"/planes/{plan}/documento.{extension}").data
        files[f"commitment-{extension}.{extension}"] = client.get(
            f"/planes/compromisos/{commitment}/documento.{extension}").data
        files[f"assessment-{extension}.{extension}"] = client.get(
            f"/planes/{plan}/autoevaluaciones/medio_termino/documento.{extension}").data
    texts = office_text(files, tmp_path)
    sections = [getattr(COMPROMISO_10, name) for name in VERSION_FIELDS
                if isinstance(getattr(COMPROMISO_10, name), str) and getattr(COMPROMISO_10, name)]
    for name, (printed, exported) in texts.items():
        printed, exported = squeeze(printed), squeeze(exported)
        if name.startswith("assessment"):
            for expected in [*NARRATIVES.values(), "Autoevaluación de medio término",
                             "BORRADOR", "Avance de cada compromiso", COMPROMISO_10.title,
                             *(m.description for m in COMPROMISO_10.milestones),
                             "No iniciado", "GT0094"]:
                assert squeeze(expected) in exported, (name, expected)
            for expected in NARRATIVES.values():
                assert squeeze(expected) in printed, (name, expected)
            assert squeeze(COMPROMISO_15.title) not in exported  # a draft is not tracked
            continue
        for expected in [*sections, *HEADINGS]:
            assert squeeze(expected) in printed, (name, expected)
        for expected in [*expected_fields(COMPROMISO_10), *LABELS]:
            assert squeeze(expected) in exported, (name, expected)
        if name.startswith("plan"):
            assert squeeze(COMPROMISO_15.problem) not in exported  # a draft is not in it
