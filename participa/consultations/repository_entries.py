"""The rounds' calls in the OGP repository (``plans.repository``): each consultation round of
the plan is a public call, dated by its creation."""

from __future__ import annotations

import sqlalchemy as sa
from flask import url_for
from flask_babel import lazy_gettext as _l

from ..base.extensions import db
from ..plans.models import ActionPlan
from ..plans.repository import Entry, register_source
from .models import ConsultationRound


def calls(plan: ActionPlan) -> list[Entry]:
    rows = db.session.execute(
        sa.select(ConsultationRound.id, ConsultationRound.title, ConsultationRound.created_at)
        .where(ConsultationRound.plan_id == plan.id)
    ).all()
    return [
        Entry(key=f"convocatoria-{round_id}", kind="convocatorias", title=title,
              date=created_at, url=url_for("consultations.show", round_id=round_id))
        for round_id, title, created_at in rows
    ]


register_source("convocatorias", _l("Convocatorias de las consultas"), calls, order=10)
