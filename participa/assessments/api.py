"""Open data: the self-assessments, as paginated JSON (each with its newest version's
narrative sections and tracking data, and its count of public comments) and as CSV (one row
each, the tracking data as counts). See ``docs/api.md``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from ..base.extensions import db
from ..content.numbers import MAX_ID
from ..tracking.models import CompletionStatus
from ..web import openapi as oa
from ..web.api import csv_response, listing_filters, paginated_json, where_equal
from ..web.args import query_args, whole
from . import api_bp, comment_counts
from .models import NARRATIVE_KEYS, AssessmentKind, AssessmentState, SelfAssessment

FIELDS = (
    "id", "plan_id", "kind", "state", "version", "version_date", "comments_from",
    "comments_until", "published_at", "published_version", *NARRATIVE_KEYS, "tracking_as_of",
    "commitments", "milestones", "milestones_complete", "milestones_withdrawn", "percent",
    "level", "updates", "comments",
)
FILTERS = {"plan": whole(MAX_ID)}
PARAMETERS = (oa.Param("plan", oa.integer(minimum=1, maximum=MAX_ID), "A plan's id."),)
_COUNT = {"type": "integer", "minimum": 0}
TRACKING_SCHEMA = {
    "type": "object",
    "description": "The tracking data the version was built from: as_of, the plan's "
                   "completion, and each published commitment's completion, milestones "
                   "(with their status) and published progress updates (with their "
                   "evidence links).",
}
ITEM = {
    "id": oa.ID,
    "plan_id": oa.ID,
    "kind": oa.enum([kind.value for kind in AssessmentKind]),
    "state": oa.enum([state.value for state in AssessmentState]),
    "version": oa.integer("its newest version", minimum=1),
    "version_date": oa.date_time(),
    "comments_from": oa.nullable(oa.date_time("the public comment period's start")),
    "comments_until": oa.nullable(oa.date_time("the public comment period's end")),
    "published_at": oa.nullable(oa.date_time()),
    "published_version": oa.nullable(oa.integer(minimum=1)),
    **{key: oa.text() for key in NARRATIVE_KEYS},
    "tracking_as_of": oa.date_time(),
    "commitments": _COUNT,
    "milestones": _COUNT,
    "milestones_complete": _COUNT,
    "milestones_withdrawn": _COUNT,
    "percent": oa.nullable(oa.integer("complete milestones, in percent of those not "
                                      "withdrawn", minimum=0, maximum=100)),
    "level": oa.nullable(oa.enum([status.value for status in CompletionStatus],
                                 "the plan's completion on the IRM's scale")),
    "updates": _COUNT,
    "comments": oa.integer("the public's visible comments on it and the answers to them "
                           "(those of /api/v1/comments?assessment=<id>)", minimum=0),
}
SCHEMA = oa.obj({**ITEM, "tracking": TRACKING_SCHEMA},
                description="A self-assessment of a plan: its newest version.")


def _when(value) -> str | None:
    return value.isoformat() if value is not None else None


def assessment_data(assessment: SelfAssessment, *, with_tracking: bool = True,
                    comments: int = 0) -> dict[str, Any]:
    version = assessment.versions[-1]
    tracking = version.tracking
    completion = tracking["completion"]
    data = {
        "id": assessment.id,
        "plan_id": assessment.plan_id,
        "kind": assessment.kind.value,
        "state": assessment.state.value,
        "version": version.number,
        "version_date": _when(version.created_at),
        "comments_from": _when(assessment.comments_from),
        "comments_until": _when(assessment.comments_until),
        "published_at": _when(assessment.published_at),
        "published_version": assessment.published_version,
        **{key: getattr(version, key) for key in NARRATIVE_KEYS},
        "tracking_as_of": tracking["as_of"],
        "commitments": len(tracking["commitments"]),
        "milestones": completion["milestones"],
        "milestones_complete": completion["complete"],
        "milestones_withdrawn": completion["withdrawn"],
        "percent": completion["percent"],
        "level": completion["level"],
        "updates": sum(len(entry["updates"]) for entry in tracking["commitments"]),
        "comments": comments,
    }
    if with_tracking:
        data["tracking"] = tracking
    return data


def _statement(filters: dict[str, Any]) -> sa.Select:
    statement = (
        sa.select(SelfAssessment)
        .options(joinedload(SelfAssessment.plan), selectinload(SelfAssessment.versions))
        .order_by(SelfAssessment.plan_id, SelfAssessment.id)
    )
    return where_equal(statement, filters, {"plan": SelfAssessment.plan_id})


@api_bp.route("/self-assessments")
@oa.describe(summary="Self-assessments",
             description="The mid-term and end-of-term self-assessments of the plans, drafts "
                         "included, each with its newest version and the number of the "
                         "public's visible comments on it, answers included.",
             parameters=(*PARAMETERS, *oa.PAGE_PARAMETERS), page_of=SCHEMA)
def assessments():
    return paginated_json(_statement(listing_filters(FILTERS)), prepare=_with_comments)


def _with_comments(found: Sequence[SelfAssessment], **options: Any
                   ) -> Callable[[SelfAssessment], dict[str, Any]]:
    """The serializer of a page of self-assessments, their comments counted at once (one
    statement; the comments feature registers the counter, and create_app imports it)."""
    counts = comment_counts.visible_comments_of([a.id for a in found]) or {}
    return lambda assessment: assessment_data(
        assessment, comments=counts.get(assessment.id, 0), **options)


@api_bp.route("/self-assessments.csv")
@oa.describe(summary="Self-assessments as CSV", parameters=PARAMETERS, csv=FIELDS)
def assessments_csv():
    filters = query_args(FILTERS)
    found = list(db.session.scalars(_statement(filters)).unique())
    serialize = _with_comments(found, with_tracking=False)
    return csv_response(FIELDS, (serialize(a) for a in found), "autoevaluaciones.csv")
