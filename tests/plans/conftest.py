"""Fixtures of the plans tests: the historical OGP record, imported."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from participa.base.extensions import db
from participa.plans.models import ActionPlan, Commitment
from participa.plans.services import import_ogp_record


@pytest.fixture
def record(app) -> SimpleNamespace:
    """Import the record; ids by plan number (``plans``) and by OGP code (``codes``)."""
    with app.app_context():
        counts = import_ogp_record()
        db.session.commit()
        plans = dict(db.session.execute(sa.select(ActionPlan.number, ActionPlan.id)).all())
        codes = dict(db.session.execute(sa.select(Commitment.ogp_code, Commitment.id)).all())
    return SimpleNamespace(counts=counts, plans=plans, codes=codes)
