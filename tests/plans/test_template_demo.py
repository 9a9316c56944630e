"""``flask demo load`` adds the two official commitment templates of the 4th plan as version 1
(final) of GT0099 and GT0094, and a demo draft with three versions in the demo round; again
and again without adding anything, and without audit events."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from participa.base.extensions import db
from participa.consultations.models import ConsultationRound
from participa.demo import proposal_data as round_data
from participa.demo.plans import DEMO_VERSIONS
from participa.plans import template_data
from participa.plans.models import Commitment, CommitmentStatus, CommitmentVersion
from participa.plans.versions import VERSION_FIELDS, ContactData, MilestoneData

from ..factories import audit_events
from ..pages import without_card_labels

SEEDS = Path("/work/shared/seeds")


def _load(runner) -> str:
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    return result.output


def _versions(code: str) -> list[CommitmentVersion]:
    commitment = db.session.scalar(sa.select(Commitment).where(Commitment.ogp_code == code))
    return list(commitment.versions)


def _demo_draft() -> Commitment:
    round_ = db.session.scalar(
        sa.select(ConsultationRound).where(ConsultationRound.title == round_data.ROUND_TITLE))
    [draft] = db.session.scalars(
        sa.select(Commitment).where(Commitment.round_id == round_.id)).all()
    return draft


def _counts():
    return (db.session.scalar(sa.select(sa.func.count(CommitmentVersion.id))),
            db.session.scalar(sa.select(sa.func.count(Commitment.id))))


def test_the_templates_are_loaded_with_their_milestones_and_contacts(app, runner):
    output = _load(runner)
    assert "Plantillas de compromisos: 2 versiones nuevas" in output
    with app.app_context():
        [v15] = _versions("GT0099")
        [v10] = _versions("GT0094")
        for version in (v15, v10):
            assert version.number == 1 and version.is_final and version.author_id is None
            assert "Versión 7-11-2018" in version.change_note
            assert (version.start_date, version.end_date) == (date(2018, 11, 1),
                                                              date(2020, 8, 30))
        assert "Plantilla del compromiso" in v15.change_note
        assert "Compromiso 15" in v15.change_note and "Compromiso 10" in v10.change_note

        assert v15.title == ("CREACIÓN E IMPLEMENTACIÓN DE ESTRATEGIA INTEGRAL DE "
                             "TRANSPARENCIA, GOBIERNO ABIERTO Y ANTICORRUPCIÓN.")
        assert [m.number for m in v15.milestones] == [1, 2, 3, 4]
        assert [(m.start_date, m.end_date) for m in v15.milestones] == [
            (date(2018, 11, 1), date(2019, 8, 1)), (date(2019, 10, 1), date(2020, 9, 1)),
            (date(2019, 7, 1), date(2020, 8, 1)), (date(2019, 7, 1), date(2020, 8, 1)),
        ]
        assert all(m.is_new for m in v15.milestones)
        assert [ContactData.of(c) for c in v15.contacts] == [ContactData(
            "Álvaro Samayoa", "Comisión Presidencial de Gestión Pública Abierta y "
            "Transparencia, Coordinador y Director Ejecutivo", "asamayoa@gobiernoabierto.gob.gt",
        )]
        assert v15.other_actors_public == ""
        assert v15.other_actors_civil == ("MTGA, Guatecívica colaborará en el hito 4 y otros "
                                          "actores interesados.")
        assert v15.observations == "--"

        assert [m.number for m in v10.milestones] == [1, 2, 3, 4, 5, 6, 7]
        assert [m.is_new for m in v10.milestones] == [True] * 5 + [False] * 2
        assert v10.milestones[5].description == (
            "Fortalecimiento del sistema de rendición de cuentas impulsado por la CGC en "
            "seguimiento al resultado alcanzado del compromiso número 14 del tercer PAN "
            "2016-2018.")
        assert v10.milestones[3].responsible == "INFOM"
        assert len(v10.contacts) == 8
        assert [c.name for c in v10.contacts][:2] == ["Julio Salvador Contreras Amaya",
                                                      "Edwin Escobar"]
        assert ContactData.of(v10.contacts[6]) == ContactData(
            "Fernando Fernández", "CGC Subcontralor de Probidad Encargado del Despacho",
            "fernandezcgc@contraloria.gob.gt", "")
        assert v10.lead_institution == ("Coordinación a cargo de: Instituto de Fomento "
                                        "Municipal –INFOM-")
        assert v10.supporting_institutions.splitlines()[-1] == (
            "Secretaría de Nacional de Ciencia y Tecnología –SENACYT-")
        assert len(v10.supporting_institutions.splitlines()) == 8
        # The historical commitments keep their OGP record.
        commitment = v15.commitment
        assert commitment.status == CommitmentStatus.ACTIVE
        assert commitment.title.startswith("Creación e implementación de una estrategia")
        assert audit_events() == []


def test_a_second_load_adds_nothing(app, runner):
    _load(runner)
    with app.app_context():
        before = _counts()
    output = _load(runner)
    assert "Plantillas de compromisos: 0 versiones nuevas" in output
    assert "borrador de demostración: 0 versiones nuevas" in output
    with app.app_context():
        assert _counts() == before
        assert audit_events() == []


def test_the_demo_draft_has_three_versions_to_compare(app, runner, client):
    output = _load(runner)
    assert "borrador de demostración: 3 versiones nuevas" in output
    with app.app_context():
        draft = _demo_draft()
        assert draft.status == CommitmentStatus.DRAFT
        assert draft.axis.name == "Transparencia fiscal"
        assert [v.number for v in draft.versions] == [1, 2, 3]
        assert not any(v.is_final for v in draft.versions)
        assert all(v.author.email == "moderador@participa.example" for v in draft.versions)
        assert draft.versions[0].created_at < draft.versions[1].created_at < (
            draft.versions[2].created_at)
        assert draft.title == DEMO_VERSIONS[-1].values["title"]
        numbers = [[m.number for m in v.milestones] for v in draft.versions]
        assert numbers == [[1, 2], [1, 2, 3], [1, 3, 4]]
        draft_id = draft.id
    page = client.get(f"/planes/compromisos/{draft_id}").get_data(as_text=True)
    assert "BORRADOR" in page and "Versión 3 de 3" in page
    page = client.get(f"/planes/compromisos/{draft_id}/diferencias?de=1&a=3").get_data(
        as_text=True)
    assert "quitado" in page and "añadido" in page and "<ins>" in page


def test_the_template_pages(app, runner, client):
    _load(runner)
    with app.app_context():
        ids = {code: _versions(code)[0].commitment_id for code in ("GT0099", "GT0094")}
    page = without_card_labels(
        client.get(f"/planes/compromisos/{ids['GT0094']}").get_data(as_text=True))
    assert "BORRADOR" not in page and "Versión definitiva" in page
    assert "noviembre de 2018 al 30 de agosto de 2020" in page
    assert len(re.findall(r'<tr id="hito-\d">', page)) == 7
    assert "<td>febrero de 2019</td>" in page and "<td>En curso</td>" in page
    assert page.count('<th scope="row">') >= 7 + 8
    page = without_card_labels(
        client.get(f"/planes/compromisos/{ids['GT0099']}").get_data(as_text=True))
    assert len(re.findall(r'<tr id="hito-\d">', page)) == 4
    assert "<td>septiembre de 2020</td>" in page


# The data module against the documents ---------------------------------------------------------


def test_the_data_module_has_both_templates():
    assert [(t.ogp_code, len(t.milestones), len(t.contacts))
            for t in template_data.TEMPLATES] == [("GT0099", 4, 1), ("GT0094", 7, 8)]
    for template in template_data.TEMPLATES:
        assert all(isinstance(m, MilestoneData) for m in template.milestones)
        assert set(VERSION_FIELDS) <= set(template._fields)


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents are not on this machine")
@pytest.mark.parametrize(("template", "seed"), [
    (template_data.COMPROMISO_15, "000_45e147d79f45896c.txt"),
    (template_data.COMPROMISO_10, "004_adccf84db263e53a.txt"),
])
def test_every_text_is_in_the_source_document(template, seed):
    """The texts are copied exactly (compared with runs of white space as one space: the
    documents' cells are split by tabs and line breaks)."""
    source = _flat((SEEDS / seed).read_text(encoding="utf-8").replace("\t", " "))
    texts = [template.title, template.lead_institution, template.problem,
             template.commitment_text, template.contribution, template.ogp_relevance,
             template.additional_information, template.other_actors_public,
             template.other_actors_civil, template.observations]
    texts += template.supporting_institutions.splitlines()
    for milestone in template.milestones:
        texts += [milestone.responsible, *milestone.description.split(" en seguimiento al ")]
    for contact in template.contacts:
        texts += [contact.name, contact.institution_post, contact.email, contact.phone]
    for text in filter(None, texts):
        assert _flat(text) in source, text
