"""Consolidation never contradicts a response (issue 15, item 2). A response that says a
proposal fed no commitment ("No incorporada", "Fuera del alcance del plan") and a link of
that proposal to a commitment cannot stand together: linking such a proposal is refused (409,
naming the response, with a link to correct it), and a response that says so removes the
proposal's links in the same step (audited). So the report never says both."""

from __future__ import annotations

import csv
import io

import pytest
import sqlalchemy as sa

from participa.accounts.models import User
from participa.base.errors import Conflict
from participa.base.extensions import db
from participa.consolidation import services
from participa.consultations.models import ConsultationRound
from participa.notifications.models import Notification
from participa.proposals.models import Proposal, ResponseDecision

from ..client import form_values
from ..factories import audit_events, login_as
from ..pages import html
from .conftest import commitments_of, links, responses

OUT = "Fuera del alcance del plan"


def _get(model, id_):
    return db.session.get(model, id_)


def _answer(world, index, decision, reason, *, commitment=None, publish=True):
    moderator = _get(User, world["moderator"])
    services.prepare_response(actor=moderator, proposal=_get(Proposal, world["proposals"][index]),
                              decision=decision, reason=reason, commitment=commitment)
    if publish:
        services.publish_responses(actor=moderator,
                                   round=_get(ConsultationRound, world["round"]))


@pytest.fixture
def out_of_scope(app, world) -> str:
    """P1's response, published: out of the plan's scope. Its reference."""
    with app.app_context():
        _answer(world, 0, "fuera_de_alcance", "Corresponde al Congreso.")
        db.session.commit()
        return _get(Proposal, world["proposals"][0]).reference


def _report_rows(client, world) -> dict[str, dict]:
    text = client.get(f"/consultas/{world['round']}/informe.csv").get_data(as_text=True)
    return {row["reference"]: row for row in csv.DictReader(io.StringIO(text.lstrip("\ufeff")))}


def _consistent(rows: dict[str, dict]) -> None:
    for row in rows.values():
        if row["decision"] in ("no_incorporada", "fuera_de_alcance"):
            assert row["commitments"] in ("", "[]"), row


def test_a_draft_from_a_proposal_answered_out_of_scope_is_refused(app, world, out_of_scope):
    with app.app_context():
        moderator = _get(User, world["moderator"])
        chosen = [_get(Proposal, pid) for pid in world["proposals"][:2]]
        with pytest.raises(Conflict) as refusal:
            services.create_draft(actor=moderator,
                                  round=_get(ConsultationRound, world["round"]),
                                  proposals=chosen, title="Compras abiertas")
        message = str(refusal.value)
        assert out_of_scope in message and OUT in message
        assert "Corrija" in message
        db.session.rollback()
        assert commitments_of(world["round"]) == [] and links() == set()


def test_the_confirmation_page_names_the_response_and_links_to_correct_it(
        client, app, world, out_of_scope):
    login_as(client, "moderator")
    workspace = f"/moderacion/consultas/{world['round']}"
    ids = [str(pid) for pid in world["proposals"][:2]]
    correct = f"/moderacion/propuestas/{world['proposals'][0]}/respuesta"

    # Before posting: the page warns beside the proposal and links to its response.
    page = html(client.get(f"{workspace}/borradores/nuevo", query_string={"p": ids}))
    assert OUT in page and f'href="{correct}?volver=' in page

    response = client.post(f"{workspace}/borradores/nuevo",
                           data={"p": ids, "title": "Compras abiertas", "volver": workspace})
    assert response.status_code == 409
    page = html(response)
    assert out_of_scope in page and OUT in page
    assert f'href="{correct}?volver=' in page
    assert 'value="Compras abiertas"' in page  # what was typed is kept
    with app.app_context():
        assert commitments_of(world["round"]) == [] and links() == set()
        assert not audit_events("draft.create")
    _consistent(_report_rows(client, world))


