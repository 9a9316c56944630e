"""Read-only queries about rounds: the rounds to list, and the participation counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from ..base.extensions import db
from ..base.time import utcnow
from ..plans.models import ActionPlan, Commitment
from .models import ConsultationRound, Phase, PhaseKind


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


@dataclass(frozen=True)
class PhaseDates:
    """A phase as the list of rounds shows it: its kind and dates, no ORM object."""

    kind: PhaseKind
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True)
class RoundSummary:
    """A round in the list of rounds: what its line shows, its phases placed once."""

    id: int
    title: str
    plan_title: str
    current: PhaseDates | None  # open now
    upcoming: PhaseDates | None  # the first not started yet
    last: PhaseDates | None


@dataclass
class Listing:
    open: list[RoundSummary] = field(default_factory=list)
    # Not started yet, or between two phases, or without dates: soonest next phase first.
    upcoming: list[RoundSummary] = field(default_factory=list)
    past: list[RoundSummary] = field(default_factory=list)
    # The next start or end of any phase after ``now``: what the list shows holds until then.
    changes_at: datetime | None = None


def listed_rounds(now: datetime | None = None) -> Listing:
    """Every round, open ones first, in two statements of plain rows whatever the number of
    rounds. Issue 20 profiled the page at the cost of a whole proposal list: it built an ORM
    object for every round, plan and phase (300 for 50 rounds) and its template sorted each
    round's phases six times; each round's phases are now sorted and placed once here."""
    now = now or utcnow()
    rounds = db.session.execute(
        sa.select(ConsultationRound.id, ConsultationRound.title, ActionPlan.title)
        .join(ActionPlan, ActionPlan.id == ConsultationRound.plan_id)
        .order_by(ConsultationRound.id)
    ).all()
    dates: dict[int, list[PhaseDates]] = {}
    for round_id, kind, starts_at, ends_at in db.session.execute(
            sa.select(Phase.round_id, Phase.kind, Phase.starts_at, Phase.ends_at)):
        dates.setdefault(round_id, []).append(PhaseDates(kind, starts_at, ends_at))
    listing = Listing()
    listing.changes_at = min((moment for phases in dates.values() for phase in phases
                              for moment in (phase.starts_at, phase.ends_at) if moment > now),
                             default=None)
    for round_id, title, plan_title in rounds:
        ordered = sorted(dates.get(round_id, ()),
                         key=lambda phase: (phase.kind.order, phase.starts_at))
        summary = RoundSummary(
            round_id, title, plan_title,
            current=next((p for p in ordered if p.starts_at <= now < p.ends_at), None),
            upcoming=next((p for p in ordered if p.starts_at > now), None),
            last=ordered[-1] if ordered else None,
        )
        if summary.current is not None:
            listing.open.append(summary)
        elif summary.last is not None and summary.last.ends_at <= now:
            listing.past.append(summary)
        else:
            listing.upcoming.append(summary)
    far = datetime.max.replace(tzinfo=now.tzinfo)
    listing.open.sort(key=lambda r: (r.current.ends_at, r.id))
    listing.upcoming.sort(key=lambda r: (r.upcoming.starts_at if r.upcoming else far, r.id))
    listing.past.sort(key=lambda r: (r.last.ends_at, r.id), reverse=True)
    return listing


def round_commitments(round: ConsultationRound) -> list:
    """The commitments co-created in the round (drafts, then final), by number."""
    return list(
        db.session.scalars(
            sa.select(Commitment).where(Commitment.round_id == round.id).order_by(Commitment.number)
        )
    )
