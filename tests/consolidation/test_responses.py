"""Reasoned responses: prepared one by one (the reason is required unless the proposal is
fully incorporated), published together, corrected with a new audit event and a new
notification."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from participa.accounts.models import User
from participa.base.errors import Invalid
from participa.base.extensions import db
from participa.consolidation import services
from participa.consultations.models import ConsultationRound
from participa.notifications.models import Notification
from participa.proposals.models import Proposal, Response, ResponseDecision

from ..client import form_values
from ..factories import audit_events, login_as, the
from ..pages import html
from .conftest import commitments_of, links, responses


@pytest.fixture
def draft(app, world) -> int:
    """A draft of the round linked to P1 and P2."""
    with app.app_context():
        moderator = db.session.get(User, world["moderator"])
        round_ = db.session.get(ConsultationRound, world["round"])
        proposals = [db.session.get(Proposal, pid) for pid in world["proposals"][:2]]
        commitment = services.create_draft(actor=moderator, round=round_, proposals=proposals,
                                           title="Compras y presupuesto abiertos")
        db.session.commit()
        return commitment.id


def _prepare(world, index, decision, reason="", commitment_id=None):
    moderator = db.session.get(User, world["moderator"])
    proposal = db.session.get(Proposal, world["proposals"][index])
    commitment = db.session.get(services.Commitment, commitment_id) if commitment_id else None
    return services.prepare_response(actor=moderator, proposal=proposal, decision=decision,
                                     reason=reason, commitment=commitment)


# The rules, through the service ----------------------------------------------------------------

RULES = [
    # (proposal index, decision, reason, with the draft?, field refused or None)
    (2, "incorporada", "", False, None),  # P3 is not linked: no commitment needed
    (0, "incorporada", "", True, None),
    (0, "incorporada", "", False, "commitment"),  # linked: name the commitment
    (0, "parcialmente", "Solo la parte de compras.", True, None),
    (0, "parcialmente", "", True, "reason"),
    (0, "parcialmente", "Solo una parte.", False, "commitment"),
    (0, "fusionada", "Se fusionó con P2.", True, None),
    (2, "fusionada", "Se fusionó.", False, "commitment"),  # merged: always a commitment
    (0, "fusionada", "", True, "reason"),
    (2, "no_incorporada", "No es competencia del Ejecutivo.", False, None),
    (2, "no_incorporada", "   ", False, "reason"),
    (2, "no_incorporada", "No.", True, "commitment"),
    (2, "fuera_de_alcance", "Corresponde al Congreso.", False, None),
    (2, "fuera_de_alcance", "", False, "reason"),
    (2, "no_incorporada", "x" * 4001, False, "reason"),
]


@pytest.mark.parametrize(("index", "decision", "reason", "with_draft", "refused"), RULES)
def test_response_rules(app, world, draft, index, decision, reason, with_draft, refused):
    with app.app_context():
        if refused is None:
            response = _prepare(world, index, decision, reason, draft if with_draft else None)
            db.session.commit()
            assert response.decision == ResponseDecision(decision)
            assert response.reason == reason.strip()
            assert response.published_at is None
            assert response.prepared_by_id == world["moderator"]
        else:
            with pytest.raises(Invalid) as refusal:
                _prepare(world, index, decision, reason, draft if with_draft else None)
            assert refusal.value.field == refused
            db.session.rollback()
            assert responses() == {}


def test_a_commitment_of_another_round_is_refused(app, world, draft):
    with app.app_context():
        moderator = db.session.get(User, world["moderator"])
        other = services.create_draft(
            actor=moderator, round=db.session.get(ConsultationRound, world["other_round"]),
            proposals=[db.session.get(Proposal, world["foreign"])], title="Ajeno")
        with pytest.raises(Invalid) as refusal:
            _prepare(world, 2, "fusionada", "Se fusionó.", other.id)
        assert refusal.value.field == "commitment"


def test_naming_a_commitment_links_the_proposal(app, world, draft):
    with app.app_context():
        _prepare(world, 2, "fusionada", "Se fusionó con compras.", draft)
        db.session.commit()
        assert (world["proposals"][2], draft) in links()
        [attach] = [e for e in audit_events("consolidation.attach")]
        assert attach.after["via"] == "response"


# The form ---------------------------------------------------------------------------------------


def test_the_form_answers_422_keeping_what_was_typed(client, app, world, draft):
    login_as(client, "moderator")
    url = f"/moderacion/propuestas/{world['proposals'][0]}/respuesta"
    page = html(client.get(url))
    assert f'<option value="{draft}">1. Compras y presupuesto abiertos</option>' in page
    response = client.post(url, data={"decision": "no_incorporada", "reason": "",
                                      "commitment": "", "version": ""})
    assert response.status_code == 422
    page = html(response)
    assert "Explique el motivo" in page
    assert re.search(r'<input checked id="decision-\d" name="decision" required type="radio" '
                     r'value="no_incorporada">', page)
    response = client.post(url, data={"decision": "fusionada", "reason": "Se fusionó < & >",
                                      "commitment": "", "version": ""})
    assert response.status_code == 422
    page = html(response)
    assert "Elija el compromiso en el que se fusionó la propuesta." in page
    assert "Se fusionó &lt; &amp; &gt;</textarea>" in page
    response = client.post(url, data={"reason": "Sin decisión", "version": ""})
    assert response.status_code == 422
    assert "Sin decisión</textarea>" in html(response)
    # A commitment that is not among the round's: refused by the form's choices.
    response = client.post(url, data={"decision": "fusionada", "reason": "x",
                                      "commitment": "99999", "version": ""})
    assert response.status_code == 422
    with app.app_context():
        assert responses() == {}
        assert audit_events("response.prepare") == []


def test_prepare_from_the_workspace_then_change_it(client, app, world, draft):
    login_as(client, "moderator")
    workspace = f"/moderacion/consultas/{world['round']}"
    url = f"/moderacion/propuestas/{world['proposals'][0]}/respuesta"
    response = client.post(url, data={"decision": "fusionada", "reason": "Se fusionó.",
                                      "commitment": str(draft), "version": "",
                                      "volver": workspace})
    assert response.status_code == 303
    assert response.headers["Location"] == workspace
    page = html(client.get(url))
    version = form_values(page)["version"]
    assert version
    response = client.post(url, data={"decision": "parcialmente", "reason": "Solo compras.",
                                      "commitment": str(draft), "version": version})
    assert response.status_code == 303
    # Saving the same again changes nothing and writes no event.
    version = form_values(html(client.get(url)))["version"]
    client.post(url, data={"decision": "parcialmente", "reason": "Solo compras.",
                           "commitment": str(draft), "version": version})
    with app.app_context():
        [response] = responses().values()
        assert (response.decision, response.reason) == (ResponseDecision.PARTLY, "Solo compras.")
        events = audit_events("response.prepare")
        assert len(events) == 2
        assert events[0].before is None
        assert events[0].after == {"decision": "fusionada", "reason": "Se fusionó.",
                                   "commitment_id": draft, "language": "es"}
        assert events[1].before == events[0].after
        assert events[1].after["decision"] == "parcialmente"
        assert events[1].target_label.startswith("P-")
        # Nobody is told anything before publication.
        assert db.session.scalar(sa.select(sa.func.count(Notification.id))) == 0


def test_someone_elses_change_is_not_overwritten(client, app, world, draft):
    login_as(client, "moderator")
    url = f"/moderacion/propuestas/{world['proposals'][2]}/respuesta"
    loaded = form_values(html(client.get(url)))["version"]
    assert loaded == ""
    with app.app_context():  # another moderator saves first
        _prepare(world, 2, "no_incorporada", "Lo dijo la otra persona.")
        db.session.commit()
    response = client.post(url, data={"decision": "fuera_de_alcance",
                                      "reason": "Lo que yo escribí.", "version": loaded})
    assert response.status_code == 409
    page = html(response)
    assert "Otra persona cambió esta respuesta" in page
    assert "Lo que yo escribí.</textarea>" in page
    with app.app_context():
        assert the(Response, responses()[world["proposals"][2]].id).reason == \
            "Lo dijo la otra persona."
    # Having seen it, saving again overwrites it.
    response = client.post(url, data={"decision": "fuera_de_alcance",
                                      "reason": "Lo que yo escribí.",
                                      "version": form_values(page)["version"]})
    assert response.status_code == 303
    with app.app_context():
        assert responses()[world["proposals"][2]].reason == "Lo que yo escribí."


# Publication -------------------------------------------------------------------------------------


def test_prepare_then_publish_together(client, app, world, draft):
    with app.app_context():
        _prepare(world, 0, "fusionada", "Se fusionó con P2.", draft)
        _prepare(world, 1, "incorporada", "", draft)
        _prepare(world, 2, "no_incorporada", "Ya existe una ley.")
        db.session.commit()
    login_as(client, "moderator")
    page = html(client.get(f"/moderacion/consultas/{world['round']}/publicar"))
    assert "Se publicarán juntas 3 respuestas preparadas." in page
    assert "2 propuestas todavía no tienen respuesta" in page
    response = client.post(f"/moderacion/consultas/{world['round']}/publicar")
    assert response.status_code == 303
    assert "Publicó 3 respuestas." in html(client.get(f"/moderacion/consultas/{world['round']}"))
    with app.app_context():
        published = responses()
        assert len(published) == 3
        assert len({r.published_at for r in published.values()}) == 1
        assert {r.published_by_id for r in published.values()} == {world["moderator"]}
        [event] = audit_events("responses.publish")
        assert event.actor_id == world["moderator"]
        assert event.target_type == "consultation_rounds" and event.target_id == world["round"]
        assert event.after["count"] == 3
        assert sorted(event.after["response_ids"]) == sorted(r.id for r in published.values())
        assert sorted(event.after["proposal_ids"]) == sorted(world["proposals"][:3])
    # Nothing left: publishing again publishes nothing and writes no event.
    client.post(f"/moderacion/consultas/{world['round']}/publicar")
    assert "No había respuestas preparadas por publicar." in html(
        client.get(f"/moderacion/consultas/{world['round']}"))
    with app.app_context():
        assert len(audit_events("responses.publish")) == 1
        # Later responses are published by a later publication.
        _prepare(world, 3, "no_incorporada", "Después.")
        db.session.commit()
        moderator = db.session.get(User, world["moderator"])
        round_ = db.session.get(ConsultationRound, world["round"])
        assert services.publish_responses(actor=moderator, round=round_) == 1
        db.session.commit()


def test_correcting_a_published_response(client, app, world, draft):
    with app.app_context():
        _prepare(world, 0, "fusionada", "Se fusionó.", draft)
        moderator = db.session.get(User, world["moderator"])
        services.publish_responses(actor=moderator,
                                   round=db.session.get(ConsultationRound, world["round"]))
        db.session.commit()
        first_round = db.session.scalar(sa.select(sa.func.count(Notification.id)))
        published_at = responses()[world["proposals"][0]].published_at
    login_as(client, "admin")
    url = f"/moderacion/propuestas/{world['proposals'][0]}/respuesta"
    page = html(client.get(url))
    assert "Si la corrige, la corrección se verá enseguida" in page
    response = client.post(url, data={"decision": "parcialmente",
                                      "reason": "Solo la parte de compras.",
                                      "commitment": str(draft),
                                      "version": form_values(page)["version"]})
    assert response.status_code == 303
    with app.app_context():
        corrected = responses()[world["proposals"][0]]
        assert corrected.decision == ResponseDecision.PARTLY
        assert corrected.published_at == published_at
        [event] = audit_events("response.correct")
        assert event.actor_id == world["admin"]
        assert event.before == {"decision": "fusionada", "reason": "Se fusionó.",
                                "commitment_id": draft, "language": "es"}
        assert event.after == {"decision": "parcialmente", "reason": "Solo la parte de compras.",
                               "commitment_id": draft, "language": "es"}
        again = db.session.scalars(
            sa.select(Notification).where(Notification.kind == "response_corrected")
        ).all()
        # The author and the three supporters of P1 (deleted accounts would be left out).
        assert {n.user_id for n in again} == {world["author"], world["sup_cak"],
                                              world["sup_quiet"], world["sup_unconfirmed"]}
        assert len(again) == first_round
        assert {n.params["decision"] for n in again} == {"parcialmente"}


def test_withdrawn_proposals_may_be_answered_but_are_not_pending(app, world):
    from ..factories import make_proposal

    with app.app_context():
        round_ = db.session.get(ConsultationRound, world["round"])
        withdrawn = make_proposal(round_, db.session.get(User, world["author"]), withdrawn=True)
        from participa.consolidation import queries

        summary = queries.summary(round_)
        assert summary["proposals"] == 6 and summary["withdrawn"] == 1
        assert summary["unanswered"] == 5
        moderator = db.session.get(User, world["moderator"])
        services.prepare_response(actor=moderator, proposal=withdrawn,
                                  decision="no_incorporada", reason="Su autora la retiró.",
                                  commitment=None)
        db.session.commit()
        assert queries.summary(round_)["prepared"] == 1
        assert commitments_of(world["round"]) == []
