"""What tracking adds to the commitment page (slot ``commitment.progress``) and to the plan
page (slot ``plan.progress``), gathered by those pages' views with a fixed number of
statements whatever the number of milestones, updates and commitments."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

from ..base.time import to_local, utcnow
from ..organizations.models import Organization
from ..plans.models import Commitment
from ..web import slots
from . import permissions, queries
from .models import ProgressUpdate


def today() -> date:
    """Today in Guatemala (milestones end on local dates)."""
    return to_local(utcnow()).date()


@dataclass
class CommitmentProgress:
    commitment: Commitment
    milestones: list[queries.TrackedMilestone]
    rollup: queries.Rollup
    updates: list[ProgressUpdate]
    organization: Organization | None
    today: date
    can_report: bool = False
    can_review: bool = False
    # The drafts, updates in review and returned ones (institution and MTGA only).
    unpublished: list[ProgressUpdate] = field(default_factory=list)
    # Slot "progress.comments": the comments of each published update (comments).
    comment_slots: list[slots.Slot] = field(default_factory=list)

    def milestone(self, number: int) -> queries.TrackedMilestone | None:
        return next((m for m in self.milestones if m.number == number), None)


def commitment_progress(commitment: Commitment, user, **_context) -> CommitmentProgress | None:
    """The milestones with their status, the roll-up, the published timeline with its
    evidence and comments; for the institution and the MTGA, their unpublished updates and
    what they may do. None for a draft commitment (nothing is tracked yet) and for one
    without a final version (most of the historical record: no milestones to follow)."""
    if not permissions.is_published(commitment):
        return None
    if "versions" not in sa.inspect(commitment).unloaded and not any(
            version.is_final for version in commitment.versions):
        return None  # the page loaded its versions: no statement spent to find nothing
    milestones = queries.tracked_milestones([commitment.id])
    day = today()
    rollup = queries.rollups(milestones, day).get(commitment.id, queries.Rollup())
    organization = queries.lead_organization(commitment.id)
    reviewer = permissions.can_review(user)
    reporter = permissions.is_reporter(user, organization)
    updates = queries.published_updates(commitment.id)
    return CommitmentProgress(
        commitment=commitment, milestones=milestones, rollup=rollup, updates=updates,
        organization=organization, today=day,
        can_report=bool(milestones) and permissions.can_report(user, commitment, organization),
        can_review=reviewer,
        unpublished=queries.unpublished_updates(commitment.id) if reviewer or reporter else [],
        comment_slots=slots.gather("progress.comments", commitment=commitment,
                                   updates=updates, user=user),
    )


def plan_progress(plan, groups: Sequence, **_context) -> queries.PlanProgress | None:
    """The plan's completion per commitment and per axis (the plan page's groups); None
    when none of its commitments has milestones to track."""
    progress = queries.plan_progress(
        ((group.key, group.heading, group.commitments) for group in groups), today())
    progress.by_axis = bool(plan.axes)
    return progress if progress.tracked else None
