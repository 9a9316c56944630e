"""The read side of self-assessments: the tracking data a draft is built from (a fixed
number of statements for a whole plan), and the pages' loads."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from ..base.extensions import db
from ..plans.models import ActionPlan, Commitment
from ..plans.queries import PUBLISHED
from ..tracking.models import Evidence, ProgressUpdate, UpdateState
from ..tracking.queries import Rollup, rollups, tracked_milestones
from ..web.mail import public_url
from .models import AssessmentKind, AssessmentVersion, SelfAssessment


def _rollup_data(rollup: Rollup) -> dict[str, Any]:
    return {
        "milestones": rollup.total,
        "complete": rollup.complete,
        "withdrawn": rollup.withdrawn,
        "percent": rollup.percent,
        "level": rollup.level.value if rollup.level is not None else None,
        "counts": {status.value: count for status, count in rollup.counts.items()},
    }


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _evidence_data(evidence: Evidence) -> dict[str, str]:
    """A piece of evidence as the self-assessment keeps it: a link as given, an uploaded file
    by its public address on this site (published evidence is public), titled by its name
    when it has no title."""
    if evidence.file is None:
        return {"url": evidence.url or "", "title": evidence.title}
    return {"url": public_url("files.serve", file_id=evidence.file.id),
            "title": evidence.title or evidence.file.name}


def tracking_data(plan: ActionPlan, now: datetime) -> dict[str, Any]:
    """What the tracking says of the plan now: each published commitment's completion
    (counted by milestones), its milestones with their status, and its published progress
    updates with their evidence (links, and uploaded files by their address). Plain JSON
    (stored in a version). Four statements, whatever the number of commitments, milestones
    and updates."""
    commitments = list(db.session.scalars(
        sa.select(Commitment).where(Commitment.plan_id == plan.id, PUBLISHED)
        .options(joinedload(Commitment.axis))
        .order_by(Commitment.number, Commitment.id)
    ))
    ids = [c.id for c in commitments]
    milestones = tracked_milestones(ids) if ids else []
    by_commitment = rollups(milestones, now.date())
    updates = list(db.session.scalars(
        sa.select(ProgressUpdate)
        .where(ProgressUpdate.commitment_id.in_(ids),
               ProgressUpdate.state == UpdateState.PUBLISHED)
        .options(joinedload(ProgressUpdate.organization),
                 selectinload(ProgressUpdate.evidence).joinedload(Evidence.file))
        .order_by(ProgressUpdate.published_at, ProgressUpdate.id)
    ).unique()) if ids else []
    overall = Rollup()
    entries = []
    for commitment in commitments:
        rollup = by_commitment.get(commitment.id, Rollup())
        overall.merge(rollup)
        entries.append({
            "id": commitment.id,
            "number": commitment.number,
            "ogp_code": commitment.ogp_code,
            "title": commitment.title,
            "axis": commitment.axis.name if commitment.axis else None,
            "lead_institution": commitment.lead_institution,
            "completion": _rollup_data(rollup),
            "milestones": [
                {"number": m.number, "description": m.description,
                 "responsible": m.responsible, "start_date": _day(m.start_date),
                 "end_date": _day(m.end_date), "status": m.status.value,
                 "withdrawn_reason": m.withdrawn_reason}
                for m in milestones if m.commitment_id == commitment.id
            ],
            "updates": [
                {"id": u.id, "milestone_number": u.milestone_number, "status": u.status.value,
                 "published_at": u.published_at.isoformat() if u.published_at else None,
                 "organization": u.organization.name if u.organization else None,
                 "body": u.body,
                 "evidence": [_evidence_data(e) for e in u.evidence]}
                for u in updates if u.commitment_id == commitment.id
            ],
        })
    return {"as_of": now.isoformat(), "completion": _rollup_data(overall),
            "commitments": entries}


def assessment_of(plan_id: int, kind: AssessmentKind) -> SelfAssessment | None:
    """The plan's self-assessment of ``kind`` with its plan and versions (authors too)."""
    return db.session.scalar(
        sa.select(SelfAssessment)
        .where(SelfAssessment.plan_id == plan_id, SelfAssessment.kind == kind)
        .options(joinedload(SelfAssessment.plan),
                 selectinload(SelfAssessment.versions).joinedload(AssessmentVersion.author))
    )


def assessments_of(plan_id: int) -> list[SelfAssessment]:
    """The plan's self-assessments (for its page's links), mid-term first."""
    found = db.session.scalars(
        sa.select(SelfAssessment).where(SelfAssessment.plan_id == plan_id)
    ).all()
    order = list(AssessmentKind)
    return sorted(found, key=lambda a: order.index(a.kind))
