"""Implementation tracking in a real browser (issue 16, done means): a member of the lead
institution reports milestone 2 of a published commitment as complete with a PDF as
evidence; the MTGA publishes the update; a CSO member comments on it; the plan's page shows
the commitment's completion and its axis's roll-up. At phone and desktop size, on SQLite and
PostgreSQL; every page is checked by the ``site`` fixture (axe, weight, HTML)."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from participa.base.extensions import db
from participa.organizations.models import Organization
from participa.plans.models import ActionPlan, Axis, Commitment, CommitmentStatus, PlanStatus
from participa.plans.versions import ContactData, MilestoneData, add_version, version_values
from participa.tracking.models import LeadOrganization

from .test_journeys import CSO_MEMBER, MODERATOR, flash

pytestmark = pytest.mark.browser

INSTITUTION_MEMBER = "enlace@participa.example"  # the demo's member of GPAT
GPAT = "Comisión Presidencial de Gestión Pública Abierta y Transparencia"


def tiny_pdf(text: str) -> bytes:
    """A small valid PDF of one page saying ``text`` (its cross-reference offsets computed)."""
    stream = f"BT /F1 18 Tf 36 96 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n"
            "%%EOF\n").encode()
    return bytes(out)


def arrange_published_commitment(server, unique: str) -> tuple[int, int, str, str]:
    """A plan in implementation with an axis and a published commitment of three
    milestones, whose lead institution is GPAT; (plan id, commitment id, title, axis)."""
    title = f"Datos abiertos de compras públicas ({unique})"
    axis_name = f"Transparencia fiscal ({unique})"
    with server.arrange():
        number = (db.session.scalar(sa.select(sa.func.max(ActionPlan.number))) or 0) + 1
        plan = ActionPlan(number=number, title=f"Plan en implementación ({unique})",
                          start_year=2100 + number, end_year=2102 + number,
                          status=PlanStatus.IN_IMPLEMENTATION)
        db.session.add(plan)
        db.session.flush()
        axis = Axis(plan_id=plan.id, name=axis_name, position=1)
        db.session.add(axis)
        db.session.flush()
        commitment = Commitment(plan_id=plan.id, number=1, title=title, axis_id=axis.id,
                                lead_institution=GPAT, status=CommitmentStatus.ACTIVE)
        db.session.add(commitment)
        db.session.flush()
        add_version(
            commitment=commitment, number=1, author=None, is_final=True,
            values={**version_values(None), "title": title, "lead_institution": GPAT},
            milestones=[MilestoneData(n, f"Hito de compras {n}.", GPAT) for n in (1, 2, 3)],
            contacts=[ContactData("Enlace de GPAT")], change_note="Versión final.",
        )
        gpat = db.session.scalar(sa.select(Organization).where(Organization.name == GPAT))
        db.session.add(LeadOrganization(commitment_id=commitment.id, organization_id=gpat.id))
        db.session.commit()
        return plan.id, commitment.id, title, axis_name


def test_institution_reports_mtga_publishes_cso_comments(site, server, unique, tmp_path):
    plan_id, commitment_id, title, axis_name = arrange_published_commitment(server, unique)
    pdf = tmp_path / "acta-de-cierre.pdf"
    pdf.write_bytes(tiny_pdf(f"Acta {unique}"))
    report = f"Se publicaron los datos de todas las compras del trimestre. ({unique})"

    # The institution reports milestone 2 as complete, with the PDF, and sends it.
    page = site.signed_in_page(INSTITUTION_MEMBER, server.demo_password)
    page.goto(f"/planes/compromisos/{commitment_id}")
    page.get_by_role("link", name="Informar el avance del hito 2").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Informar un avance")
    page.get_by_label("Estado del hito").select_option(label="Completo")
    page.get_by_label("Avance", exact=True).fill(report)
    page.get_by_role("button", name="Guardar como borrador").click()
    flash(page, "El avance quedó guardado como borrador.")
    page.get_by_label("Archivo", exact=True).set_input_files(str(pdf))
    page.get_by_label("Título del archivo").fill("Acta de cierre del trimestre")
    page.get_by_role("button", name="Añadir el archivo").click()
    flash(page, "El archivo quedó añadido a la evidencia.")
    evidence = page.get_by_role("link", name="Acta de cierre del trimestre")
    expect(evidence).to_be_visible()
    assert page.request.get(evidence.get_attribute("href")).headers["content-type"] == \
        "application/pdf"
    page.get_by_role("button", name="Enviar a la MTGA").click()
    flash(page, "El avance quedó enviado a la MTGA para su revisión.")
    page.close()

    # The MTGA publishes it from its workspace.
    page = site.signed_in_page(MODERATOR, server.demo_password)
    page.goto("/seguimiento/")
    page.get_by_role("link", name=re.compile(re.escape(title))).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Avance del hito 2")
    page.get_by_role("button", name="Publicar el avance").click()
    flash(page, "El avance quedó publicado en la página del compromiso.")
    timeline = page.get_by_role("article").filter(has_text=report)
    expect(timeline).to_contain_text("Hito 2: Completo")
    expect(timeline.get_by_role("link", name="Acta de cierre del trimestre")).to_be_visible()
    page.close()

    # A CSO member comments on the published update.
    page = site.signed_in_page(CSO_MEMBER, server.demo_password)
    page.goto(f"/planes/compromisos/{commitment_id}")
    update = page.get_by_role("article").filter(has_text=report)
    update.get_by_role("link", name="Comentar este avance").click()
    comment = f"¿Los datos incluyen las compras por excepción? ({unique})"
    page.get_by_label("Su comentario").fill(comment)
    page.get_by_role("button", name="Publicar el comentario").click()
    expect(page.get_by_role("article").filter(has_text=report)
           .get_by_role("article").filter(has_text=comment)).to_be_visible()

    # The plan's page: the commitment's completion and its axis's roll-up.
    page.goto(f"/planes/{plan_id}")
    by_commitment = page.get_by_role("group", name="Por compromiso").get_by_role(
        "row").filter(has_text=title)
    expect(by_commitment).to_contain_text("1 de 3 hitos completos (33 %)")
    expect(by_commitment).to_contain_text("Limitado")
    by_axis = page.get_by_role("group", name="Por eje").get_by_role("row").filter(
        has_text=axis_name)
    expect(by_axis).to_contain_text("1 de 3 hitos completos (33 %)")
    page.close()
