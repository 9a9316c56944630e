"""Read-only queries about rounds: the rounds to list, and the participation counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from ..base.extensions import db
from ..base.time import utcnow
from ..plans.models import Commitment
from . import phases
from .models import ConsultationRound, Phase


def _with_phases_and_plan(statement: sa.Select) -> sa.Select:
    return statement.options(
        selectinload(ConsultationRound.phases), joinedload(ConsultationRound.plan)
    )


def open_rounds(now: datetime | None = None) -> list[ConsultationRound]:
    """Rounds with a phase open at ``now``, the one closing soonest first."""
    now = now or utcnow()
    statement = _with_phases_and_plan(
        sa.select(ConsultationRound)
        .join(Phase, Phase.round_id == ConsultationRound.id)
        .where(Phase.starts_at <= now, Phase.ends_at > now)
        .order_by(Phase.ends_at, ConsultationRound.id)
    )
    return list(db.session.scalars(statement).unique())


@dataclass
class Listing:
    open: list[ConsultationRound] = field(default_factory=list)
    # Not started yet, or between two phases, or without dates: soonest next phase first.
    upcoming: list[ConsultationRound] = field(default_factory=list)
    # Every phase over: the most recent first.
    past: list[ConsultationRound] = field(default_factory=list)


def listed_rounds(now: datetime | None = None) -> Listing:
    """Every round, open ones first (three queries whatever the number of rounds)."""
    now = now or utcnow()
    rounds = db.session.scalars(
        _with_phases_and_plan(sa.select(ConsultationRound).order_by(ConsultationRound.id))
    ).unique()
    listing = Listing()
    for round in rounds:
        if phases.current_phase(round, now) is not None:
            listing.open.append(round)
        elif phases.has_ended(round, now):
            listing.past.append(round)
        else:
            listing.upcoming.append(round)
    far = datetime.max.replace(tzinfo=now.tzinfo)
    listing.open.sort(key=lambda r: (phases.current_phase(r, now).ends_at, r.id))
    listing.upcoming.sort(
        key=lambda r: (getattr(phases.next_phase(r, now), "starts_at", far), r.id)
    )
    listing.past.sort(key=lambda r: (phases.last_phase(r).ends_at, r.id), reverse=True)
    return listing


def round_commitments(round: ConsultationRound) -> list:
    """The commitments co-created in the round (drafts, then final), by number."""
    return list(
        db.session.scalars(
            sa.select(Commitment).where(Commitment.round_id == round.id).order_by(Commitment.number)
        )
    )
