"""The recordings in the OGP repository (``plans.repository``): the public recordings (not
hidden, not pending) on the plan's commitments and on its rounds' calls."""

from __future__ import annotations

import sqlalchemy as sa
from flask import url_for
from flask_babel import lazy_gettext as _l

from ..base.extensions import db
from ..consultations.models import ConsultationRound
from ..content.visibility import visible_filter
from ..files.models import StoredFile
from ..plans.models import ActionPlan, Commitment
from ..plans.repository import Entry, register_source
from .models import Recording, Target


def recordings(plan: ActionPlan) -> list[Entry]:
    of_plan = sa.or_(
        sa.and_(Recording.target == Target.COMMITMENT, Recording.target_id.in_(
            sa.select(Commitment.id).where(Commitment.plan_id == plan.id))),
        sa.and_(Recording.target == Target.CALL, Recording.target_id.in_(
            sa.select(ConsultationRound.id).where(ConsultationRound.plan_id == plan.id))),
    )
    rows = db.session.execute(
        sa.select(Recording.id, Recording.target, Recording.created_at, StoredFile.name)
        .join(StoredFile, StoredFile.id == Recording.file_id)
        .where(of_plan, visible_filter(Recording))
    ).all()
    return [
        Entry(key=f"grabacion-{recording_id}", kind="grabaciones", title=name,
              date=created_at, url=url_for("recordings.show", recording_id=recording_id),
              detail=str(target.label))
        for recording_id, target, created_at, name in rows
    ]


register_source("grabaciones", _l("Grabaciones"), recordings, order=70)
