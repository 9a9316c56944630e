"""The read side of implementation tracking: a fixed number of statements per page, whatever
the number of commitments, milestones and updates.

- ``tracked_milestones(commitment_ids)``: the milestones of each commitment's newest final
  version (the published text), with the status in force; one statement for a whole plan.
- ``Rollup``: a commitment's (or an axis's, or the plan's) completion counted by milestones,
  as the IRM counts them (see ``docs/decisions.md``, issue 16).
- ``published_updates(commitment_id)``: the public timeline with its evidence.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from ..accounts.models import User
from ..base.extensions import db
from ..organizations.models import Membership, MembershipStatus, Organization
from ..plans.models import Commitment, CommitmentStatus, CommitmentVersion, Milestone
from .models import (
    CompletionStatus,
    Evidence,
    LeadOrganization,
    MilestoneStatus,
    ProgressUpdate,
    UpdateState,
)

PUBLISHED_COMMITMENT = Commitment.status != CommitmentStatus.DRAFT


def _newest_final() -> sa.Subquery:
    """commitment_id -> the number of its newest final version."""
    return (
        sa.select(CommitmentVersion.commitment_id,
                  sa.func.max(CommitmentVersion.number).label("number"))
        .where(CommitmentVersion.is_final.is_(True))
        .group_by(CommitmentVersion.commitment_id)
        .subquery("newest_final")
    )


@dataclass
class TrackedMilestone:
    commitment_id: int
    number: int
    description: str
    responsible: str
    start_date: date | None
    end_date: date | None
    status: CompletionStatus
    withdrawn_reason: str
    # The published update that set the status (None: not started, nothing reported).
    update_id: int | None

    def is_overdue(self, today: date) -> bool:
        return (self.end_date is not None and self.end_date < today
                and self.status not in (CompletionStatus.COMPLETE, CompletionStatus.WITHDRAWN))


def tracked_milestones(commitment_ids: Sequence[int] | sa.Select) -> list[TrackedMilestone]:
    """The milestones of the commitments' newest final versions with their status in force,
    by commitment and number. One statement."""
    newest = _newest_final()
    rows = db.session.execute(
        sa.select(CommitmentVersion.commitment_id, Milestone.number, Milestone.description,
                  Milestone.responsible, Milestone.start_date, Milestone.end_date,
                  MilestoneStatus.status, MilestoneStatus.withdrawn_reason,
                  MilestoneStatus.update_id)
        .join(newest, sa.and_(newest.c.commitment_id == CommitmentVersion.commitment_id,
                              newest.c.number == CommitmentVersion.number))
        .join(Milestone, Milestone.version_id == CommitmentVersion.id)
        .outerjoin(MilestoneStatus, sa.and_(
            MilestoneStatus.commitment_id == CommitmentVersion.commitment_id,
            MilestoneStatus.milestone_number == Milestone.number))
        .where(CommitmentVersion.commitment_id.in_(commitment_ids))
        .order_by(CommitmentVersion.commitment_id, Milestone.number)
    )
    return [
        TrackedMilestone(
            commitment_id=row[0], number=row[1], description=row[2], responsible=row[3],
            start_date=row[4], end_date=row[5],
            status=row[6] or CompletionStatus.NOT_STARTED,
            withdrawn_reason=row[7] or "", update_id=row[8],
        )
        for row in rows
    ]


def tracked_version_id(commitment_id: int) -> int | None:
    """The id of the commitment's newest final version (the published text)."""
    return db.session.scalar(
        sa.select(CommitmentVersion.id)
        .where(CommitmentVersion.commitment_id == commitment_id,
               CommitmentVersion.is_final.is_(True))
        .order_by(CommitmentVersion.number.desc()).limit(1)
    )


def lead_organization(commitment_id: int) -> Organization | None:
    """The commitment's lead institution in Participa (None until the MTGA names it)."""
    return db.session.scalar(
        sa.select(Organization)
        .join(LeadOrganization, LeadOrganization.organization_id == Organization.id)
        .where(LeadOrganization.commitment_id == commitment_id)
    )


def lead_organizations(commitment_ids: Iterable[int]) -> dict[int, Organization]:
    """Commitment id -> its lead organisation, for those that have one."""
    rows = db.session.execute(
        sa.select(LeadOrganization.commitment_id, Organization)
        .join(Organization, Organization.id == LeadOrganization.organization_id)
        .where(LeadOrganization.commitment_id.in_(list(commitment_ids)))
    )
    return {commitment_id: organization for commitment_id, organization in rows}


