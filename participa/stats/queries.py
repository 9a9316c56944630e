"""The statistics' figures, read in a fixed number of statements whatever the data: one
per chart (each a GROUP BY in the database), and one for the participation funnel.

A scope is a round, or every round of a plan. Proposals count when the public sees them
(not hidden, not waiting for approval; withdrawn ones were proposals and count)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from ..accounts.models import Sector, User
from ..base.extensions import db
from ..comments.models import Comment
from ..consultations.models import ConsultationRound, Phase
from ..content.visibility import ModerationState
from ..organizations.models import Organization, OrganizationKind
from ..plans.models import Axis, Commitment, CommitmentVersion
from ..proposals.models import Proposal, Response, ResponseDecision, Support
from ..tracking.queries import PUBLISHED_COMMITMENT, Rollup, rollups, tracked_milestones
from ..workshops.models import Workshop

# Guatemala keeps UTC-6 all year (no daylight saving time).
GUATEMALA_OFFSET = "-6 hours"


@dataclass(frozen=True)
class Scope:
    """The rounds counted: one (``round_id``) or all of a plan's (``plan_id``)."""

    round_id: int | None = None
    plan_id: int | None = None

    def rounds(self) -> sa.ColumnElement[bool] | sa.Select:
        if self.round_id is not None:
            return sa.select(sa.literal(self.round_id))
        return sa.select(ConsultationRound.id).where(ConsultationRound.plan_id == self.plan_id)


def _public(scope: Scope) -> list[sa.ColumnElement[bool]]:
    return [Proposal.round_id.in_(scope.rounds()),
            Proposal.moderation_state == ModerationState.VISIBLE]


def _pairs(statement: sa.Select) -> list[tuple]:
    return [tuple(row) for row in db.session.execute(statement)]


def by_axis(scope: Scope) -> list[tuple[str | None, int]]:
    """(axis name or None, proposals), in the plan's order of axes."""
    return _pairs(
        sa.select(Axis.name, sa.func.count(Proposal.id))
        .select_from(Proposal).outerjoin(Axis, Axis.id == Proposal.axis_id)
        .where(*_public(scope))
        .group_by(Axis.id, Axis.name, Axis.position)
        .order_by(Axis.position.is_(None), Axis.position, Axis.name)
    )


def by_sector(scope: Scope) -> dict[Sector, int]:
    """Online, the author's sector; from a workshop, the one written on paper (None: not
    written)."""
    sector = sa.case((Proposal.workshop_id.is_(None), User.sector),
                     else_=Proposal.workshop_sector)
    return dict(_pairs(
        sa.select(sector, sa.func.count(Proposal.id))
        .select_from(Proposal).join(User, User.id == Proposal.author_id)
        .where(*_public(scope)).group_by(sector)
    ))


def by_organization_kind(scope: Scope) -> dict[OrganizationKind | None, int]:
    return dict(_pairs(
        sa.select(Organization.kind, sa.func.count(Proposal.id))
        .select_from(Proposal).outerjoin(Organization,
                                         Organization.id == Proposal.organization_id)
        .where(*_public(scope)).group_by(Organization.kind)
    ))


def by_department(scope: Scope) -> dict[str | None, int]:
    """From a workshop, its department; online, the one the author gave on her profile."""
    department = sa.func.coalesce(Workshop.department_code, User.department_code)
    return dict(_pairs(
        sa.select(department, sa.func.count(Proposal.id))
        .select_from(Proposal).join(User, User.id == Proposal.author_id)
        .outerjoin(Workshop, Workshop.id == Proposal.workshop_id)
        .where(*_public(scope)).group_by(department)
    ))


def by_language(scope: Scope) -> dict[str | None, int]:
    return dict(_pairs(
        sa.select(Proposal.language, sa.func.count(Proposal.id))
        .where(*_public(scope)).group_by(Proposal.language)
    ))


def by_origin(scope: Scope) -> dict[bool, int]:
    """True: gathered in person at a workshop; False: sent online."""
    in_person = Proposal.workshop_id.is_not(None)
    return {bool(key): value for key, value in _pairs(
        sa.select(in_person, sa.func.count(Proposal.id))
        .where(*_public(scope)).group_by(in_person)
    )}


def _local_day() -> sa.ColumnElement:
    if db.session.get_bind().dialect.name == "postgresql":
        return sa.func.date(sa.func.timezone("America/Guatemala", Proposal.created_at))
    return sa.func.date(Proposal.created_at, GUATEMALA_OFFSET)


