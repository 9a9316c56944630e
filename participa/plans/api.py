"""Open data: the action plans and their commitments as paginated JSON and as CSV.

See ``docs/api.md``. Query parameters come from allowlists: an unknown or repeated parameter,
or a value that does not parse, answers 400 with a JSON body; so does any other error of
these endpoints (404, ...).
"""

from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from ..base.extensions import db
from ..base.time import iso_utc
from ..content.numbers import MAX_ID
from ..web import openapi as oa
from ..web.api import PAGINATION, csv_response, listing_filters, paginated_json, where_equal
from ..web.args import Parser, query_args, whole
from . import api_bp
from .irm import IrmValues
from .models import (
    OGP_VALUE_KEYS,
    ActionPlan,
    Commitment,
    CommitmentVersion,
    IrmCompletion,
    IrmEarlyResults,
    IrmImpact,
    PlanStatus,
)
from .queries import commitment_counts, policy_areas_matching, published_commitments

POLICY_AREA_LENGTH = Commitment.policy_area.property.columns[0].type.length

PLAN_FIELDS = (
    "id", "number", "title", "period", "start_year", "end_year", "status", "commitment_count",
)
COMMITMENT_FIELDS = (
    "id", "ogp_code", "number", "title", "year", "policy_area", "plan_id", "axis",
    "lead_institution", "status",
    # The IRM's fields (``plans.irm``): null (CSV: empty) is "Revisión pendiente de IRM".
    "irm_report_url", "irm_starred", "irm_early_results", "irm_verifiable", "irm_relevance",
    "irm_potential_impact", "irm_completion", "irm_source_url", "irm_recorded_at",
)
# In CSV, a relevance reviewed as none of OGP's values (JSON: an empty list).
NO_OGP_VALUE = "ninguno"


# Query parameters -----------------------------------------------------------------------------


def _year(value: str) -> int:
    if not re.fullmatch(r"[0-9]{4}", value):
        raise ValueError(value)
    return int(value)


def _policy_area(value: str) -> str:
    if not value.strip() or len(value) > POLICY_AREA_LENGTH:
        raise ValueError(value)
    return value


COMMITMENT_FILTERS: dict[str, Parser] = {
    "plan": whole(MAX_ID),
    "year": _year,
    "policy_area": _policy_area,
}


def _commitments_statement(filters: dict[str, Any]) -> sa.Select:
    statement = where_equal(published_commitments(), filters,
                            {"plan": Commitment.plan_id, "year": ActionPlan.start_year})
    if "policy_area" in filters:
        areas = policy_areas_matching(filters["policy_area"])
        statement = statement.where(Commitment.policy_area.in_(areas) if areas else sa.false())
    return statement


