"""The rules of proposals walked as a table (person x proposal state x phase): for every case,
the view's answer (status and message) and the service's refusal are what the rule of
``proposals.permissions`` answers, so the three can never drift apart again."""

from __future__ import annotations

import itertools

import pytest
from markupsafe import escape

from participa.accounts.models import User
from participa.base.extensions import db
from participa.base.time import utcnow
from participa.consultations.models import ConsultationRound, PhaseKind
from participa.content import visibility
from participa.content.visibility import ModerationState
from participa.plans.models import PlanStatus
from participa.proposals import permissions, services
from participa.proposals.models import Proposal

from ..factories import (
    login_as,
    make_axis,
    make_open_round,
    make_plan,
    make_proposal,
    make_round,
    make_support,
    make_user,
    service_answer,
)

JSON = {"Accept": "application/json"}
PEOPLE = ("author", "other", "unconfirmed", "blocked")
STATES = ("visible", "supported", "withdrawn", "hidden", "pending")
PHASES = ("open", "review", "future")
TEXTS = {
    "title": "Publicar las compras municipales en 48 horas",
    "problem": "Las compras de las municipalidades se publican tarde.",
    "proposed_commitment": "Publicar cada compra municipal en Guatecompras en 48 horas.",
    "benefit": "La ciudadanía puede vigilar el gasto local.",
    "institution": "Ministerio de Finanzas Públicas",
}


@pytest.fixture
def app_config() -> dict:
    return {"RATELIMIT_ENABLED": False}  # the walk posts more than a person may


def _form(axis_id: int, **extra) -> dict:
    return {**TEXTS, "values": ["transparencia"], "axis": str(axis_id), "organization": "",
            **extra}


# action -> (rule, url of the view, form of the view, the service called as the view does)
ACTIONS = {
    "support": (
        permissions.support_refusal,
        lambda p: f"/propuestas/{p.id}/apoyar",
        lambda p: {},
        lambda user, p: services.support_proposal(user=user, proposal=p),
    ),
    "unsupport": (
        permissions.unsupport_refusal,
        lambda p: f"/propuestas/{p.id}/retirar-apoyo",
        lambda p: {},
        lambda user, p: services.withdraw_support(user=user, proposal=p),
    ),
    "edit": (
        permissions.edit_refusal,
        lambda p: f"/propuestas/{p.id}/editar",
        lambda p: _form(p.axis_id),
        lambda user, p: services.edit_proposal(
            editor=user, proposal=p, axis=p.axis, organization=None, values=["transparencia"],
            **TEXTS),
    ),
    "withdraw": (
        permissions.withdraw_refusal,
        lambda p: f"/propuestas/{p.id}/retirar",
        lambda p: {"reason": "Ya no hace falta."},
        lambda user, p: services.withdraw_proposal(author=user, proposal=p,
                                                   reason="Ya no hace falta."),
    ),
}


def _people() -> dict[str, User]:
    people = {name: make_user(email_address=f"{name}@example.org") for name in PEOPLE
              if name != "unconfirmed"}
    people["unconfirmed"] = make_user(email_address="unconfirmed@example.org", confirmed=False)
    people["blocked"].blocked_at = utcnow()
    people["blocked"].block_reason = "Publicidad repetida"
    db.session.commit()
    return people


def _rounds() -> dict[str, ConsultationRound]:
    plan = make_plan(number=5, status=PlanStatus.IN_CONSULTATION, start_year=2026)
    make_axis(plan, name="Transparencia fiscal")
    return {
        "open": make_open_round(plan=plan),
        "review": make_open_round(PhaseKind.REVIEW, plan=plan),
        "future": make_round(plan),
    }


def _proposal(round_: ConsultationRound, author: User, supporter: User, state: str) -> int:
    proposal = make_proposal(round_, author, withdrawn=state == "withdrawn")
    if state == "supported":
        make_support(proposal, supporter)
    if state in ("hidden", "pending"):
        proposal.moderation_state = (ModerationState.HIDDEN if state == "hidden"
                                     else ModerationState.PENDING)
        db.session.commit()
    return proposal.id



@pytest.mark.parametrize("action", list(ACTIONS))
def test_views_and_services_answer_what_the_rule_answers(app, action):
    rule, url, form, service = ACTIONS[action]
    with app.app_context():
        people = _people()
        supporter = make_user()
        rounds = _rounds()
        # One proposal of the author's per case, so that what one case does leaves the
        # others as they were.
        cases = {
            (who, state, phase): _proposal(rounds[phase], people["author"], supporter, state)
            for who, state, phase in itertools.product(PEOPLE, STATES, PHASES)
        }
        ids = {name: person.id for name, person in people.items()}
    clients = {}
    for who in PEOPLE:
        clients[who] = app.test_client()
        login_as(clients[who], who)
    refused = set()
    for (who, state, phase), proposal_id in cases.items():
        case = (action, who, state, phase)
        with app.app_context():
            user = db.session.get(User, ids[who])
            proposal = db.session.get(Proposal, proposal_id)
            refusal = rule(user, proposal)
            expected = None if refusal is None else (refusal.status, str(refusal))
            visible = visibility.can_see_item(user, proposal)
            target, data = url(proposal), form(proposal)
            answer = service_answer(lambda user=user, proposal=proposal:
                                     service(user, proposal))
        assert answer == expected, case
        response = clients[who].post(target, data=data, headers=JSON)
        if not visible:  # a pending proposal exists only for its author (and moderators)
            assert response.status_code == 404, case
        elif expected is None:
            assert response.status_code in (200, 302, 303), case
        else:
            refused.add(expected)
            assert (response.status_code, response.get_json()["message"]) == expected, case
            page = clients[who].post(target, data=data)  # the same answer as a page
            assert page.status_code == expected[0], case
            assert str(escape(expected[1])) in page.get_data(as_text=True), case
    assert len(refused) >= 4, refused  # the table reaches every kind of refusal


@pytest.mark.parametrize("who", PEOPLE)
def test_submitting_follows_the_rule_in_every_phase(app, who):
    with app.app_context():
        people = _people()
        rounds = _rounds()
        round_ids = {phase: round_.id for phase, round_ in rounds.items()}
        axis_id = rounds["open"].plan.axes[0].id
        user_id = people[who].id
    client = app.test_client()
    login_as(client, who)
    for phase in PHASES:
        with app.app_context():
            user = db.session.get(User, user_id)
            round_ = db.session.get(ConsultationRound, round_ids[phase])
            refusal = permissions.submit_refusal(user, round_)
            expected = None if refusal is None else (refusal.status, str(refusal))
            answer = service_answer(lambda user=user, round_=round_: services.submit_proposal(
                author=user, round=round_, axis=round_.plan.axes[0], organization=None,
                values=["transparencia"], **TEXTS))
        assert answer == expected, (who, phase)
        response = client.post(f"/consultas/{round_ids[phase]}/propuestas/nueva",
                               data=_form(axis_id, accion="publicar"), headers=JSON)
        if expected is None:
            assert response.status_code == 302, (who, phase)
        else:
            assert (response.status_code, response.get_json()["message"]) == expected
