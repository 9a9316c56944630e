"""Open data: the consultation rounds with their phases (see docs/api.md)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from ..base.time import iso_utc
from ..web import openapi as oa
from ..web.api import PAGINATION, paginated_json
from ..web.args import query_args
from . import api_bp
from .models import ConsultationRound, PhaseKind

PHASE_SCHEMA = oa.obj({
    "kind": oa.enum([kind.value for kind in PhaseKind]),
    "starts_at": oa.date_time("UTC"),
    "ends_at": oa.date_time("UTC"),
})
ROUND_SCHEMA = oa.obj({
    "id": oa.ID,
    "title": oa.text(),
    "description": oa.nullable(oa.text()),
    "plan_id": oa.ID,
    "published_at": oa.nullable(oa.date_time("when the plan it made was published")),
    "phases": {"type": "array", "items": PHASE_SCHEMA},
}, description="A consultation round.")


def round_data(round: ConsultationRound) -> dict[str, Any]:
    return {
        "id": round.id,
        "title": round.title,
        "description": round.description,
        "plan_id": round.plan_id,
        "published_at": iso_utc(round.published_at) if round.published_at else None,
        "phases": [{"kind": phase.kind.value, "starts_at": iso_utc(phase.starts_at),
                    "ends_at": iso_utc(phase.ends_at)}
                   for phase in sorted(round.phases, key=lambda p: (p.starts_at, p.id))],
    }


@api_bp.route("/rounds")
@oa.describe(summary="Consultation rounds with their phases",
             description="Every round, by id, with its phases in their order (UTC).",
             parameters=oa.PAGE_PARAMETERS, page_of=ROUND_SCHEMA)
def rounds():
    query_args(PAGINATION)
    return paginated_json(
        sa.select(ConsultationRound).options(selectinload(ConsultationRound.phases))
        .order_by(ConsultationRound.id),
        round_data,
    )
