"""The self-assessments in the OGP repository (``plans.repository``): every version of an
assessment the MTGA opened to comments or published (a draft is not public)."""

from __future__ import annotations

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..base.extensions import db
from ..plans.models import ActionPlan
from ..plans.repository import Entry, register_source
from .models import AssessmentState, AssessmentVersion, SelfAssessment


def assessment_versions(plan: ActionPlan) -> list[Entry]:
    rows = db.session.execute(
        sa.select(AssessmentVersion.id, AssessmentVersion.number, AssessmentVersion.created_at,
                  SelfAssessment.kind, SelfAssessment.published_version)
        .join(SelfAssessment, SelfAssessment.id == AssessmentVersion.assessment_id)
        .where(SelfAssessment.plan_id == plan.id,
               SelfAssessment.state != AssessmentState.DRAFT)
    ).all()
    return [
        Entry(key=f"autoevaluacion-version-{version_id}", kind="autoevaluaciones",
              title=str(kind.label), date=created_at,
              url=url_for("assessments.show", plan_id=plan.id, kind=kind.value, version=number),
              detail=(_("Versión %(number)s (publicada)", number=number)
                      if number == published_version else _("Versión %(number)s", number=number)))
        for version_id, number, created_at, kind, published_version in rows
    ]


register_source("autoevaluaciones", _l("Autoevaluaciones y sus versiones"), assessment_versions,
                order=50)
