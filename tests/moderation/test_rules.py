"""The rules of moderation walked as tables: for every case, the view's answers and the
service's refusal are what the rule of ``moderation.permissions`` answers, so that a rule
changed in one place only (the rule, the view or the service) fails here.

- Reporting (``report_refusal``): each person (anonymous, unconfirmed, blocked, participant,
  the author, moderator) reports a proposal or a comment (visible, hidden, pending) of
  ``author``'s, or an account (living, deleted; ``author`` reports their own).
- Blocking (``block_refusal``): anonymous, a participant, a moderator and an administrator
  block a participant, a blocked participant, a moderator, an administrator, a deleted
  account and themselves.
"""

from __future__ import annotations

import itertools

import pytest
from markupsafe import escape

from participa.accounts.models import User
from participa.base.extensions import db
from participa.base.time import utcnow
from participa.comments.models import Comment
from participa.content import visibility
from participa.content.visibility import ModerationState
from participa.moderation import permissions, services
from participa.proposals.models import Proposal

from ..factories import (
    login_as,
    make_open_round,
    make_proposal,
    make_user,
    named_person,
    service_answer,
)

JSON = {"Accept": "application/json"}
REPORTERS = ("anonymous", "unconfirmed", "blocked", "participant", "author", "moderator")
TARGETS = {"propuesta": ("visible", "hidden", "pending"),
           "comentario": ("visible", "hidden", "pending"),
           "persona": ("living", "deleted")}
MODELS = {"propuesta": Proposal, "comentario": Comment, "persona": User}
REPORT = {"reason": "spam", "details": ""}
BLOCKERS = ("anonymous", "participant", "moderator", "admin")
BLOCKED = ("participant", "blocked", "moderator", "admin", "deleted", "self")
BLOCK = {"reason": "Publicidad repetida", "until": ""}


@pytest.fixture
def app_config() -> dict:
    return {"RATELIMIT_ENABLED": False}  # the walk posts more than a person may


def _person(name: str, **extra) -> User:
    return make_user(email_address=f"{name}@example.org", confirmed=name != "unconfirmed",
                     **extra)


def _block(user: User) -> None:
    user.blocked_at = utcnow()
    user.block_reason = "Publicidad repetida"
    db.session.commit()


def _delete(user: User) -> None:
    user.deleted_at = utcnow()
    db.session.commit()




def _clients(app, people) -> dict:
    clients = {}
    for who in people:
        clients[who] = app.test_client()
        if who != "anonymous":
            login_as(clients[who], who)
    return clients


def _to_log_in(client, page: str, path: str, form: dict, case) -> None:
    """The page (the form) and the post send anonymous visitors to the log-in page."""
    for response in (client.get(page), client.post(path, data=form, headers=JSON)):
        assert response.status_code == 302, case
        assert "/entrar" in response.location, case


def _report_target(kind: str, state: str, ids: dict[str, int], who: str) -> int:
    """A target of its own per case (a report made by one case leaves the others as they
    were)."""
    author = db.session.get(User, ids["author"])
    if kind == "persona":
        if who == "author" and state == "living":
            return author.id  # one's own account
        person = make_user()
        if state == "deleted":
            _delete(person)
        return person.id
    proposal = make_proposal(make_open_round(), author)
    item = proposal
    if kind == "comentario":
        item = Comment(proposal_id=proposal.id, author_id=author.id, depth=0,
                       body="Esto no tiene nada que ver con la propuesta.")
        db.session.add(item)
    if state in ("hidden", "pending"):
        item.moderation_state = (ModerationState.HIDDEN if state == "hidden"
                                 else ModerationState.PENDING)
    db.session.commit()
    return item.id


