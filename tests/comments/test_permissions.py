"""``participa.comments.permissions``: who x where x when."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask_login import AnonymousUserMixin

from participa.accounts.models import User
from participa.base.extensions import db
from participa.base.time import utcnow
from participa.comments import permissions, services
from participa.consultations.models import PhaseKind
from participa.plans.models import Commitment, CommitmentVersion
from participa.proposals.models import Proposal

from .conftest import add_version


def _person(world, who):
    if who == "anonymous":
        return AnonymousUserMixin()
    user = db.session.get(User, world["other" if who == "deleted" else who])
    if who == "deleted":
        user.deleted_at = utcnow()
        db.session.commit()
    return user


@pytest.mark.parametrize(("who", "allowed"), [
    ("anonymous", False), ("unconfirmed", False), ("deleted", False), ("other", True),
    ("member", True),
])
def test_who_may_comment(db_session, world, who, allowed):
    user = _person(world, who)
    proposal = db.session.get(Proposal, world["proposal"])
    version = db.session.get(CommitmentVersion, world["version1"])
    assert permissions.can_comment(user) is allowed
    assert permissions.can_comment_on_proposal(user, proposal) is allowed
    assert permissions.can_comment_on_version(user, version) is allowed


@pytest.mark.parametrize(("kind", "proposals_open", "drafts_open"), [
    (PhaseKind.PROPOSALS, True, False),
    (PhaseKind.REVIEW, True, False),
    (PhaseKind.COMMENTS, False, True),
    (PhaseKind.VOTE, False, False),
    (PhaseKind.PUBLICATION, False, False),
])
def test_which_phase_opens_what(db_session, world, kind, proposals_open, drafts_open):
    """The drafts round's phases are 10 days each, the comments phase open now: move ``now``
    into each phase of that round."""
    commitment = db.session.get(Commitment, world["draft"])
    round_ = permissions.round_of(commitment)
    phase = next(p for p in round_.phases if p.kind == kind)
    now = phase.starts_at + timedelta(hours=1)
    assert permissions.proposal_phases_open(round_, now) is proposals_open
    assert permissions.draft_comments_open(commitment, round_, now) is drafts_open
    # Starts are inclusive, ends exclusive (the review phase ends as the comments phase
    # starts).
    assert permissions.draft_comments_open(commitment, round_, phase.ends_at) is (
        kind == PhaseKind.REVIEW
    )
    assert permissions.draft_comments_open(commitment, round_, phase.starts_at) is drafts_open


def test_only_drafts_of_their_own_round(db_session, world):
    other = db.session.get(User, world["other"])
    active = db.session.get(Commitment, world["active"])
    assert not permissions.can_comment_on_version(other, active.versions[0])
    draft = db.session.get(Commitment, world["draft"])
    round_ = permissions.round_of(draft)
    draft.round_id = None
    db.session.commit()
    assert not permissions.draft_comments_open(draft, round_)
    assert not permissions.can_comment_on_version(other, draft.versions[0])


def test_new_comments_only_on_the_newest_version(db_session, world):
    other = db.session.get(User, world["other"])
    draft = db.session.get(Commitment, world["draft"])
    first = draft.versions[0]
    assert permissions.can_comment_on_version(other, first)
    second = add_version(draft, 2)
    assert not permissions.can_comment_on_version(other, first)
    assert permissions.can_comment_on_version(other, second)


def test_replies_and_edits(app, db_session, world):
    other = db.session.get(User, world["other"])
    member = db.session.get(User, world["member"])
    comment = services.post_comment(author=other, body="Hola",
                                    proposal=db.session.get(Proposal, world["proposal"]))
    db.session.commit()
    assert permissions.can_reply(member, comment) and permissions.can_reply(other, comment)
    assert not permissions.can_reply(AnonymousUserMixin(), comment)
    assert permissions.can_edit_comment(other, comment)
    assert not permissions.can_edit_comment(member, comment)
    assert not permissions.can_edit_comment(AnonymousUserMixin(), comment)
    deadline = permissions.edit_deadline(comment)
    assert deadline == comment.created_at + timedelta(seconds=900)
    assert permissions.can_edit_comment(other, comment, deadline - timedelta(seconds=1))
    assert not permissions.can_edit_comment(other, comment, deadline)
    app.config["COMMENT_EDIT_SECONDS"] = 30
    assert permissions.edit_deadline(comment) == comment.created_at + timedelta(seconds=30)
    later = utcnow() + timedelta(days=60)
    assert not permissions.can_reply(member, comment, later)
