"""The prioritisation vote. Services flush; views and commands commit.

Counting follows SECURITY.md ("Counting", "Limits across rows"):

- one vote per person per commitment is the ``UNIQUE(commitment_id, user_id)`` constraint:
  the vote is inserted first, in a savepoint, and an ``IntegrityError`` means "already voted"
  (the same success for the person, never an error);
- at most ``round.max_votes_per_user`` (K) votes per person per round, counted with the
  round's row locked (``SELECT ... FOR UPDATE`` on PostgreSQL; on SQLite every write
  transaction is ``BEGIN IMMEDIATE``, which already serialises writers), so simultaneous votes
  of one person for different commitments cannot all see "K - 1 used";
- the ballot is fixed when the vote opens: the round's first vote stores it (``BallotEntry``,
  the round's drafts then, under the same lock), and a draft created later is not on it;
- ``Commitment.vote_count`` moves by SQL increments (``SET vote_count = vote_count ± 1``) in
  the same transaction as the vote row; ``recount_votes`` re-derives it.

Participants' votes are not moderator actions: they write no audit event.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_babel import ngettext

from ..accounts.models import User
from ..base.counts import recount, remove_own_row
from ..base.errors import Conflict, enforce
from ..base.extensions import db
from ..base.time import utcnow
from ..consultations.models import ConsultationRound
from ..plans.models import Commitment, CommitmentStatus
from .models import BallotEntry, Vote
from .permissions import NOT_A_CANDIDATE, NOT_ON_BALLOT, vote_refusal

# Reading ----------------------------------------------------------------------------------


def my_votes(user: object, round: ConsultationRound) -> set[int]:
    """The ids of the commitments of ``round`` the person voted for (empty when signed out)."""
    if not isinstance(user, User) or not user.is_authenticated:
        return set()
    return set(db.session.scalars(
        sa.select(Vote.commitment_id).where(Vote.round_id == round.id, Vote.user_id == user.id)
    ))


def has_voted(user: object, commitment: Commitment) -> bool:
    if not isinstance(user, User) or not user.is_authenticated:
        return False
    return db.session.scalar(
        sa.select(Vote.id).where(Vote.commitment_id == commitment.id, Vote.user_id == user.id)
    ) is not None


def votes_given(user: User, round: ConsultationRound) -> int:
    return db.session.scalar(
        sa.select(sa.func.count(Vote.id))
        .where(Vote.round_id == round.id, Vote.user_id == user.id)
    ) or 0


def remaining_votes(round: ConsultationRound, used: int) -> int:
    return max(round.max_votes_per_user - used, 0)


def voter_count(round: ConsultationRound) -> int:
    """The distinct people who voted in the round."""
    return db.session.scalar(
        sa.select(sa.func.count(sa.distinct(Vote.user_id))).where(Vote.round_id == round.id)
    ) or 0


def ballot_ids(round: ConsultationRound) -> set[int] | None:
    """The ids of the commitments on the round's ballot once it is fixed (someone voted);
    None before: then the ballot is the round's drafts."""
    ids = set(db.session.scalars(
        sa.select(BallotEntry.commitment_id).where(BallotEntry.round_id == round.id)
    ))
    return ids or None


def on_ballot(commitment: Commitment, fixed: set[int] | None) -> bool:
    """Whether ``commitment`` is on a ballot whose fixed entries are ``fixed`` (None: not
    fixed yet, every draft of the round is)."""
    return fixed is None or commitment.id in fixed


def ballot(round: ConsultationRound, *, by_votes: bool,
           fixed: set[int] | None = None) -> list[Commitment]:
    """The commitments of the round (drafts while it is under way), in their number order,
    or by votes (most first) when the results are shown; once the ballot is fixed
    (``fixed``, from ``ballot_ids``), only those on it."""
    order = (
        (Commitment.vote_count.desc(), Commitment.number, Commitment.id)
        if by_votes else (Commitment.number, Commitment.id)
    )
    statement = sa.select(Commitment).where(Commitment.round_id == round.id)
    if fixed is not None:
        statement = statement.where(Commitment.id.in_(fixed))
    return list(db.session.scalars(statement.order_by(*order)))


