"""The progress evidence in the OGP repository (``plans.repository``): each piece of evidence
(a link or a file kept by ``participa.files``) of a published progress update of the plan's
commitments, dated by the update's publication, pointing to the update's public page."""

from __future__ import annotations

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..base.extensions import db
from ..files.models import StoredFile
from ..plans.models import ActionPlan, Commitment
from ..plans.repository import Entry, register_source
from .models import Evidence, ProgressUpdate, UpdateState


def evidence(plan: ActionPlan) -> list[Entry]:
    rows = db.session.execute(
        sa.select(Evidence.id, Evidence.title, Evidence.url, StoredFile.name,
                  ProgressUpdate.id, ProgressUpdate.published_at,
                  ProgressUpdate.milestone_number, Commitment.number)
        .join(ProgressUpdate, ProgressUpdate.id == Evidence.update_id)
        .join(Commitment, Commitment.id == ProgressUpdate.commitment_id)
        .outerjoin(StoredFile, StoredFile.id == Evidence.file_id)
        .where(Commitment.plan_id == plan.id, ProgressUpdate.state == UpdateState.PUBLISHED,
               ProgressUpdate.published_at.is_not(None))
    ).all()
    return [
        Entry(key=f"evidencia-{evidence_id}", kind="evidencias",
              title=title or file_name or link or "", date=published_at,
              url=url_for("tracking.update", update_id=update_id),
              detail=_("Compromiso %(commitment)s, hito %(milestone)s",
                       commitment=commitment_number, milestone=milestone))
        for (evidence_id, title, link, file_name, update_id, published_at, milestone,
             commitment_number) in rows
    ]


register_source("evidencias", _l("Evidencias de los avances"), evidence, order=60)