PLAN_SCHEMA = oa.obj({
    "id": oa.ID,
    "number": oa.integer("the plan's number: 1 for the first plan (2012-2014)", minimum=1),
    "title": oa.text(),
    "period": oa.text("start_year-end_year, e.g. 2016-2018"),
    "start_year": oa.integer("the OGP cycle year"),
    "end_year": oa.integer(),
    "status": oa.enum([status.value for status in PlanStatus]),
    "commitment_count": oa.integer("its published commitments", minimum=0),
}, description="A National Action Plan.")
COMMITMENT_SCHEMA = oa.obj({
    "id": oa.ID,
    "ogp_code": oa.nullable(oa.text("the OGP code, e.g. GT0099")),
    "number": oa.integer("its number in its plan"),
    "title": oa.text(),
    "year": oa.integer("the plan's start_year"),
    "policy_area": oa.nullable(oa.text("OGP's policy area")),
    "plan_id": oa.ID,
    "axis": oa.nullable(oa.text("the plan's thematic axis")),
    "lead_institution": oa.nullable(oa.text()),
    "status": oa.enum(["activo", "inactivo"], "OGP's own status"),
    # The IRM's fields: null is "Revisión pendiente de IRM".
    "irm_report_url": oa.nullable(oa.text("the IRM report's address")),
    "irm_starred": oa.nullable({"type": "boolean", "description": "starred by the IRM"}),
    "irm_early_results": oa.nullable(oa.enum([v.value for v in IrmEarlyResults],
                                             "the IRM's early results")),
    "irm_verifiable": oa.nullable({"type": "boolean", "description": "design: verifiable"}),
    "irm_relevance": oa.nullable({"type": "array", "items": oa.enum(list(OGP_VALUE_KEYS)),
                                  "description": "design: the OGP values it is relevant to"}),
    "irm_potential_impact": oa.nullable(oa.enum([v.value for v in IrmImpact],
                                                "design: potential impact")),
    "irm_completion": oa.nullable(oa.enum([v.value for v in IrmCompletion],
                                          "implementation: completion")),
    "irm_source_url": oa.nullable(oa.text("where the IRM's fields were read")),
    "irm_recorded_at": oa.nullable(oa.date_time("when they were recorded")),
}, description="A published commitment, with the IRM's fields (null: pending IRM review).")
COMMITMENT_PARAMETERS = (
    oa.Param("plan", oa.integer(minimum=1, maximum=MAX_ID), "A plan's id."),
    oa.Param("year", oa.text(pattern="^[0-9]{4}$"), "The plan's start year (four digits)."),
    oa.Param("policy_area", oa.text(minLength=1, maxLength=POLICY_AREA_LENGTH,
                                    pattern=r"\S"),
             "A policy area, exact but ignoring case."),
)


# Serialisation --------------------------------------------------------------------------------


def irm_data(commitment: Commitment) -> dict[str, Any]:
    """The newest IRM entry's fields, None where pending."""
    entry = commitment.irm
    values = IrmValues.of(entry).as_json()
    data = {f"irm_{name}": value for name, value in values.items()}
    data["irm_source_url"] = entry.source_url if entry else None
    data["irm_recorded_at"] = entry.created_at.isoformat() if entry else None
    return data


def commitment_data(commitment: Commitment) -> dict[str, Any]:
    """A published commitment (its plan, axis and IRM entries loaded). No personal data."""
    return {
        "id": commitment.id,
        "ogp_code": commitment.ogp_code,
        "number": commitment.number,
        "title": commitment.title,
        "year": commitment.plan.start_year,
        "policy_area": commitment.policy_area,
        "plan_id": commitment.plan_id,
        "axis": commitment.axis.name if commitment.axis is not None else None,
        "lead_institution": commitment.lead_institution,
        "status": commitment.status.value,
        **irm_data(commitment),
    }


def commitment_row(commitment: Commitment) -> dict[str, Any]:
    """The CSV row: as the JSON, with a relevance to none of OGP's values spelt out."""
    row = commitment_data(commitment)
    if row["irm_relevance"] == []:
        row["irm_relevance"] = NO_OGP_VALUE
    return row


def plan_data(plan: ActionPlan, commitment_count: int) -> dict[str, Any]:
    return {
        "id": plan.id,
        "number": plan.number,
        "title": plan.title,
        "period": plan.period,
        "start_year": plan.start_year,
        "end_year": plan.end_year,
        "status": plan.status.value,
        "commitment_count": commitment_count,
    }


# Endpoints ------------------------------------------------------------------------------------


@api_bp.route("/plans")
@oa.describe(summary="Action plans", description="Guatemala's National Action Plans, by number.",
             parameters=oa.PAGE_PARAMETERS, page_of=PLAN_SCHEMA)
def plans():
    query_args(PAGINATION)
    counts = commitment_counts()
    return paginated_json(
        sa.select(ActionPlan).order_by(ActionPlan.number, ActionPlan.id),
        lambda plan: plan_data(plan, counts.get(plan.id, 0)),
    )


@api_bp.route("/commitments")
@oa.describe(summary="Commitments",
             description="The published commitments of every plan, by OGP code then id.",
             parameters=(*COMMITMENT_PARAMETERS, *oa.PAGE_PARAMETERS),
             page_of=COMMITMENT_SCHEMA)
