"""The IRM's fields and a self-assessment in the demo (issue 16, items 6 and 5).

- GT0099: one IRM entry, every field pending, with its source: OGP's page of the commitment
  (seed 001) says "Revisión pendiente de IRM" in each. No seed gives a value for any field of
  any commitment, so none is entered.
- The 4th plan (2018-2020): a mid-term self-assessment, as a draft, built from its tracking
  data (its two commitments with a final template, GT0099 and GT0094, and their milestones);
  its narrative sections say what they are for, since no document gives the MTGA's.

Written as rows, like the rest of the demo, without audit events: nobody acted.
"""

from __future__ import annotations

import sqlalchemy as sa

from ..accounts.models import User
from ..assessments.models import (
    AssessmentKind,
    AssessmentState,
    AssessmentVersion,
    SelfAssessment,
)
from ..assessments.queries import tracking_data
from ..base.extensions import db
from ..base.time import utcnow
from ..plans.models import ActionPlan, Commitment, IrmReview

GT0099_PAGE = "https://www.opengovpartnership.org/members/guatemala/commitments/GT0099/"
NARRATIVES = {
    "implementation": "Borrador de demostración. Aquí la MTGA describe cómo se implementó y se "
                      "dio seguimiento al plan: quién informó el avance de cada compromiso, "
                      "cómo se revisó y qué se publicó.",
    "co_creation": "Borrador de demostración. Aquí la MTGA describe cómo participaron la "
                   "sociedad civil y las instituciones durante la implementación.",
    "lessons": "Borrador de demostración. Aquí la MTGA anota lo que el próximo plan debe "
               "hacer de otra manera.",
}


def load_irm_and_assessment(users: list[User]) -> str:
    """Once: GT0099's IRM entry and the 4th plan's mid-term draft; what was added."""
    added = []
    gt0099 = db.session.scalar(sa.select(Commitment).where(Commitment.ogp_code == "GT0099"))
    if gt0099 is not None and db.session.scalar(
            sa.select(IrmReview.id).where(IrmReview.commitment_id == gt0099.id)) is None:
        db.session.add(IrmReview(
            commitment_id=gt0099.id, number=1, source_url=GT0099_PAGE,
            note="La página del compromiso en el sitio de OGP dice «Revisión pendiente de "
                 "IRM» en cada campo."))
        added.append("revisión del IRM de GT0099 (pendiente)")
    plan = db.session.scalar(sa.select(ActionPlan).where(ActionPlan.number == 4))
    moderator = next((user for user in users if user.is_moderator), None)
    if plan is not None and moderator is not None and db.session.scalar(
            sa.select(SelfAssessment.id).where(SelfAssessment.plan_id == plan.id)) is None:
        now = utcnow()
        assessment = SelfAssessment(plan_id=plan.id, kind=AssessmentKind.MID_TERM,
                                    state=AssessmentState.DRAFT, created_at=now,
                                    created_by_id=moderator.id)
        db.session.add(assessment)
        db.session.flush()
        db.session.add(AssessmentVersion(assessment_id=assessment.id, number=1,
                                         author_id=moderator.id, created_at=now,
                                         tracking=tracking_data(plan, now), **NARRATIVES))
        added.append("autoevaluación de medio término del plan 2018-2020 (borrador)")
    return "IRM y autoevaluaciones: " + (", ".join(added) if added else "nada nuevo") + "."
