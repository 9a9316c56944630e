from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..base.extensions import db
from ..base.time import moment_column
from ..consultations.models import ConsultationRound
from ..plans.models import Commitment


class Vote(db.Model):
    """A prioritisation vote for a draft commitment. One per person per commitment (UNIQUE);
    at most ``round.max_votes_per_user`` per person per round, counted under a lock of the
    round row (FOR UPDATE on PostgreSQL, BEGIN IMMEDIATE on SQLite)."""

    __tablename__ = "votes"
    __table_args__ = (
        sa.UniqueConstraint("commitment_id", "user_id"),
        sa.Index("ix_votes_round_user", "round_id", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(sa.ForeignKey("consultation_rounds.id"))
    commitment_id: Mapped[int] = mapped_column(sa.ForeignKey("commitments.id"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = moment_column(now=True)

    round: Mapped[ConsultationRound] = relationship()
    commitment: Mapped[Commitment] = relationship()
    user: Mapped[User] = relationship()


class BallotEntry(db.Model):
    """A draft commitment on the round's ballot. The ballot is fixed when the vote opens,
    stored (under the round's lock) by the round's first vote: the round's drafts at that
    moment; a draft created later is not on it, so nobody who already voted finds a new
    option under their vote. No rows: not fixed yet (nobody voted), the round's drafts."""

    __tablename__ = "ballot_entries"

    round_id: Mapped[int] = mapped_column(
        sa.ForeignKey("consultation_rounds.id"), primary_key=True)
    commitment_id: Mapped[int] = mapped_column(sa.ForeignKey("commitments.id"), primary_key=True)
    created_at: Mapped[datetime] = moment_column(now=True)
