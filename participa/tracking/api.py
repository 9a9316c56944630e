"""Open data of implementation tracking (docs/api.md): each milestone of the published
commitments with its status, the published progress updates with their evidence (links and
the files' metadata and address), as paginated JSON and as CSV. Drafts, updates in review
and returned ones are never here."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import Blueprint, url_for
from sqlalchemy.orm import joinedload, selectinload

from ..base.extensions import db
from ..base.time import iso_utc
from ..content.numbers import MAX_ID
from ..plans.models import Commitment
from ..web import openapi as oa
from ..web.api import csv_response, listing_filters, paginated_items, paginated_json, where_equal
from ..web.args import Parser, query_args, whole
from . import pages, queries
from .models import CompletionStatus, Evidence, ProgressUpdate, UpdateState

api_bp = Blueprint("tracking_api", __name__, url_prefix="/api/v1")

FILTERS: dict[str, Parser] = {"plan": whole(MAX_ID), "commitment": whole(MAX_ID)}
PARAMETERS = (
    oa.Param("plan", oa.integer(minimum=1, maximum=MAX_ID), "A plan's id."),
    oa.Param("commitment", oa.integer(minimum=1, maximum=MAX_ID), "A commitment's id."),
)
STATUSES = [status.value for status in CompletionStatus]

MILESTONE_FIELDS = (
    "commitment_id", "plan_id", "ogp_code", "number", "description", "responsible",
    "start_date", "end_date", "status", "withdrawn_reason", "overdue", "update_id",
)
MILESTONE_SCHEMA = oa.obj({
    "commitment_id": oa.ID,
    "plan_id": oa.ID,
    "ogp_code": oa.nullable(oa.text("the commitment's OGP code")),
    "number": oa.integer("the milestone's number in the commitment's template", minimum=0),
    "description": oa.text(),
    "responsible": oa.text("the institution responsible for it"),
    "start_date": oa.nullable(oa.day()),
    "end_date": oa.nullable(oa.day()),
    "status": oa.enum(STATUSES, "on the IRM's completion scale, or withdrawn"),
    "withdrawn_reason": oa.text("why it was withdrawn (empty otherwise)"),
    "overdue": {**oa.BOOLEAN, "description": "past its end date and neither complete nor "
                                             "withdrawn, today in Guatemala"},
    "update_id": oa.nullable(oa.integer("the published update that set the status",
                                        minimum=1, maximum=MAX_ID)),
}, description="A milestone of a published commitment (its newest final version).")

EVIDENCE_SCHEMA = oa.obj({
    "kind": oa.enum(["enlace", "archivo"]),
    "title": oa.text(),
    "url": oa.text("the link, or the file's address on this site"),
    "media_type": oa.nullable(oa.text("a file's type, read from its content")),
    "size": oa.nullable(oa.integer("a file's size in bytes", minimum=0)),
    "sha256": oa.nullable(oa.text("a file's SHA-256, hexadecimal")),
}, description="A piece of evidence of a progress update.")
UPDATE_FIELDS = (
    "id", "commitment_id", "plan_id", "ogp_code", "milestone_number", "status",
    "withdrawn_reason", "text", "organization", "published_at", "evidence",
)
UPDATE_SCHEMA = oa.obj({
    "id": oa.ID,
    "commitment_id": oa.ID,
    "plan_id": oa.ID,
    "ogp_code": oa.nullable(oa.text()),
    "milestone_number": oa.integer(minimum=0),
    "status": oa.enum(STATUSES, "the milestone's status it reported"),
    "withdrawn_reason": oa.text(),
    "text": oa.text("what the lead institution reported"),
    "organization": oa.text("the lead institution that reported it"),
    "published_at": oa.date_time("when the MTGA published it, UTC"),
    "evidence": {"type": "array", "items": EVIDENCE_SCHEMA},
}, description="A published progress update.")
EVIDENCE_FIELDS = ("update_id", "commitment_id", "milestone_number", "kind", "title", "url",
                   "media_type", "size", "sha256")


def _commitment_ids(filters: dict[str, Any]) -> sa.Select:
    return where_equal(sa.select(Commitment.id).where(queries.PUBLISHED_COMMITMENT), filters,
                       {"plan": Commitment.plan_id, "commitment": Commitment.id})


# Milestones -----------------------------------------------------------------------------------


def _milestones(filters: dict[str, Any]) -> list[tuple[queries.TrackedMilestone, Commitment]]:
    milestones = queries.tracked_milestones(_commitment_ids(filters))
    commitments = {c.id: c for c in db.session.scalars(
        sa.select(Commitment).where(Commitment.id.in_({m.commitment_id for m in milestones})))
    } if milestones else {}
    return [(m, commitments[m.commitment_id]) for m in milestones]


def milestone_data(pair: tuple[queries.TrackedMilestone, Commitment]) -> dict[str, Any]:
    milestone, commitment = pair
    return {
        "commitment_id": commitment.id,
        "plan_id": commitment.plan_id,
        "ogp_code": commitment.ogp_code,
        "number": milestone.number,
        "description": milestone.description,
        "responsible": milestone.responsible,
        "start_date": milestone.start_date.isoformat() if milestone.start_date else None,
        "end_date": milestone.end_date.isoformat() if milestone.end_date else None,
        "status": milestone.status.value,
        "withdrawn_reason": milestone.withdrawn_reason,
        "overdue": milestone.is_overdue(pages.today()),
        "update_id": milestone.update_id,
    }


@api_bp.route("/milestones")
@oa.describe(summary="Milestones and their status",
             description="The milestones of the published commitments, by commitment id and "
                         "number, with the status the MTGA last published.",
             parameters=(*PARAMETERS, *oa.PAGE_PARAMETERS), page_of=MILESTONE_SCHEMA)
def milestones():
    return paginated_items(_milestones(listing_filters(FILTERS)), milestone_data)


@api_bp.route("/milestones.csv")
@oa.describe(summary="Milestones as CSV", parameters=PARAMETERS, csv=MILESTONE_FIELDS)
def milestones_csv():
    filters = query_args(FILTERS)
    return csv_response(MILESTONE_FIELDS, map(milestone_data, _milestones(filters)),
                        "hitos.csv")


# Published updates and their evidence -------------------------------------------------------


def _updates(filters: dict[str, Any]) -> sa.Select:
    return (
        sa.select(ProgressUpdate)
        .where(ProgressUpdate.state == UpdateState.PUBLISHED,
               ProgressUpdate.commitment_id.in_(_commitment_ids(filters)))
        .options(joinedload(ProgressUpdate.commitment), joinedload(ProgressUpdate.organization),
                 selectinload(ProgressUpdate.evidence).joinedload(Evidence.file))
        .order_by(ProgressUpdate.published_at, ProgressUpdate.id)
    )


def evidence_data(evidence: Evidence) -> dict[str, Any]:
    file = evidence.file
    if file is None:
        return {"kind": "enlace", "title": evidence.title, "url": evidence.url,
                "media_type": None, "size": None, "sha256": None}
    return {"kind": "archivo", "title": evidence.title,
            "url": url_for("files.serve", file_id=file.id), "media_type": file.media_type,
            "size": file.size, "sha256": file.sha256}


def update_data(update: ProgressUpdate) -> dict[str, Any]:
    return {
        "id": update.id,
        "commitment_id": update.commitment_id,
        "plan_id": update.commitment.plan_id,
        "ogp_code": update.commitment.ogp_code,
        "milestone_number": update.milestone_number,
        "status": update.status.value,
        "withdrawn_reason": update.withdrawn_reason,
        "text": update.body,
        "organization": update.organization.label,
        "published_at": iso_utc(update.published_at),
        "evidence": [evidence_data(e) for e in update.evidence],
    }


def _update_row(update: ProgressUpdate) -> dict[str, Any]:
    """A CSV row: the evidence's addresses joined by ";"."""
    return {**update_data(update),
            "evidence": [evidence_data(e)["url"] for e in update.evidence]}