def tracked_milestone(commitment: Commitment, number: int) -> TrackedMilestone | None:
    for milestone in tracked_milestones([commitment.id]):
        if milestone.number == number:
            return milestone
    return None


# Roll-ups -------------------------------------------------------------------------------------


@dataclass
class Rollup:
    """Completion counted by milestones. Withdrawn milestones are counted apart and left
    out of the share: the IRM assesses what remained to be done."""

    counts: dict[CompletionStatus, int] = field(
        default_factory=lambda: dict.fromkeys(CompletionStatus, 0))
    overdue: int = 0

    def add(self, milestone: TrackedMilestone, today: date) -> None:
        self.counts[milestone.status] += 1
        if milestone.is_overdue(today):
            self.overdue += 1

    def merge(self, other: Rollup) -> None:
        for status, count in other.counts.items():
            self.counts[status] += count
        self.overdue += other.overdue

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def withdrawn(self) -> int:
        return self.counts[CompletionStatus.WITHDRAWN]

    @property
    def countable(self) -> int:
        return self.total - self.withdrawn

    @property
    def complete(self) -> int:
        return self.counts[CompletionStatus.COMPLETE]

    @property
    def percent(self) -> int | None:
        """The share of (not withdrawn) milestones complete, in whole percent."""
        if not self.countable:
            return None
        return round(100 * self.complete / self.countable)

    @property
    def level(self) -> CompletionStatus | None:
        """The level on the IRM's scale: complete when every milestone is; not started when
        none has started; substantial when the milestones' mean (not started 0, limited 1,
        substantial 2, complete 3) reaches 1.5; limited otherwise. None without milestones
        to count."""
        if not self.countable:
            return None
        if self.complete == self.countable:
            return CompletionStatus.COMPLETE
        score = sum(status.score * count for status, count in self.counts.items())
        if score == 0:
            return CompletionStatus.NOT_STARTED
        if 2 * score >= 3 * self.countable:
            return CompletionStatus.SUBSTANTIAL
        return CompletionStatus.LIMITED

    def shown_counts(self) -> list[tuple[CompletionStatus, int]]:
        return [(status, count) for status, count in self.counts.items()]


def rollups(milestones: Iterable[TrackedMilestone], today: date) -> dict[int, Rollup]:
    """Commitment id -> its roll-up."""
    found: dict[int, Rollup] = {}
    for milestone in milestones:
        found.setdefault(milestone.commitment_id, Rollup()).add(milestone, today)
    return found


@dataclass
class AxisProgress:
    key: str
    heading: str
    rollup: Rollup
    commitments: list[tuple[Commitment, Rollup]]


@dataclass
class PlanProgress:
    rollup: Rollup
    groups: list[AxisProgress]
    # Commitments by level (None: no milestones to count).
    levels: dict[CompletionStatus | None, int]
    # The groups are the plan's axes (else its policy areas).
    by_axis: bool = True

    @property
    def tracked(self) -> bool:
        return self.rollup.total > 0


def plan_progress(groups: Iterable[tuple[str, str, Sequence[Commitment]]],
                  today: date) -> PlanProgress:
    """The plan's roll-up per group of commitments (its axes, as the plan page groups them)
    and overall, from one statement."""
    groups = list(groups)
    ids = [c.id for _key, _heading, commitments in groups for c in commitments]
    by_commitment = rollups(tracked_milestones(ids), today) if ids else {}
    overall = Rollup()
    levels: dict[CompletionStatus | None, int] = {}
    result = []
    for key, heading, commitments in groups:
        axis = Rollup()
        rows = []
        for commitment in commitments:
            rollup = by_commitment.get(commitment.id, Rollup())
            axis.merge(rollup)
            levels[rollup.level] = levels.get(rollup.level, 0) + 1
            rows.append((commitment, rollup))
        overall.merge(axis)
        result.append(AxisProgress(key, heading, axis, rows))
    return PlanProgress(overall, result, levels)


# Updates --------------------------------------------------------------------------------------


def _with_details(statement: sa.Select) -> sa.Select:
    return statement.options(
        joinedload(ProgressUpdate.author),
        joinedload(ProgressUpdate.organization),
        selectinload(ProgressUpdate.evidence).joinedload(Evidence.file),
    )


