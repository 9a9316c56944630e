"""Read-only queries about rounds: the rounds to list, and the participation counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from ..base.extensions import db
from ..base.time import utcnow
from ..content.visibility import visible_filter
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


def round_counts(round: ConsultationRound) -> dict[str, int]:
    """Participation in a round, in one query, over published (not withdrawn) proposals
that the public sees (neither hidden nor pending, as in the list of proposals):

    - ``proposals``: how many;
    - ``participants``: distinct people who wrote or supported one;
    - ``organizations``: distinct organisations the proposals speak for.
    """
    # Imported here: ``proposals`` imports ``consultations``, not the reverse (a module-level
    # import would be a cycle when ``proposals.models`` is imported first).
    from ..proposals.models import Proposal, ProposalStatus, Support

    published = sa.and_(
        Proposal.round_id == round.id, Proposal.status == ProposalStatus.PUBLISHED,
        visible_filter(Proposal),
    )
    proposals = sa.select(sa.func.count(Proposal.id)).where(published).scalar_subquery()
    people = sa.union(
        sa.select(Proposal.author_id.label("user_id")).where(published),
        sa.select(Support.user_id.label("user_id"))
        .join(Proposal, Proposal.id == Support.proposal_id)
        .where(published),
    ).subquery()
    participants = sa.select(sa.func.count()).select_from(people).scalar_subquery()
    organizations = (
        sa.select(sa.func.count(sa.distinct(Proposal.organization_id)))
        .where(published)
        .scalar_subquery()
    )
    row = db.session.execute(
        sa.select(
            proposals.label("proposals"),
            participants.label("participants"),
            organizations.label("organizations"),
        )
    ).one()
    return {
        "proposals": row.proposals or 0,
        "participants": row.participants or 0,
        "organizations": row.organizations or 0,
    }


def round_commitments(round: ConsultationRound) -> list:
    """The commitments co-created in the round (drafts, then final), by number."""
    from ..plans.models import Commitment

    return list(
        db.session.scalars(
            sa.select(Commitment).where(Commitment.round_id == round.id).order_by(Commitment.number)
        )
    )
