"""The rules of commenting walked as a table (person x state of what is commented x phase):
for every case, the view's answers (the form's GET, the POST as JSON and as a page: status
and message) and the service's refusal are what the rule of ``comments.permissions`` answers,
so that a rule changed in one place only (the rule, the view or the service) fails here;
and the page of what is commented offers the form or the link exactly when the rule allows.

The four actions and their rules:

- a new comment on a proposal (``comment_refusal``): the proposal visible, hidden, pending
  or withdrawn, in a round whose comment phases are open or not;
- a new comment on a version of a draft commitment (``version_comment_refusal``): the newest
  version, a replaced one, or a commitment that is no longer a draft; comments phase open
  or not;
- a reply (``reply_refusal``) and an edit (``edit_refusal``) of a comment: on a proposal or
  on a draft version, the comment visible, hidden, pending, older than the
  edit window ("expired"), or its page closed under it ("withdrawn": the proposal withdrawn,
  the commitment no longer a draft); open or closed phase. The comments are ``author``'s,
  except that ``unconfirmed`` and ``blocked`` edit comments of their own (written before
  they were blocked), so the edit walks the author who may no longer take part too.
"""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from markupsafe import escape

from participa.accounts.models import User
from participa.base.extensions import db
from participa.base.time import utcnow
from participa.comments import permissions, services
from participa.comments.models import Comment
from participa.consultations.models import PhaseKind
from participa.content import visibility
from participa.content.visibility import ModerationState
from participa.plans.models import CommitmentStatus, CommitmentVersion, PlanStatus
from participa.proposals.models import Proposal

from ..factories import (
    login_as,
    make_open_round,
    make_plan,
    make_proposal,
    make_round,
    make_user,
    named_person,
    service_answer,
)
from .conftest import make_draft, version_page_path

JSON = {"Accept": "application/json"}
PEOPLE = ("anonymous", "unconfirmed", "blocked", "participant", "author", "moderator")
PHASES = ("open", "closed")
PROPOSAL_STATES = ("visible", "hidden", "pending", "withdrawn")
VERSION_STATES = ("newest", "replaced", "active")
COMMENT_STATES = ("visible", "hidden", "pending", "expired", "withdrawn")
PLACES = ("proposal", "version")
OWN_COMMENTS = ("unconfirmed", "blocked")  # who edits a comment of their own, with author
BODY = "Conviene publicar también los contratos de obra municipal."
EDITED = "Conviene publicar también los contratos de obra municipal y sus cambios."


@pytest.fixture
def app_config() -> dict:
    return {"RATELIMIT_ENABLED": False}  # the walk posts more than a person may


def _people() -> dict[str, int]:
    people = {
        name: make_user(email_address=f"{name}@example.org",
                        confirmed=name != "unconfirmed", is_moderator=name == "moderator")
        for name in PEOPLE if name != "anonymous"
    }
    people["blocked"].blocked_at = utcnow()
    people["blocked"].block_reason = "Publicidad repetida"
    db.session.commit()
    return {name: person.id for name, person in people.items()}


def _rounds() -> dict[tuple[str, str], object]:
    """(place, phase) -> round: proposals take comments in the proposals phase, drafts in
    the comments phase; "closed" is a round whose phases have not started."""
    plan = make_plan(number=5, status=PlanStatus.IN_CONSULTATION, start_year=2026)
    return {
        ("proposal", "open"): make_open_round(PhaseKind.PROPOSALS, plan=plan),
        ("version", "open"): make_open_round(PhaseKind.COMMENTS, plan=plan),
        ("proposal", "closed"): make_round(plan),
        ("version", "closed"): make_round(plan),
    }


def _set_state(item, state: str) -> None:
    if state in ("hidden", "pending"):
        item.moderation_state = (ModerationState.HIDDEN if state == "hidden"
                                 else ModerationState.PENDING)
        if state == "hidden":
            item.hidden_reason = "Insultos"
        db.session.commit()


def _proposal(round_, author_id: int, state: str) -> Proposal:
    proposal = make_proposal(round_, db.session.get(User, author_id),
                             withdrawn=state == "withdrawn")
    _set_state(proposal, state)
    return proposal


def _version(round_, state: str) -> CommitmentVersion:
    """Version 1 of a draft: the newest, replaced by a version 2, or of a commitment that
    is no longer a draft."""
    commitment = make_draft(
        round_, versions=2 if state == "replaced" else 1,
        status=CommitmentStatus.ACTIVE if state == "active" else CommitmentStatus.DRAFT)
    return next(v for v in commitment.versions if v.number == 1)


def _comment(page, author_id: int, state: str) -> int:
    """A comment of ``author_id`` on ``page`` (a proposal or a version), written directly
    (whatever the phase)."""
    on_proposal = isinstance(page, Proposal)
    comment = Comment(
        proposal_id=page.id if on_proposal else None,
        version_id=None if on_proposal else page.id,
        depth=0, author_id=author_id, body=BODY,
        created_at=utcnow() - timedelta(hours=2 if state == "expired" else 0),
    )
    db.session.add(comment)
    db.session.commit()
    _set_state(comment, state)
    return comment.id




def _shown_on(target) -> str:
    """Where the form (a new comment) or the link (reply, edit) is offered: the proposal's
    page, the commitment's page at that version, the comment's place on its page."""
    if isinstance(target, Proposal):
        return f"/propuestas/{target.id}"
    if isinstance(target, CommitmentVersion):
        return version_page_path(target.commitment_id, target.number)
    return f"/comentarios/{target.id}"


