"""Traceability: the proposal page says which commitments the proposal fed and, once
published, the MTGA's response; the commitment page lists every proposal behind it; "Mi
participación" shows the decision and the commitment once published."""

from __future__ import annotations

import re

import pytest
from flask import render_template

from participa.accounts.models import User
from participa.base.extensions import db
from participa.consolidation import services
from participa.consultations.models import ConsultationRound
from participa.plans.models import Commitment
from participa.proposals.models import Proposal
from participa.web import slots

from ..factories import login_as, make_commitment, make_plan
from ..pages import html

XSS = '<script>alert("x")</script>'
ESCAPED = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;"


@pytest.fixture
def answered(app, world) -> int:
    """A draft from P1 and P2; P1 merged into it, P3 not incorporated: prepared only."""
    with app.app_context():
        moderator = db.session.get(User, world["moderator"])
        round_ = db.session.get(ConsultationRound, world["round"])
        first, second, third = (db.session.get(Proposal, pid) for pid in world["proposals"][:3])
        draft = services.create_draft(actor=moderator, round=round_, proposals=[first, second],
                                      title=f"Compras abiertas {XSS}")
        services.prepare_response(actor=moderator, proposal=first, decision="fusionada",
                                  reason=f"Se fusionó con la propuesta de presupuesto.\n\n{XSS}",
                                  commitment=draft)
        services.prepare_response(actor=moderator, proposal=third, decision="no_incorporada",
                                  reason="Corresponde a las municipalidades.", commitment=None)
        db.session.commit()
        return draft.id


def _publish(app, world) -> None:
    with app.app_context():
        services.publish_responses(actor=db.session.get(User, world["moderator"]),
                                   round=db.session.get(ConsultationRound, world["round"]))
        db.session.commit()


def _outcome(page: str) -> str:
    match = re.search(r'<section id="respuesta".*?</section>', page, re.S)
    assert match, page
    return match.group(0)


def test_the_proposal_page_shows_the_response_after_publication_and_not_before(
        client, app, world, answered):
    first = f"/propuestas/{world['proposals'][0]}"
    before = _outcome(html(client.get(first)))
    # The link to the draft is public at once; the decision and reason only when published.
    assert f'href="/planes/compromisos/{answered}"' in before
    assert "Compromiso 1: Compras abiertas " + ESCAPED in before
    assert "todavía no la ha respondido" in before
    assert "Fusionada en un compromiso" not in before
    assert "Se fusionó" not in before
    login_as(client, "participant")
    assert "Se fusionó" not in html(client.get(first))
    assert "Preparar la respuesta" not in html(client.get(first))

    _publish(app, world)
    for who in ("anonymous", "participant"):
        client.post("/cuenta/salir")
        login_as(client, who)
        after = _outcome(html(client.get(first)))
        assert "Respuesta de la Mesa Técnica de Gobierno Abierto" in after
        assert "<strong>Fusionada en un compromiso</strong>" in after
        assert '<p lang="es">Se fusionó con la propuesta de presupuesto.</p>' in after
        assert ESCAPED in after and XSS not in after
        assert after.count(f'href="/planes/compromisos/{answered}"') == 2
        assert "Publicada el" in after
    third = _outcome(html(client.get(f"/propuestas/{world['proposals'][2]}")))
    assert "<strong>No incorporada</strong>" in third
    assert "Corresponde a las municipalidades." in third
    assert "Se tomó en cuenta" not in third


def test_moderators_see_the_prepared_response_and_the_way_to_answer(client, world, answered):
    login_as(client, "moderator")
    page = _outcome(html(client.get(f"/propuestas/{world['proposals'][0]}")))
    assert "Preparada, sin publicar" in page
    assert "Se fusionó" in page
    assert (f'href="/moderacion/propuestas/{world["proposals"][0]}/respuesta?volver=/propuestas/'
            f'{world["proposals"][0]}"') in page
    untouched = _outcome(html(client.get(f"/propuestas/{world['proposals'][4]}")))
    assert "Preparar la respuesta" in untouched


def _behind(commitment) -> str:
    """The commitment page's slot "commitment.proposals", as that page renders it."""
    return "".join(render_template(slot.template, slot=slot, commitment=commitment)
                   for slot in slots.gather("commitment.proposals", commitment=commitment))


def test_the_commitment_partial_lists_every_proposal_behind_it(app, world, answered):
    with app.app_context():
        deleted = db.session.get(User, world["author"])
        commitment = db.session.get(Commitment, answered)
        references = [db.session.get(Proposal, pid).reference for pid in world["proposals"][:2]]
        historical = make_commitment(make_plan())
        with app.test_request_context():
            page = _behind(commitment)
            assert page.count("<tr>") == 3  # the header and two proposals
            for reference in references:
                assert f"<td>{reference}</td>" in page
            assert f'href="/propuestas/{world["proposals"][0]}"' in page
            assert "Compras municipales abiertas" in page
            assert "<td>Ana Autora</td>" in page
            assert "<td>3 apoyos</td>" in page and "<td>1 apoyo</td>" in page
            # The historical record: no section at all.
            assert _behind(historical).strip() == ""
        # A deleted author shows as such.
        deleted.deleted_at = deleted.created_at
        db.session.commit()
        with app.test_request_context():
            page = _behind(db.session.get(Commitment, answered))
            assert "Participante eliminado" in page and "Ana Autora" not in page


def _cells(page: str, section: str) -> str:
    match = re.search(rf'<section aria-labelledby="{section}">.*?</section>', page, re.S)
    assert match, page
    return match.group(0)


def test_mi_participacion_shows_the_decision_and_commitment_once_published(
        client, app, world, answered):
    login_as(client, "author")
    own = _cells(html(client.get("/mi-participacion")), "mis-propuestas")
    assert "Fusionada en un compromiso" not in own
    assert own.count("todavía no la ha respondido") == 5
    _publish(app, world)
    own = _cells(html(client.get("/mi-participacion")), "mis-propuestas")
    assert "<strong>Fusionada en un compromiso</strong>: <a " in own
    assert f'href="/planes/compromisos/{answered}"' in own
    assert "<strong>No incorporada</strong>" in own
    assert own.count("todavía no la ha respondido") == 3
    client.post("/cuenta/salir")
    login_as(client, "sup_cak")
    supported = _cells(html(client.get("/mi-participacion")), "apoyadas")
    assert "<strong>Fusionada en un compromiso</strong>" in supported
    assert supported.count("todavía no la ha respondido") == 1  # P2: no response yet