def published_updates(commitment_id: int) -> list[ProgressUpdate]:
    """The commitment's published updates, newest first, with author, organisation and
    evidence: two statements."""
    return list(db.session.scalars(_with_details(
        sa.select(ProgressUpdate)
        .where(ProgressUpdate.commitment_id == commitment_id,
               ProgressUpdate.state == UpdateState.PUBLISHED)
        .order_by(ProgressUpdate.published_at.desc(), ProgressUpdate.id.desc())
    )).unique())


def unpublished_updates(commitment_id: int) -> list[ProgressUpdate]:
    """The commitment's drafts, updates in review and returned ones (for its institution
    and the MTGA), newest first."""
    return list(db.session.scalars(_with_details(
        sa.select(ProgressUpdate)
        .where(ProgressUpdate.commitment_id == commitment_id,
               ProgressUpdate.state != UpdateState.PUBLISHED)
        .order_by(ProgressUpdate.updated_at.desc(), ProgressUpdate.id.desc())
    )).unique())


def update_with_details(update_id: int) -> ProgressUpdate | None:
    return db.session.scalars(_with_details(
        sa.select(ProgressUpdate).where(ProgressUpdate.id == update_id)
        .options(joinedload(ProgressUpdate.commitment), joinedload(ProgressUpdate.reviewer))
    )).unique().one_or_none()


def review_queue() -> list[ProgressUpdate]:
    """Updates waiting for the MTGA, oldest sent first, with their commitments."""
    return list(db.session.scalars(_with_details(
        sa.select(ProgressUpdate)
        .where(ProgressUpdate.state == UpdateState.IN_REVIEW)
        .options(joinedload(ProgressUpdate.commitment))
        .order_by(ProgressUpdate.submitted_at, ProgressUpdate.id)
    )).unique())


def institution_commitments(user_id: int) -> list[Commitment]:
    """The published commitments whose lead organisation (verified) the person is an
    accepted member of: those they report on."""
    return list(db.session.scalars(
        sa.select(Commitment)
        .join(LeadOrganization, LeadOrganization.commitment_id == Commitment.id)
        .join(Organization, Organization.id == LeadOrganization.organization_id)
        .join(Membership, Membership.organization_id == Organization.id)
        .where(Membership.user_id == user_id,
               Membership.status == MembershipStatus.ACCEPTED,
               Organization.is_verified.is_(True),
               PUBLISHED_COMMITMENT)
        .options(joinedload(Commitment.plan))
        .order_by(Commitment.plan_id, Commitment.number)
    ))


def institution_updates(commitment_ids: Sequence[int]) -> list[ProgressUpdate]:
    """The unpublished updates of these commitments, newest first."""
    if not commitment_ids:
        return []
    return list(db.session.scalars(_with_details(
        sa.select(ProgressUpdate)
        .where(ProgressUpdate.commitment_id.in_(commitment_ids),
               ProgressUpdate.state != UpdateState.PUBLISHED)
        .options(joinedload(ProgressUpdate.commitment))
        .order_by(ProgressUpdate.updated_at.desc(), ProgressUpdate.id.desc())
    )).unique())


def overdue_milestones(today: date, commitment_ids: Sequence[int] | None = None
                       ) -> list[TrackedMilestone]:
    """Milestones of published commitments past their end date and neither complete nor
    withdrawn (of the given commitments, or of all)."""
    ids: Sequence[int] | sa.Select = (
        commitment_ids if commitment_ids is not None
        else sa.select(Commitment.id).where(PUBLISHED_COMMITMENT)
    )
    return [m for m in tracked_milestones(ids) if m.is_overdue(today)]


def institution_members(organization_ids: Iterable[int]) -> list[User]:
    """The accepted members of organisations (the people told about their commitments)."""
    return list(db.session.scalars(
        sa.select(User)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.organization_id.in_(list(organization_ids)),
               Membership.status == MembershipStatus.ACCEPTED,
               User.deleted_at.is_(None))
        .order_by(User.id)
    ).unique())


def reviewers() -> list[User]:
    """The MTGA: moderators and administrators whose accounts were not deleted."""
    return list(db.session.scalars(
        sa.select(User)
        .where(sa.or_(User.is_moderator.is_(True), User.is_admin.is_(True)),
               User.deleted_at.is_(None))
        .order_by(User.id)
    ))
