"""Who may comment, reply and edit, and when. Functions of the user, the thing commented on
and the time (``now``, default the present); views enforce them, templates only show or hide.

- Comments on a **proposal** are open while its round is in the proposals phase or in the
  MTGA's review phase (``PROPOSAL_COMMENT_PHASES``), unless the proposal was withdrawn.
- Comments on a **draft commitment** are open in its round's comments phase, on commitments
  still in ``borrador`` of that round. New comments go on the newest version; replies go on
  the version of the comment they answer (see ``docs/decisions.md``, "Comments").
- Only people who may participate (signed in, confirmed address, not deleted, not blocked)
  comment.
- Hidden and pending proposals take no comments; hidden and pending comments take no
  replies, and a hidden comment is not edited any more (``participa.content.visibility``).
- The author may edit a comment for ``COMMENT_EDIT_SECONDS`` (default 900) after posting it,
  while comments on its page are open. Nobody deletes comments (moderation hides them).
"""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from ..base.extensions import db
from ..base.time import utcnow
from ..consultations.models import ConsultationRound, PhaseKind
from ..consultations.permissions import can_participate
from ..consultations.phases import is_open
from ..content.visibility import is_hidden, is_public
from ..plans.models import Commitment, CommitmentStatus, CommitmentVersion
from ..proposals.models import Proposal
from .models import Comment

PROPOSAL_COMMENT_PHASES = (PhaseKind.PROPOSALS, PhaseKind.REVIEW)
DRAFT_COMMENT_PHASE = PhaseKind.COMMENTS
# Depths 0 (a comment), 1 (a reply) and 2 (a reply to a reply): three levels.
MAX_DEPTH = 2
EDIT_SECONDS_DEFAULT = 900


def _now(now: datetime | None) -> datetime:
    return now if now is not None else utcnow()


def edit_seconds() -> int:
    return int(current_app.config.get("COMMENT_EDIT_SECONDS", EDIT_SECONDS_DEFAULT))


def edit_deadline(comment: Comment) -> datetime:
    return comment.created_at + timedelta(seconds=edit_seconds())


def can_comment(user: object) -> bool:
    """Signed in, with a confirmed address, and not deleted (whatever the page)."""
    return can_participate(user)


def round_of(commitment: Commitment) -> ConsultationRound | None:
    """The consultation round a draft commitment is co-created in (None for the record)."""
    if commitment.round_id is None:
        return None
    return db.session.get(ConsultationRound, commitment.round_id)


def newest_version_number(commitment: Commitment) -> int | None:
    return db.session.scalar(
        sa.select(sa.func.max(CommitmentVersion.number)).where(
            CommitmentVersion.commitment_id == commitment.id
        )
    )


# Is the page open for comments? -----------------------------------------------------------


def proposal_phases_open(round: ConsultationRound, now: datetime | None = None) -> bool:
    now = _now(now)
    return any(is_open(round, kind, now) for kind in PROPOSAL_COMMENT_PHASES)


def proposal_comments_open(proposal: Proposal, now: datetime | None = None) -> bool:
    return (
        not proposal.is_withdrawn
        and is_public(proposal)
        and proposal_phases_open(proposal.round, now)
    )


def draft_comments_open(
    commitment: Commitment, round: ConsultationRound | None, now: datetime | None = None
) -> bool:
    """``round`` is ``round_of(commitment)`` (given, so a page asks for it once)."""
    return (
        commitment.status == CommitmentStatus.DRAFT
        and round is not None
        and commitment.round_id == round.id
        and is_open(round, DRAFT_COMMENT_PHASE, _now(now))
    )


def comments_open_on(comment: Comment, now: datetime | None = None) -> bool:
    """Replies and edits: the page the comment is on still takes comments."""
    if comment.proposal_id is not None:
        return proposal_comments_open(comment.proposal, now)
    commitment = comment.version.commitment
    return draft_comments_open(commitment, round_of(commitment), now)


# What a person may do ---------------------------------------------------------------------


def can_comment_on_proposal(
    user: object, proposal: Proposal, now: datetime | None = None
) -> bool:
    return can_comment(user) and proposal_comments_open(proposal, now)


def can_comment_on_version(
    user: object, version: CommitmentVersion, now: datetime | None = None
) -> bool:
    """New comments go on the newest version of an open draft."""
    commitment = version.commitment
    return (
        can_comment(user)
        and draft_comments_open(commitment, round_of(commitment), now)
        and version.number == newest_version_number(commitment)
    )


def can_reply(user: object, comment: Comment, now: datetime | None = None) -> bool:
    return can_comment(user) and is_public(comment) and comments_open_on(comment, now)


def is_author(user: object, comment: Comment) -> bool:
    return can_comment(user) and user.id == comment.author_id  # type: ignore[union-attr]


def within_edit_window(comment: Comment, now: datetime | None = None) -> bool:
    return _now(now) < edit_deadline(comment)


def can_edit_comment(user: object, comment: Comment, now: datetime | None = None) -> bool:
    """The author, within the edit window, while the page still takes comments."""
    return (
        is_author(user, comment)
        and not is_hidden(comment)
        and within_edit_window(comment, now)
        and comments_open_on(comment, now)
    )