def commitments():
    statement = _commitments_statement(listing_filters(COMMITMENT_FILTERS))
    return paginated_json(statement, commitment_data)


@api_bp.route("/commitments.csv")
@oa.describe(summary="Commitments as CSV", parameters=COMMITMENT_PARAMETERS,
             csv=COMMITMENT_FIELDS)
def commitments_csv():
    filters = query_args(COMMITMENT_FILTERS)
    found = db.session.scalars(_commitments_statement(filters)).unique()
    return csv_response(COMMITMENT_FIELDS, map(commitment_row, found), "compromisos.csv")


# Template versions ------------------------------------------------------------------------

VERSION_TEXT_FIELDS = (
    "title", "lead_institution", "supporting_institutions", "problem", "commitment_text",
    "contribution", "ogp_relevance", "additional_information", "other_actors_public",
    "other_actors_civil", "observations",
)
MILESTONE_SCHEMA = oa.obj({
    "number": oa.integer(minimum=0),
    "description": oa.text(),
    "responsible": oa.text(),
    "is_new": oa.BOOLEAN,
    "start_date": oa.nullable(oa.day()),
    "end_date": oa.nullable(oa.day()),
})
CONTACT_SCHEMA = oa.obj({
    "name": oa.text(), "institution_post": oa.text(),
    "email": oa.text("the official contact's address, as in the template"),
    "phone": oa.text(),
})
VERSION_SCHEMA = oa.obj({
    "id": oa.ID,
    "commitment_id": oa.ID,
    "number": oa.integer("the version's number, from 1", minimum=1),
    "created_at": oa.date_time("UTC"),
    "is_final": oa.BOOLEAN,
    "change_note": oa.text(),
    "start_date": oa.nullable(oa.day()),
    "end_date": oa.nullable(oa.day()),
    **{name: oa.text() for name in VERSION_TEXT_FIELDS},
    "milestones": {"type": "array", "items": MILESTONE_SCHEMA},
    "contacts": {"type": "array", "items": CONTACT_SCHEMA},
}, description="One version of a commitment's template (OGP's commitment template).")


def _day(value) -> str | None:
    return value.isoformat() if value is not None else None


def version_data(version: CommitmentVersion) -> dict[str, Any]:
    return {
        "id": version.id,
        "commitment_id": version.commitment_id,
        "number": version.number,
        "created_at": iso_utc(version.created_at),
        "is_final": version.is_final,
        "change_note": version.change_note,
        "start_date": _day(version.start_date),
        "end_date": _day(version.end_date),
        **{name: getattr(version, name) or "" for name in VERSION_TEXT_FIELDS},
        "milestones": [{
            "number": m.number, "description": m.description, "responsible": m.responsible,
            "is_new": m.is_new, "start_date": _day(m.start_date), "end_date": _day(m.end_date),
        } for m in sorted(version.milestones, key=lambda m: (m.number, m.id))],
        "contacts": [{
            "name": c.name, "institution_post": c.institution_post, "email": c.email,
            "phone": c.phone,
        } for c in sorted(version.contacts, key=lambda c: (c.position, c.id))],
    }


@api_bp.route("/commitments/<int:commitment_id>/versions")
@oa.describe(summary="A commitment's template versions",
             description="Every version of the commitment's template, drafts' too (their "
                         "pages are public), oldest first, with milestones and contacts.",
             parameters=oa.PAGE_PARAMETERS, page_of=VERSION_SCHEMA,
             path={"commitment_id": "a commitment's id"})
def commitment_versions(commitment_id: int):
    query_args(PAGINATION)
    db.get_or_404(Commitment, commitment_id)
    return paginated_json(
        sa.select(CommitmentVersion).where(CommitmentVersion.commitment_id == commitment_id)
        .options(selectinload(CommitmentVersion.milestones),
                 selectinload(CommitmentVersion.contacts))
        .order_by(CommitmentVersion.number, CommitmentVersion.id),
        version_data,
    )