def current_count(commitment: Commitment) -> int:
    """The vote count as the database has it now (after SQL increments)."""
    count = db.session.scalar(
        sa.select(Commitment.vote_count).where(Commitment.id == commitment.id)
    )
    db.session.expire(commitment, ["vote_count"])
    return count or 0


# Casting and withdrawing ------------------------------------------------------------------


def _lock_round(round: ConsultationRound) -> None:
    """Serialise the votes of the round while one person's are counted: the round's row lock
    on PostgreSQL (``with_for_update`` compiles to nothing on SQLite, where the write lock
    taken at ``BEGIN IMMEDIATE`` already does it)."""
    db.session.execute(
        sa.select(ConsultationRound.id)
        .where(ConsultationRound.id == round.id)
        .with_for_update()
    )


def fix_ballot(round: ConsultationRound) -> set[int]:
    """The round's ballot, stored if it was not yet: its drafts now. Called with the round
    locked (by the first vote), so two first votes store it once."""
    fixed = ballot_ids(round)
    if fixed is not None:
        return fixed
    drafts = list(db.session.scalars(
        sa.select(Commitment.id)
        .where(Commitment.round_id == round.id, Commitment.status == CommitmentStatus.DRAFT)
    ))
    now = utcnow()
    db.session.add_all(BallotEntry(round_id=round.id, commitment_id=commitment_id,
                                   created_at=now) for commitment_id in drafts)
    db.session.flush()
    return set(drafts)


def _check_limit(user: User, round: ConsultationRound) -> None:
    limit = round.max_votes_per_user
    if votes_given(user, round) >= limit:
        raise Conflict(
            ngettext(
                "Ya usó el único voto de esta votación. Puede retirarlo de otro compromiso "
                "para votar por este.",
                "Ya usó sus %(num)d votos. Puede retirar uno de otro compromiso para votar "
                "por este.",
                limit,
            )
        )


def cast_vote(
    *, user: User, round: ConsultationRound, commitment: Commitment,
    now: datetime | None = None,
) -> bool:
    """Vote for a draft commitment of the round while its prioritisation phase is open.
    True if a vote was added; False if the person had already voted for it (two clicks, two
    tabs). Refused as the rule says (``vote_refusal``: ``PhaseClosed`` outside the phase),
    for a draft that is not on the fixed ballot (created after the vote opened), and past K
    (409). The round's first vote fixes the ballot (``fix_ballot``)."""
    enforce(vote_refusal(user, round, commitment, now))
    if has_voted(user, commitment):
        return False
    _lock_round(round)
    if commitment.id not in fix_ballot(round):
        raise Conflict(NOT_ON_BALLOT)
    _check_limit(user, round)
    try:
        with db.session.begin_nested():
            db.session.add(Vote(round_id=round.id, commitment_id=commitment.id, user_id=user.id))
    except sa.exc.IntegrityError:
        return False  # a simultaneous request of the same person got in first
    # The increment re-checks that the commitment is still a draft of this round.
    result = db.session.execute(
        sa.update(Commitment)
        .where(
            Commitment.id == commitment.id,
            Commitment.round_id == round.id,
            Commitment.status == CommitmentStatus.DRAFT,
        )
        .values(vote_count=Commitment.vote_count + 1)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise Conflict(NOT_A_CANDIDATE)
    db.session.expire(commitment, ["vote_count"])
    return True


def withdraw_vote(
    *, user: User, round: ConsultationRound, commitment: Commitment,
    now: datetime | None = None,
) -> bool:
    """Take the person's vote back while the rule allows it; True if there was one."""
    enforce(vote_refusal(user, round, commitment, now))
    if not remove_own_row(Vote.user_id, Vote.commitment_id, owner_id=user.id,
                          parent_id=commitment.id):
        return False
    db.session.execute(
        sa.update(Commitment)
        .where(Commitment.id == commitment.id)
        .values(vote_count=Commitment.vote_count - 1)
        .execution_options(synchronize_session=False)
    )
    db.session.expire(commitment, ["vote_count"])
    return True


def recount_votes() -> int:
    """Re-derive every ``vote_count`` from COUNT(*) of its votes; the number of commitments
    whose count was wrong."""
    return recount(Commitment.vote_count, Vote.commitment_id)
