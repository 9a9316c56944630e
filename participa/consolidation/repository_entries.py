"""The consideration reports in the OGP repository (``plans.repository``): one per round
with at least one published response, dated by the newest published response."""

from __future__ import annotations

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..base.extensions import db
from ..consultations.models import ConsultationRound
from ..content.visibility import visible_filter
from ..plans.models import ActionPlan
from ..plans.repository import Entry, register_source
from ..proposals.models import Proposal, Response


def reports(plan: ActionPlan) -> list[Entry]:
    rows = db.session.execute(
        sa.select(ConsultationRound.id, ConsultationRound.title,
                  sa.func.max(Response.published_at))
        .join(Proposal, Proposal.round_id == ConsultationRound.id)
        .join(Response, Response.proposal_id == Proposal.id)
        .where(ConsultationRound.plan_id == plan.id, Response.published_at.is_not(None),
               visible_filter(Proposal))
        .group_by(ConsultationRound.id, ConsultationRound.title)
    ).all()
    return [
        Entry(key=f"informe-{round_id}", kind="informes",
              title=_("Informe de consideración de las propuestas"), date=newest,
              url=url_for("consolidation_public.report", round_id=round_id), detail=title)
        for round_id, title, newest in rows
    ]


register_source("informes", _l("Informes de consideración de las propuestas"), reports,
                order=20)
