"""The demo shows the IRM's fields (pending, with their source) and a self-assessment draft."""

from __future__ import annotations

import sqlalchemy as sa

from participa.base.extensions import db
from participa.plans.models import ActionPlan, Commitment


def test_the_demo_has_an_irm_entry_and_a_mid_term_draft(app, runner, client):
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    with app.app_context():
        gt0099 = db.session.scalar(sa.select(Commitment.id).where(Commitment.ogp_code == "GT0099"))
        plan = db.session.scalar(sa.select(ActionPlan.id).where(ActionPlan.number == 4))
    page = client.get(f"/planes/compromisos/{gt0099}").text
    assert page.count("Revisión pendiente de IRM") >= 7
    assert "https://www.opengovpartnership.org/members/guatemala/commitments/GT0099/" in page
    draft = client.get(f"/planes/{plan}/autoevaluaciones/medio_termino").text
    assert "Autoevaluación de medio término" in draft and "BORRADOR" in draft
    assert "Creación e implementación de una estrategia integral" in draft  # GT0099, tracked
    assert runner.invoke(args=["demo", "load"]).exit_code == 0  # again: nothing twice
