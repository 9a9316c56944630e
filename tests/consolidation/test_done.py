"""The issue's "done means", on the demo data: a moderator takes five proposals, makes a
draft from three, answers all five, publishes, and the author of one sees where it went on
the proposal page and in "Mi participación", and has a notification."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from participa.base.extensions import db
from participa.consultations.models import ConsultationRound
from participa.demo import proposal_data as demo_data
from participa.demo import workshops as demo_workshop
from participa.plans.models import Commitment
from participa.proposals.models import Proposal, Support

from ..client import form_values
from ..factories import audit_events, login, mails
from ..pages import html
from .conftest import proposals_state

PASSWORD = "una contraseña de demostración larga"


@pytest.fixture
def app_config() -> dict:
    return {"DEMO_PASSWORD": PASSWORD}


def test_five_proposals_a_draft_from_three_all_answered_published_and_traced(
        app, client, runner):
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        round_ = db.session.scalar(sa.select(ConsultationRound).where(
            ConsultationRound.title == demo_data.ROUND_TITLE))
        round_id = round_.id
        before = proposals_state()

    assert login(client, "moderador@participa.example", PASSWORD).status_code == 302
    workspace = f"/moderacion/consultas/{round_id}"
    page = html(client.get(workspace, query_string={"sort": "most_supported"}))
    # The demo round's online proposals and its workshop's.
    total = len(demo_data.PROPOSALS) + len(demo_workshop.PROPOSALS)
    assert f"{total} propuestas" in page
    # The five most supported proposals, as the moderator sees them.
    five = [int(pid) for pid in re.findall(r'type="checkbox" name="p" value="(\d+)"', page)[:5]]
    assert len(five) == 5

    # Read two side by side, then a draft from three of them.
    assert client.get(f"{workspace}/comparar",
                      query_string={"p": [str(p) for p in five[:2]]}).status_code == 200
    response = client.post(f"{workspace}/borradores/nuevo", data={
        "p": [str(p) for p in five[:3]], "volver": workspace,
        "title": "Transparencia en las compras y el presupuesto públicos",
    })
    assert response.status_code == 303
    with app.app_context():
        draft = db.session.scalar(sa.select(Commitment).where(
            Commitment.round_id == round_id,
            Commitment.title == "Transparencia en las compras y el presupuesto públicos"))
        draft_id = draft.id
        commitments = db.session.scalar(
            sa.select(sa.func.count(Commitment.id)).where(Commitment.round_id == round_id))

    # Answer all five, one by one, from the workspace.
    answers = [
        {"decision": "fusionada", "reason": "Se fusionó con las otras dos propuestas.",
         "commitment": str(draft_id)},
        {"decision": "incorporada", "reason": "", "commitment": str(draft_id)},
        {"decision": "parcialmente", "reason": "Se tomó la parte de compras.",
         "commitment": str(draft_id)},
        {"decision": "no_incorporada", "reason": "Ya lo cubre un compromiso vigente.",
         "commitment": ""},
        {"decision": "fuera_de_alcance", "reason": "Corresponde al Congreso de la República.",
         "commitment": ""},
    ]
    for proposal_id, answer in zip(five, answers, strict=True):
        url = f"/moderacion/propuestas/{proposal_id}/respuesta"
        version = form_values(html(client.get(url, query_string={"volver": workspace})))["version"]
        response = client.post(url, data={**answer, "version": version, "volver": workspace})
        assert response.status_code == 303, html(response)
    page = html(client.get(workspace))
    assert "5 respuestas preparadas sin publicar" in page
    assert f"{total - 5} sin respuesta" in page

    response = client.post(f"{workspace}/publicar")
    assert response.status_code == 303
    assert "Publicó 5 respuestas." in html(client.get(workspace))
    client.post("/cuenta/salir")

    with app.app_context():
        # Links only: every proposal and support is as it was.
        assert proposals_state() == before
        assert [e.action for e in audit_events()].count("response.prepare") == 5
        assert [e.action for e in audit_events()][-1] == "responses.publish"
        merged = db.session.get(Proposal, five[0])
        author_email, reference = merged.author.email, merged.reference
        supporters = db.session.scalar(
            sa.select(sa.func.count(Support.id)).where(Support.proposal_id == merged.id))
        assert supporters == merged.support_count > 0

    # The author of the merged proposal sees where it went.
    assert login(client, author_email, PASSWORD).status_code == 302
    proposal_page = html(client.get(f"/propuestas/{five[0]}"))
    assert "<strong>Fusionada en un compromiso</strong>" in proposal_page
    assert "Se fusionó con las otras dos propuestas." in proposal_page
    assert f'href="/planes/compromisos/{draft_id}"' in proposal_page
    assert "Transparencia en las compras y el presupuesto públicos" in proposal_page
    participation = html(client.get("/mi-participacion"))
    row = re.search(rf"<tr>\s*<td data-label=\"Propuesta\"><a href=\"/propuestas/{five[0]}\">"
                    r".*?</tr>", participation, re.S)
    assert row, participation
    assert "<strong>Fusionada en un compromiso</strong>" in row.group(0)
    assert f'href="/planes/compromisos/{draft_id}"' in row.group(0)
    home = html(client.get("/"))
    assert re.search(r'href="/notificaciones/">Notificaciones <span class="badge">\d+', home)
    notifications = html(client.get("/notificaciones/"))
    assert f"respondió a su propuesta {reference}" in notifications
    assert f'href="/propuestas/{five[0]}#respuesta"' in notifications
    # Demo addresses are .example; the file backend still wrote the message.
    assert any(message["To"] == author_email for message in mails(app))

    # The public report tells the same.
    report = html(client.get(f"/consultas/{round_id}/informe"))
    assert f"<li>{total} aportes</li>" in report
    assert f"<li>{commitments} compromiso" in report
    assert f"<li>Respuesta pendiente: {total - 5}</li>" in report
    for label in ("Fusionada en un compromiso", "Incorporada", "Incorporada en parte",
                  "No incorporada", "Fuera del alcance del plan"):
        assert f"<li>{label}: 1</li>" in report
