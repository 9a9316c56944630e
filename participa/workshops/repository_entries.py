"""The workshops in the OGP repository (``plans.repository``): each consultation held in
person in a round of the plan, dated by the day it was held."""

from __future__ import annotations

from datetime import UTC, datetime, time

import sqlalchemy as sa
from flask import url_for
from flask_babel import lazy_gettext as _l

from ..base.extensions import db
from ..consultations.models import ConsultationRound
from ..plans.models import ActionPlan
from ..plans.repository import Entry, register_source
from .models import Workshop


def workshops(plan: ActionPlan) -> list[Entry]:
    rows = db.session.execute(
        sa.select(Workshop.id, Workshop.title, Workshop.held_on, ConsultationRound.title)
        .join(ConsultationRound, ConsultationRound.id == Workshop.round_id)
        .where(ConsultationRound.plan_id == plan.id)
    ).all()
    return [
        Entry(key=f"taller-{workshop_id}", kind="talleres", title=title,
              date=datetime.combine(held_on, time(12), tzinfo=UTC),
              url=url_for("workshops.show", workshop_id=workshop_id), detail=round_title)
        for workshop_id, title, held_on, round_title in rows
    ]


register_source("talleres", _l("Talleres y consultas presenciales"), workshops, order=15)