@api_bp.route("/progress-updates")
@oa.describe(summary="Published progress updates",
             description="The progress updates the MTGA published, oldest first, with their "
                         "evidence.",
             parameters=(*PARAMETERS, *oa.PAGE_PARAMETERS), page_of=UPDATE_SCHEMA)
def updates():
    return paginated_json(_updates(listing_filters(FILTERS)), update_data)


@api_bp.route("/progress-updates.csv")
@oa.describe(summary="Published progress updates as CSV",
             description="One row per update; «evidence» holds the addresses, separated by ;.",
             parameters=PARAMETERS, csv=UPDATE_FIELDS)
def updates_csv():
    found = db.session.scalars(_updates(query_args(FILTERS))).unique()
    return csv_response(UPDATE_FIELDS, map(_update_row, found), "avances.csv")


@api_bp.route("/progress-evidence.csv")
@oa.describe(summary="Evidence of the published updates as CSV",
             description="One row per link or file of a published update.",
             parameters=PARAMETERS, csv=EVIDENCE_FIELDS)
def evidence_csv():
    found = db.session.scalars(_updates(query_args(FILTERS))).unique()
    rows = ({"update_id": u.id, "commitment_id": u.commitment_id,
             "milestone_number": u.milestone_number, **evidence_data(e)}
            for u in found for e in u.evidence)
    return csv_response(EVIDENCE_FIELDS, rows, "evidencia.csv")