def test_attaching_it_to_a_draft_is_refused_too(client, app, world, out_of_scope):
    with app.app_context():
        draft = services.create_draft(
            actor=_get(User, world["moderator"]),
            round=_get(ConsultationRound, world["round"]),
            proposals=[_get(Proposal, world["proposals"][1])], title="Presupuesto abierto")
        db.session.commit()
        draft_id = draft.id
    login_as(client, "moderator")
    workspace = f"/moderacion/consultas/{world['round']}"
    response = client.post(f"{workspace}/vincular", data={
        "p": [str(world["proposals"][0]), str(world["proposals"][2])],
        "commitment": str(draft_id), "volver": workspace,
    })
    assert response.status_code == 409
    page = html(response)
    assert out_of_scope in page and OUT in page
    with app.app_context():
        assert links() == {(world["proposals"][1], draft_id)}  # nothing added, P3 neither
        assert not audit_events("consolidation.attach")


def test_a_prepared_response_that_says_no_blocks_the_link_as_well(app, world):
    with app.app_context():
        _answer(world, 2, "no_incorporada", "No es competencia del Ejecutivo.", publish=False)
        with pytest.raises(Conflict) as refusal:
            services.create_draft(actor=_get(User, world["moderator"]),
                                  round=_get(ConsultationRound, world["round"]),
                                  proposals=[_get(Proposal, world["proposals"][2])],
                                  title="Consejos en línea")
        assert "No incorporada" in str(refusal.value)


def test_correcting_the_response_then_consolidating(client, app, world, out_of_scope):
    """The way through: correct the published response (the author and the supporters are
    told), then the draft is made; the report says one thing."""
    login_as(client, "moderator")
    workspace = f"/moderacion/consultas/{world['round']}"
    ids = [str(pid) for pid in world["proposals"][:2]]
    confirm = f"{workspace}/borradores/nuevo?p={ids[0]}&p={ids[1]}"
    url = f"/moderacion/propuestas/{world['proposals'][0]}/respuesta"
    page = html(client.get(url, query_string={"volver": confirm}))
    response = client.post(url, data={
        "decision": "parcialmente", "reason": "Se retoma la parte de compras.",
        "commitment": "", "version": form_values(page)["version"], "volver": confirm,
    })
    assert response.status_code == 303
    assert response.headers["Location"] == confirm
    with app.app_context():
        assert audit_events("response.correct")
        told = db.session.scalars(sa.select(Notification.user_id).where(
            Notification.kind == "response_corrected")).all()
        assert world["author"] in told
    response = client.post(f"{workspace}/borradores/nuevo",
                           data={"p": ids, "title": "Compras abiertas", "volver": workspace})
    assert response.status_code == 303
    rows = _report_rows(client, world)
    _consistent(rows)
    assert rows[out_of_scope]["decision"] == "parcialmente"


def test_answering_no_removes_the_links_audited(client, app, world):
    with app.app_context():
        draft = services.create_draft(
            actor=_get(User, world["moderator"]),
            round=_get(ConsultationRound, world["round"]),
            proposals=[_get(Proposal, pid) for pid in world["proposals"][:2]],
            title="Compras y presupuesto abiertos")
        _answer(world, 0, "fusionada", "Se fusionó.", commitment=draft)
        db.session.commit()
        draft_id = draft.id
    login_as(client, "moderator")
    url = f"/moderacion/propuestas/{world['proposals'][0]}/respuesta"
    page = html(client.get(url))
    # The form says what such a decision does to the links.
    assert "se quitará el vínculo" in page
    response = client.post(url, data={"decision": "fuera_de_alcance",
                                      "reason": "Corresponde al Congreso.", "commitment": "",
                                      "version": form_values(page)["version"]})
    assert response.status_code == 303
    with app.app_context():
        assert links() == {(world["proposals"][1], draft_id)}
        assert responses()[world["proposals"][0]].decision == ResponseDecision.OUT_OF_SCOPE
        [detach] = audit_events("consolidation.detach")
        assert detach.after == {"proposals": [], "via": "response"}
        assert detach.before["proposals"][0]["id"] == world["proposals"][0]
    _consistent(_report_rows(client, world))
    page = html(client.get(f"/propuestas/{world['proposals'][0]}"))
    assert OUT in page and "Se tomó en cuenta" not in page

