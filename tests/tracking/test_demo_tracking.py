"""``flask demo load`` carries implementation tracking: GT0099 and GT0094 of the 4th plan
with published updates, one waiting for review and one returned, once."""

from __future__ import annotations

import sqlalchemy as sa

from participa.base.extensions import db
from participa.plans.models import ActionPlan, Commitment
from participa.tracking.models import ProgressUpdate, UpdateState

from ..pages import html


def test_the_demo_shows_tracking(app, runner, client):
    for _ in range(2):
        result = runner.invoke(args=["demo", "load"])
        assert result.exit_code == 0, result.output
    with app.app_context():
        plan_id = db.session.scalar(sa.select(ActionPlan.id).where(ActionPlan.number == 4))
        states = sorted(db.session.scalars(sa.select(ProgressUpdate.state).join(
            Commitment, Commitment.id == ProgressUpdate.commitment_id).where(
            Commitment.plan_id == plan_id)))
        gt0099 = db.session.scalar(sa.select(Commitment.id)
                                   .where(Commitment.ogp_code == "GT0099"))
    assert states.count(UpdateState.PUBLISHED) == 3
    assert states.count(UpdateState.IN_REVIEW) == 1
    assert states.count(UpdateState.RETURNED) == 1
    page = html(client.get(f"/planes/{plan_id}"))
    assert "Avance de la implementación" in page
    page = html(client.get(f"/planes/compromisos/{gt0099}"))
    assert "Cronología de los avances" in page and "idiomas mayas" in page
