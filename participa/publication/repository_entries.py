"""The published plan's document in the OGP repository (``plans.repository``): the page and
its .docx and .odt files, dated by the publication of the plan's first published round."""

from __future__ import annotations

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..base.extensions import db
from ..consultations.models import ConsultationRound
from ..plans.models import ActionPlan
from ..plans.repository import Entry, register_source


def plan_document(plan: ActionPlan) -> list[Entry]:
    published = db.session.scalar(
        sa.select(sa.func.min(ConsultationRound.published_at))
        .where(ConsultationRound.plan_id == plan.id, ConsultationRound.published_at.is_not(None))
    )
    if published is None:
        return []
    return [
        Entry(key="documento", kind="documento", title=_("Documento del plan"), date=published,
              url=url_for("publication.document", plan_id=plan.id)),
        *(Entry(key=f"documento-{extension}", kind="documento",
                title=_("Documento del plan (%(format)s)", format=extension), date=published,
                url=url_for("publication.document_file", plan_id=plan.id, extension=extension))
          for extension in ("docx", "odt")),
    ]


register_source("documento", _l("Documento del plan publicado"), plan_document, order=40)
