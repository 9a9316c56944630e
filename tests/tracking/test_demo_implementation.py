"""``flask demo load`` carries a plan in implementation (issue 16): published commitments
whose milestones stand at several steps of the IRM's scale, published updates with evidence
(links and a real PDF), a comment on one update, and a mid-term self-assessment open for
comment with a question and the MTGA's answer; all of it once."""

from __future__ import annotations

import sqlalchemy as sa

from participa.assessments.models import AssessmentState, SelfAssessment
from participa.base.extensions import db
from participa.base.time import utcnow
from participa.demo.implementation import ASSESSMENT_ANSWER, COMMENT, PLAN_NUMBER
from participa.plans.models import ActionPlan, Commitment, PlanStatus
from participa.tracking.models import Evidence, MilestoneStatus, ProgressUpdate

from ..pages import html


def test_the_demo_has_a_plan_in_implementation(app, runner, client):
    for _ in range(2):
        result = runner.invoke(args=["demo", "load"])
        assert result.exit_code == 0, result.output
    with app.app_context():
        plan = db.session.scalar(sa.select(ActionPlan).where(ActionPlan.number == PLAN_NUMBER))
        assert plan.status == PlanStatus.IN_IMPLEMENTATION
        commitments = db.session.scalars(sa.select(Commitment.id).where(
            Commitment.plan_id == plan.id).order_by(Commitment.number)).all()
        statuses = {s.status.value for s in db.session.scalars(
            sa.select(MilestoneStatus).where(MilestoneStatus.commitment_id.in_(commitments)))}
        files = db.session.scalars(sa.select(Evidence.file_id).join(ProgressUpdate).where(
            ProgressUpdate.commitment_id.in_(commitments), Evidence.file_id.is_not(None))).all()
        assessment = db.session.scalar(sa.select(SelfAssessment).where(
            SelfAssessment.plan_id == plan.id))
        assert assessment.state == AssessmentState.IN_COMMENTS
        assert assessment.comments_open(utcnow())
        plan_id = plan.id
    assert len(commitments) == 3 and len(files) == 2
    assert statuses == {"completo", "sustancial", "limitado", "retirado"}
    pdf = client.get(f"/archivos/{files[0]}")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF-")
    page = html(client.get(f"/planes/{plan_id}"))
    assert "Avance de la implementación" in page and "Autoevaluación de medio término" in page
    page = html(client.get(f"/planes/compromisos/{commitments[0]}"))
    assert "Cronología de los avances" in page and COMMENT in page
    assert "Acta de cierre del inventario" in page
    page = html(client.get(f"/planes/{plan_id}/autoevaluaciones/medio_termino"))
    assert "Abierta a comentarios" in page and ASSESSMENT_ANSWER in page