def by_day(scope: Scope) -> dict[date, int]:
    """Proposals per day in Guatemala (the view groups them by week)."""
    day = _local_day()
    found = {}
    for value, count in _pairs(
        sa.select(day, sa.func.count(Proposal.id)).where(*_public(scope)).group_by(day)
    ):
        found[value if isinstance(value, date) else date.fromisoformat(str(value))] = count
    return found


def responses_by_decision(scope: Scope) -> dict[ResponseDecision, int]:
    """Published responses to the scope's public proposals."""
    return dict(_pairs(
        sa.select(Response.decision, sa.func.count(Response.id))
        .join(Proposal, Proposal.id == Response.proposal_id)
        .where(*_public(scope), Response.published_at.is_not(None))
        .group_by(Response.decision)
    ))


@dataclass(frozen=True)
class Funnel:
    signed_up: int
    proposed: int
    supported: int
    commented: int


def funnel(scope: Scope) -> Funnel:
    """People: with a confirmed account by the scope's last day (all of them while a round
    is running), who sent a proposal online, who supported one, who commented on a proposal
    or a draft of the scope (online: not the staff who typed a workshop's). One statement."""
    rounds = scope.rounds()
    last_day = sa.select(sa.func.max(Phase.ends_at)).where(Phase.round_id.in_(rounds))
    signed_up = (
        sa.select(sa.func.count(User.id))
        .where(User.email_confirmed_at.is_not(None), User.deleted_at.is_(None),
               sa.or_(User.created_at <= last_day.scalar_subquery(),
                      last_day.scalar_subquery().is_(None)))
    )
    proposed = (
        sa.select(sa.func.count(sa.distinct(Proposal.author_id)))
        .where(*_public(scope), Proposal.workshop_id.is_(None))
    )
    supported = (
        sa.select(sa.func.count(sa.distinct(Support.user_id)))
        .join(Proposal, Proposal.id == Support.proposal_id).where(*_public(scope))
    )
    on_proposals = sa.select(Comment.author_id).join(
        Proposal, Proposal.id == Comment.proposal_id).where(
        Proposal.round_id.in_(rounds), Comment.moderation_state == ModerationState.VISIBLE)
    on_drafts = sa.select(Comment.author_id).join(
        CommitmentVersion, CommitmentVersion.id == Comment.version_id).join(
        Commitment, Commitment.id == CommitmentVersion.commitment_id).where(
        Commitment.round_id.in_(rounds), Comment.moderation_state == ModerationState.VISIBLE,
        Comment.workshop_id.is_(None))  # gathered at a workshop: the typist is no commenter
    commenters = sa.union(on_proposals, on_drafts).subquery()
    commented = sa.select(sa.func.count()).select_from(commenters)
    row = db.session.execute(sa.select(
        signed_up.scalar_subquery(), proposed.scalar_subquery(),
        supported.scalar_subquery(), commented.scalar_subquery(),
    )).one()
    return Funnel(*(int(value or 0) for value in row))


def progress_by_axis(plan_id: int, today: date) -> list[tuple[str | None, Rollup]]:
    """Implementation progress of a plan's published commitments (tracking's roll-up, by
    milestones), grouped by axis when the plan has axes, else by policy area (None: a
    commitment without one), in the plan's order. Groups without milestones to track are
    left out. Two statements: the commitments' groups, and their milestones."""
    rows = db.session.execute(
        sa.select(Commitment.id, Axis.name, Axis.position, Commitment.policy_area)
        .outerjoin(Axis, Axis.id == Commitment.axis_id)
        .where(Commitment.plan_id == plan_id, PUBLISHED_COMMITMENT)
    ).all()
    if not rows:
        return []
    by_axis = any(axis is not None for _id, axis, _position, _area in rows)
    by_commitment = rollups(tracked_milestones(
        sa.select(Commitment.id).where(Commitment.plan_id == plan_id, PUBLISHED_COMMITMENT)),
        today)
    groups: dict[str | None, Rollup] = {}
    order: dict[str | None, tuple] = {}
    for commitment_id, axis, position, area in rows:
        key = axis if by_axis else area
        order[key] = (key is None, position if by_axis and position is not None else 0,
                      key or "")
        rollup = by_commitment.get(commitment_id)
        if rollup is not None:
            groups.setdefault(key, Rollup()).merge(rollup)
    return [(key, groups[key]) for key in sorted(groups, key=lambda k: order[k])
            if groups[key].countable]