def test_reporting_follows_the_rule(app):
    with app.app_context():
        people = {name: _person(name, is_moderator=name == "moderator")
                  for name in REPORTERS if name != "anonymous"}
        _block(people["blocked"])
        ids = {name: person.id for name, person in people.items()}
        cases = {
            (who, kind, state): _report_target(kind, state, ids, who)
            for who in REPORTERS for kind, states in TARGETS.items() for state in states
        }
    clients = _clients(app, REPORTERS)
    refused, allowed = set(), 0
    for (who, kind, state), target_id in cases.items():
        case = (who, kind, state)
        with app.app_context():
            user = named_person(ids, who)
            target = db.session.get(MODELS[kind], target_id)
            refusal = permissions.report_refusal(user, target)
            expected = None if refusal is None else (refusal.status, str(refusal))
            # A pending item exists only for its author and moderators; a deleted account
            # for nobody.
            visible = (not target.is_deleted if kind == "persona"
                       else visibility.can_see_item(user, target))
            answer = service_answer(lambda user=user, target=target: services.report(
                reporter=user, target=target, reason="spam"))
        assert answer == expected, case
        client, path = clients[who], f"/denunciar/{kind}/{target_id}"
        if who == "anonymous":  # the view sends to the log-in page first
            assert refusal is not None, case
            _to_log_in(client, path, path, REPORT, case)
            continue
        if not visible:
            assert client.get(path).status_code == 404, case
            assert client.post(path, data=REPORT, headers=JSON).status_code == 404, case
            continue
        form_page = client.get(path)  # the view asks the rule before showing the form
        if expected is None:
            allowed += 1
            assert form_page.status_code == 200, case
            assert client.post(path, data=REPORT, headers=JSON).status_code == 303, case
        else:
            refused.add(expected)
            assert form_page.status_code == expected[0], case
            response = client.post(path, data=REPORT, headers=JSON)
            assert (response.status_code, response.get_json()["message"]) == expected, case
            page = client.post(path, data=REPORT)  # the same answer as a page
            assert page.status_code == expected[0], case
            assert str(escape(expected[1])) in page.get_data(as_text=True), case
    assert allowed
    assert len(refused) >= 4, refused  # unconfirmed, blocked, one's own, not public


def test_blocking_follows_the_rule(app):
    with app.app_context():
        people = {
            name: _person(name, is_moderator=name == "moderator", is_admin=name == "admin")
            for name in BLOCKERS if name != "anonymous"
        }
        ids = {name: person.id for name, person in people.items()}
        cases = {}
        for who, whom in itertools.product(BLOCKERS, BLOCKED):
            if whom == "self":
                if who == "anonymous":
                    continue
                cases[who, whom] = ids[who]
                continue
            person = make_user(is_moderator=whom == "moderator", is_admin=whom == "admin")
            if whom == "blocked":
                _block(person)
            if whom == "deleted":
                _delete(person)
            cases[who, whom] = person.id
    clients = _clients(app, BLOCKERS)
    refused, allowed = set(), 0
    for (who, whom), person_id in cases.items():
        case = (who, whom)
        with app.app_context():
            user = named_person(ids, who)
            person = db.session.get(User, person_id)
            refusal = permissions.block_refusal(user, person)
            expected = None if refusal is None else (refusal.status, str(refusal))
            answer = service_answer(lambda user=user, person=person: services.block_user(
                moderator=user, user=person, reason=BLOCK["reason"]))
            form = {**BLOCK, "state": services.state_token(person)}
            moderates = permissions.can_moderate_content(user)
            db.session.rollback()
        assert answer == expected, case
        client = clients[who]
        item, path = f"/moderacion/contenido/personas/{person_id}", \
            f"/moderacion/contenido/personas/{person_id}/bloquear"
        if who == "anonymous":
            _to_log_in(client, item, path, form, case)
            continue
        if not moderates:
            # The moderators' pages are closed to everyone else by the blueprint's gate,
            # before any view: the rule's status, the gate's page.
            assert expected[0] == 403, case
            assert client.get(item).status_code == 403, case
            assert client.post(path, data=form, headers=JSON).status_code == 403, case
            continue
        # The person's file offers the block form exactly when the rule allows it.
        page = client.get(item)
        assert page.status_code == 200, case
        assert (f'action="{path}"' in page.get_data(as_text=True)) is (expected is None), case
        if expected is None:
            allowed += 1
            assert client.post(path, data=form, headers=JSON).status_code == 303, case
        else:
            refused.add(expected)
            response = client.post(path, data=form, headers=JSON)
            assert (response.status_code, response.get_json()["message"]) == expected, case
            page = client.post(path, data=form)  # the same answer as a page
            assert page.status_code == expected[0], case
            assert str(escape(expected[1])) in page.get_data(as_text=True), case
    assert allowed
    assert len(refused) >= 1, refused
