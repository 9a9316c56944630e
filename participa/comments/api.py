"""Open data: the public comments, on proposals, on draft commitments' versions, on progress
updates and on self-assessments (JSON; a self-assessment's also as CSV) (see
docs/api.md). Only what the threads show to everyone: visible comments (neither hidden nor
waiting for approval), and none on a proposal the public cannot read; the author's public
display name, as on the page."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from ..assessments.models import SelfAssessment
from ..base.extensions import db
from ..base.time import iso_utc
from ..content.numbers import MAX_ID
from ..content.visibility import visible_filter
from ..plans.models import CommitmentVersion
from ..proposals.models import Proposal
from ..web import openapi as oa
from ..web.api import csv_response, listing_filters, paginated_json, where_equal
from ..web.args import query_args, whole
from . import api_bp
from .models import Comment, Stance

FILTERS = {"proposal": whole(MAX_ID), "commitment": whole(MAX_ID), "version": whole(MAX_ID),
           "assessment": whole(MAX_ID)}
PARAMETERS = (
    oa.Param("proposal", oa.integer(minimum=1, maximum=MAX_ID), "A proposal's id."),
    oa.Param("commitment", oa.integer(minimum=1, maximum=MAX_ID),
             "A commitment's id: the comments on all its versions."),
    oa.Param("version", oa.integer(minimum=1, maximum=MAX_ID), "A template version's id."),
    oa.Param("assessment", oa.integer(minimum=1, maximum=MAX_ID),
             "A self-assessment's id: the public's comments on it."),
)
COMMENT_SCHEMA = oa.obj({
    "id": oa.ID,
    "proposal_id": oa.nullable(oa.ID),
    "version_id": oa.nullable(oa.ID),
    "commitment_id": oa.nullable(oa.ID),
    "update_id": oa.nullable(oa.ID),
    "assessment_id": oa.nullable(oa.ID),
    "parent_id": oa.nullable(oa.ID),
    "section": oa.nullable(oa.text("the template section a draft's comment is about")),
    "milestone_number": oa.nullable(oa.integer()),
    "stance": oa.nullable(oa.enum([stance.value for stance in Stance])),
    "body": oa.text(),
    "language": oa.nullable(oa.text("the language its author wrote it in")),
    "author": oa.text("the author's public display name"),
    "organization": oa.nullable(oa.text("the organisation it speaks for")),
    "workshop_id": oa.nullable(oa.ID),
    "created_at": oa.date_time("UTC"),
    "edited_at": oa.nullable(oa.date_time("UTC")),
}, description="A public comment.")


def comment_data(comment: Comment) -> dict[str, Any]:
    version = comment.version
    return {
        "id": comment.id,
        "proposal_id": comment.proposal_id,
        "version_id": comment.version_id,
        "commitment_id": version.commitment_id if version is not None else None,
        "update_id": comment.update_id,
        "assessment_id": comment.assessment_id,
        "parent_id": comment.parent_id,
        "section": comment.section,
        "milestone_number": comment.milestone_number,
        "stance": comment.stance.value if comment.stance is not None else None,
        "body": comment.body,
        "language": comment.language,
        "author": comment.author.display_name,
        "organization": comment.organization.name if comment.organization else None,
        "workshop_id": comment.workshop_id,
        "created_at": iso_utc(comment.created_at),
        "edited_at": iso_utc(comment.edited_at) if comment.edited_at else None,
    }


def public_comments(filters: dict[str, int]) -> sa.Select:
    statement = (
        sa.select(Comment)
        .where(visible_filter(Comment),
               sa.or_(Comment.proposal_id.is_(None),
                      Comment.proposal.has(visible_filter(Proposal))))
        .options(joinedload(Comment.author), joinedload(Comment.organization),
                 joinedload(Comment.version))
        .order_by(Comment.id)
    )
    statement = where_equal(statement, filters, {"proposal": Comment.proposal_id,
                                                 "assessment": Comment.assessment_id,
                                                 "version": Comment.version_id})
    if "commitment" in filters:
        statement = statement.where(Comment.version_id.in_(
            sa.select(CommitmentVersion.id)
            .where(CommitmentVersion.commitment_id == filters["commitment"])))
    return statement


@api_bp.route("/comments")
@oa.describe(summary="Public comments",
             description="Visible comments on proposals, on commitments' template "
                         "versions, on published progress updates and on self-assessments, "
                         "oldest first; hidden and pending ones are left out.",
             parameters=(*PARAMETERS, *oa.PAGE_PARAMETERS), page_of=COMMENT_SCHEMA)
def comments():
    return paginated_json(public_comments(listing_filters(FILTERS)), comment_data)


CSV_FIELDS = tuple(COMMENT_SCHEMA["properties"])


@api_bp.route("/self-assessments/<int:assessment_id>/comments.csv")
@oa.describe(summary="The public's comments on a self-assessment, as CSV",
             description="Visible comments and answers on one self-assessment, oldest "
                         "first (404 for an unknown self-assessment).",
             csv=CSV_FIELDS)
def assessment_comments_csv(assessment_id: int):
    query_args({})  # no parameters: an unknown one is a 400
    db.get_or_404(SelfAssessment, assessment_id)
    found = db.session.scalars(public_comments({"assessment": assessment_id})).unique()
    return csv_response(CSV_FIELDS, (comment_data(c) for c in found),
                        f"comentarios-autoevaluacion-{assessment_id}.csv")
