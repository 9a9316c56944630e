"""Open data: a round's proposals as paginated JSON and as CSV (see docs/api.md).

Same search, filters and orders as the list page (``listing``). Withdrawn proposals are
included with their status; hidden and pending ones are not (``listing.statement``). About
people, only the public display name of the author: never an e-mail address or a person's
sector.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import request
from sqlalchemy.orm import contains_eager

from ..accounts.models import Sector
from ..base.extensions import db
from ..base.time import iso_utc
from ..content.numbers import MAX_ID
from ..content.visibility import ModerationState, is_hidden
from ..organizations.models import OrganizationKind
from ..plans.models import Axis
from ..web import openapi as oa
from ..web.api import PAGINATION, csv_response, paginated_json
from ..web.args import query_args
from . import api_bp
from .models import TEXT_FIELDS, OgpValue, Proposal, ProposalStatus, Response, ResponseDecision
from .queries import listing

CSV_FIELDS = (
    "id", "reference", *TEXT_FIELDS, "language", "ogp_values", "axis", "status", "support_count",
    "created_at", "author", "organization", "organization_acronym",
)

ROUND_PATH = {"round_id": "a consultation round's id"}
PROPOSAL_SCHEMA = oa.obj({
    "id": oa.ID,
    "reference": oa.text("P-<year>-<number>", pattern="^P-[0-9]{4}-[0-9]{4,}$"),
    **{name: oa.text() for name in TEXT_FIELDS},
    "language": oa.text("the language its author wrote it in (a language code: es, quc...)"),
    "ogp_values": {"type": "array", "items": oa.enum([value.value for value in OgpValue])},
    "axis": oa.nullable(oa.obj({"id": oa.ID, "name": oa.text()})),
    "status": oa.enum([status.value for status in ProposalStatus]),
    "support_count": oa.integer(minimum=0),
    "created_at": oa.date_time("when it was sent, UTC"),
    "author": oa.text("the author's public display name"),
    "organization": oa.nullable(oa.obj({
        "id": oa.ID, "name": oa.text(), "acronym": oa.nullable(oa.text()),
    })),
}, description="A proposal sent to a round.")


def _with_empty(values: list[str]) -> dict:
    return oa.enum(["", *values])


LISTING_PARAMETERS = (
    oa.Param("q", oa.text(maxLength=listing.MAX_QUERY_LENGTH),
             "Words to search for (case, accents and apostrophes do not matter)."),
    oa.Param("axis", {"anyOf": [oa.integer(minimum=1, maximum=MAX_ID), oa.enum([""])]},
             "The id of an axis of the round's plan (another is a 400)."),
    oa.Param("status", _with_empty(list(listing.STATUSES)), "publicada or retirada."),
    oa.Param("sector", _with_empty([sector.value for sector in Sector]), "The author's sector."),
    oa.Param("organization",
             _with_empty([*(kind.value for kind in OrganizationKind), listing.NO_ORGANIZATION]),
             "The kind of the organisation it speaks for, or sin_organizacion."),
    oa.Param("sort", _with_empty(list(listing.SORTS)), "newest (default), most_supported, random."),
    oa.Param("seed", {"anyOf": [oa.integer(minimum=1, maximum=listing.SEED_MAX), oa.enum([""])]},
             "For sort=random: fixes the order."),
)


def serialize(proposal: Proposal) -> dict[str, Any]:
    organization = proposal.organization
    axis = proposal.axis
    return {
        "id": proposal.id,
        "reference": proposal.reference,
        **{name: getattr(proposal, name) for name in TEXT_FIELDS},
        # The language its author wrote it in (issue 18; 'es' for what came before).
        "language": proposal.language or "es",
        "ogp_values": [value.value for value in proposal.ogp_values],
        "axis": {"id": axis.id, "name": axis.name} if axis else None,
        "status": proposal.status.value,
        "support_count": proposal.support_count,
        "created_at": iso_utc(proposal.created_at),
        "author": proposal.author.display_name,
        "organization": (
            {"id": organization.id, "name": organization.name, "acronym": organization.acronym}
            if organization
            else None
        ),
    }


def _csv_row(proposal: Proposal) -> dict[str, Any]:
    row = serialize(proposal)
    organization = row.pop("organization")
    row["axis"] = row["axis"]["name"] if row["axis"] else None
    row["organization"] = organization["name"] if organization else None
    row["organization_acronym"] = organization["acronym"] if organization else None
    return row


def _round_and_listing(round_id: int, extra_args: tuple[str, ...] = ()):
    consultation_round = listing.round_or_404(round_id)
    axis_ids = set(
        db.session.scalars(sa.select(Axis.id).where(Axis.plan_id == consultation_round.plan_id))
    )
    wanted = listing.parse(request.args, axis_ids=axis_ids, extra_args=extra_args)
    return consultation_round, wanted


@api_bp.route("/rounds/<int:round_id>/proposals")
@oa.describe(summary="A round's proposals",
             description="Hidden and pending proposals are left out; withdrawn ones stay.",
             parameters=(*LISTING_PARAMETERS, *oa.PAGE_PARAMETERS), page_of=PROPOSAL_SCHEMA,
             path=ROUND_PATH)
def round_proposals(round_id: int):
    consultation_round, wanted = _round_and_listing(round_id, tuple(PAGINATION))
    # A random order gets its seed into every link, so the next page follows the same order.
    extra = {"seed": wanted.seed} if wanted.sort == "random" else {}
    return paginated_json(listing.statement(consultation_round, wanted), serialize, **extra)


@api_bp.route("/rounds/<int:round_id>/proposals.csv")
@oa.describe(summary="A round's proposals as CSV", parameters=LISTING_PARAMETERS,
             csv=CSV_FIELDS, path=ROUND_PATH)
def round_proposals_csv(round_id: int):
    consultation_round, wanted = _round_and_listing(round_id)
    proposals = db.session.scalars(listing.statement(consultation_round, wanted))
    return csv_response(
        CSV_FIELDS,
        (_csv_row(proposal) for proposal in proposals),
        filename=f"propuestas-consulta-{consultation_round.id}.csv",
    )


# The MTGA's responses ---------------------------------------------------------------------

RESPONSE_FIELDS = (
    "id", "proposal_id", "proposal_reference", "decision", "reason", "commitment_id",
    "published_at", "moderation",
)
RESPONSE_SCHEMA = oa.obj({
    "id": oa.ID,
    "proposal_id": oa.ID,
    "proposal_reference": oa.text("P-<year>-<number>"),
    "decision": oa.enum([decision.value for decision in ResponseDecision]),
    "reason": oa.text("the MTGA's reasoned response (may be empty when incorporated)"),
    "commitment_id": oa.nullable(oa.ID),
    "published_at": oa.date_time("UTC"),
    "moderation": oa.enum(["visible", "oculto"],
                          "oculto: the moderation hid the proposal (see its page)"),
}, description="The MTGA's published response to a proposal.")


def _responses_statement(round_id: int) -> sa.Select:
    """The round's published responses, by proposal reference; a proposal waiting for the
    moderation's approval has none yet (as in the round's report)."""
    return (
        sa.select(Response).join(Response.proposal)
        .options(contains_eager(Response.proposal))
        .where(Proposal.round_id == round_id, Response.published_at.is_not(None),
               Proposal.moderation_state != ModerationState.PENDING)
        .order_by(Proposal.reference_year, Proposal.reference_number, Response.id)
    )


def response_data(response: Response) -> dict[str, Any]:
    proposal = response.proposal
    return {
        "id": response.id,
        "proposal_id": proposal.id,
        "proposal_reference": proposal.reference,
        "decision": response.decision.value,
        "reason": response.reason,
        "commitment_id": response.commitment_id,
        "published_at": iso_utc(response.published_at),
        "moderation": "oculto" if is_hidden(proposal) else "visible",
    }


@api_bp.route("/rounds/<int:round_id>/responses")
@oa.describe(summary="The MTGA's responses in a round",
             description="Every published response to the round's proposals, by reference.",
             parameters=oa.PAGE_PARAMETERS, page_of=RESPONSE_SCHEMA, path=ROUND_PATH)
def round_responses(round_id: int):
    query_args(PAGINATION)
    listing.round_or_404(round_id)
    return paginated_json(_responses_statement(round_id), response_data)


@api_bp.route("/rounds/<int:round_id>/responses.csv")
@oa.describe(summary="The MTGA's responses in a round as CSV", csv=RESPONSE_FIELDS,
             path=ROUND_PATH)
def round_responses_csv(round_id: int):
    query_args(())
    listing.round_or_404(round_id)
    responses = db.session.scalars(_responses_statement(round_id))
    return csv_response(RESPONSE_FIELDS, map(response_data, responses),
                        f"respuestas-consulta-{round_id}.csv")