# action -> (the target's model, the rule, url of the view, form of the view, the service
# called as the view does)
ACTIONS = {
    "proposal": (
        Proposal,
        permissions.comment_refusal,
        lambda p: f"/comentarios/propuestas/{p.id}/nuevo",
        {"body": BODY},
        lambda user, p: services.post_comment(author=user, body=BODY, proposal=p),
    ),
    "version": (
        CommitmentVersion,
        permissions.version_comment_refusal,
        lambda v: f"/comentarios/versiones/{v.id}/nuevo",
        {"body": BODY},
        lambda user, v: services.post_comment(author=user, body=BODY, version=v),
    ),
    "reply": (
        Comment,
        permissions.reply_refusal,
        lambda c: f"/comentarios/{c.id}/responder",
        {"body": BODY},
        lambda user, c: services.post_reply(author=user, parent=c, body=BODY),
    ),
    "edit": (
        Comment,
        permissions.edit_refusal,
        lambda c: f"/comentarios/{c.id}/editar",
        {"body": EDITED},
        lambda user, c: services.edit_comment(editor=user, comment=c, body=EDITED),
    ),
}


def _cases(action: str, ids: dict[str, int]) -> dict[tuple, int]:
    """(who, ...state) -> id of the target. Comments are one per case (what one case does,
    a reply or an edit, leaves the others as they were); the pages they are on are shared
    (commenting does not change a page)."""
    rounds = _rounds()
    author = ids["author"]
    if action == "proposal":
        targets = {(state, phase): _proposal(rounds["proposal", phase], author, state).id
                   for state, phase in itertools.product(PROPOSAL_STATES, PHASES)}
    elif action == "version":
        targets = {(state, phase): _version(rounds["version", phase], state).id
                   for state, phase in itertools.product(VERSION_STATES, PHASES)}
    else:
        pages = {}
        for place, phase, closed in itertools.product(PLACES, PHASES, (False, True)):
            round_ = rounds[place, phase]
            if place == "proposal":
                pages[place, phase, closed] = _proposal(
                    round_, author, "withdrawn" if closed else "visible")
            else:
                pages[place, phase, closed] = _version(round_, "active" if closed else "newest")
        owner = {who: ids[who] if action == "edit" and who in OWN_COMMENTS else author
                 for who in PEOPLE}
        return {
            (who, place, state, phase): _comment(
                pages[place, phase, state == "withdrawn"], owner[who],
                "visible" if state == "withdrawn" else state)
            for who, place, state, phase in itertools.product(
                PEOPLE, PLACES, COMMENT_STATES, PHASES)
        }
    return {(who, *key): target for who in PEOPLE for key, target in targets.items()}


@pytest.mark.parametrize("action", list(ACTIONS))
def test_views_and_services_answer_what_the_rule_answers(app, action):
    model, rule, url, form, service = ACTIONS[action]
    with app.app_context():
        ids = _people()
        cases = _cases(action, ids)
    clients = {}
    for who in PEOPLE:
        clients[who] = app.test_client()
        if who != "anonymous":
            login_as(clients[who], who)
    refused, allowed = set(), 0
    for (who, *state), target_id in cases.items():
        case = (action, who, *state)
        with app.app_context():
            user = named_person(ids, who)
            target = db.session.get(model, target_id)
            refusal = rule(user, target)
            expected = None if refusal is None else (refusal.status, str(refusal))
            # A pending proposal or comment exists only for its author and moderators.
            visible = model is CommitmentVersion or visibility.can_see_item(user, target)
            path = url(target)
            shown_on = _shown_on(target)
            answer = service_answer(lambda user=user, target=target: service(user, target))
        assert answer == expected, case
        client = clients[who]
        if who == "anonymous":  # the views send to the log-in page first
            assert refusal is not None, case
            for response in (client.get(path), client.post(path, data=form, headers=JSON)):
                assert response.status_code == 302, case
                assert "/entrar" in response.location, case
            continue
        if not visible:
            assert client.get(path).status_code == 404, case
            assert client.post(path, data=form, headers=JSON).status_code == 404, case
            continue
        # The page of what is commented offers the form or the link exactly when the rule
        # allows it (its threads ask the same rules).
        offered = client.get(shown_on, follow_redirects=True)
        assert offered.status_code == 200, case
        assert (f'="{path}"' in offered.get_data(as_text=True)) is (expected is None), case
        form_page = client.get(path)  # the view asks the rule before showing the form
        if expected is None:
            allowed += 1
            assert form_page.status_code == 200, case
            assert client.post(path, data=form, headers=JSON).status_code == 303, case
        else:
            refused.add(expected)
            assert form_page.status_code == expected[0], case
            response = client.post(path, data=form, headers=JSON)
            assert (response.status_code, response.get_json()["message"]) == expected, case
            page = client.post(path, data=form)  # the same answer as a page
            assert page.status_code == expected[0], case
            assert str(escape(expected[1])) in page.get_data(as_text=True), case
    assert allowed, action  # the table reaches cases that go through...
    # ...and every kind of refusal of the action.
    assert len(refused) >= {"proposal": 6, "version": 5, "reply": 7, "edit": 9}[action], refused
