"""The plan's entries in the OGP repository (``plans.repository``): every version of its
commitments, drafts included (drafts are public: citizens comment on them)."""

from __future__ import annotations

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..base.extensions import db
from .models import ActionPlan, Commitment, CommitmentVersion
from .repository import Entry, register_source


def commitment_versions(plan: ActionPlan) -> list[Entry]:
    rows = db.session.execute(
        sa.select(CommitmentVersion.id, CommitmentVersion.number, CommitmentVersion.title,
                  CommitmentVersion.created_at, CommitmentVersion.is_final,
                  Commitment.id, Commitment.number)
        .join(Commitment, Commitment.id == CommitmentVersion.commitment_id)
        .where(Commitment.plan_id == plan.id)
    ).all()
    return [
        Entry(key=f"compromiso-version-{version_id}", kind="compromisos",
              title=f"{commitment_number}. {title}", date=created_at,
              url=url_for("plans.commitment", commitment_id=commitment_id, version=number),
              detail=(_("Versión %(number)s (final)", number=number) if is_final
                      else _("Versión %(number)s", number=number)))
        for (version_id, number, title, created_at, is_final, commitment_id,
             commitment_number) in rows
    ]


register_source("compromisos", _l("Compromisos y sus versiones"), commitment_versions, order=30)
