"""The rule of voting walked as a table (person x commitment x phase): for every case, the
views' answers (vote and take the vote back: status and message) and the services' refusals
are what ``voting.permissions.vote_refusal`` answers."""

from __future__ import annotations

import itertools

import pytest

from participa.accounts.models import User
from participa.base.extensions import db
from participa.base.time import utcnow
from participa.consultations.models import ConsultationRound, PhaseKind
from participa.plans.models import Commitment, CommitmentStatus
from participa.voting import permissions, services

from ..factories import login_as, make_user, service_answer
from .conftest import make_draft, round_in

JSON = {"Accept": "application/json"}
PEOPLE = ("participant", "unconfirmed", "blocked")
COMMITMENTS = ("draft", "published")
PHASES = {"vote": PhaseKind.VOTE, "comments": PhaseKind.COMMENTS, "publication":
          PhaseKind.PUBLICATION, "future": None}
ACTIONS = {"votar": services.cast_vote, "retirar-voto": services.withdraw_vote}


@pytest.fixture
def app_config() -> dict:
    return {"RATELIMIT_ENABLED": False}  # the walk posts more than a person may



@pytest.mark.parametrize("action", list(ACTIONS))
def test_views_and_services_answer_what_the_rule_answers(app, action):
    with app.app_context():
        people = {
            "participant": make_user(email_address="participant@example.org"),
            "unconfirmed": make_user(email_address="unconfirmed@example.org",
                                     confirmed=False),
            "blocked": make_user(email_address="blocked@example.org"),
        }
        people["blocked"].blocked_at = utcnow()
        people["blocked"].block_reason = "Publicidad repetida"
        db.session.commit()
        ids = {who: person.id for who, person in people.items()}
        # One commitment per case (a vote cast by one case leaves the others as they were).
        cases = {}
        for who, state, phase in itertools.product(PEOPLE, COMMITMENTS, PHASES):
            round_ = round_in(PHASES[phase])
            status = CommitmentStatus.DRAFT if state == "draft" else CommitmentStatus.ACTIVE
            cases[who, state, phase] = (round_.id, make_draft(round_, status=status).id)
    clients = {}
    for who in PEOPLE:
        clients[who] = app.test_client()
        login_as(clients[who], who)
    refused = set()
    for (who, state, phase), (round_id, commitment_id) in cases.items():
        case = (action, who, state, phase)
        with app.app_context():
            user = db.session.get(User, ids[who])
            round_ = db.session.get(ConsultationRound, round_id)
            commitment = db.session.get(Commitment, commitment_id)
            refusal = permissions.vote_refusal(user, round_, commitment)
            expected = None if refusal is None else (refusal.status, str(refusal))
            answer = service_answer(lambda user=user, round_=round_, commitment=commitment:
                                     ACTIONS[action](user=user, round=round_,
                                                     commitment=commitment))
        assert answer == expected, case
        url = f"/consultas/{round_id}/priorizacion/{commitment_id}/{action}"
        response = clients[who].post(url, headers=JSON)
        if expected is None:
            assert response.status_code == 303, case
        else:
            refused.add(expected)
            assert (response.status_code, response.get_json()["message"]) == expected, case
            assert clients[who].post(url).status_code == expected[0], case
    assert len(refused) >= 4, refused  # the table reaches every kind of refusal
