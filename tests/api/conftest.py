"""The API's tests run on the visibility world (tests/visibility/conftest.py): a round with
visible, hidden and pending proposals and comments, a draft and a published commitment with
their versions, a published response; plus the historical OGP record where a test asks; and
the plan's mid-term self-assessment, open for comment (``assessment_open``)."""

from __future__ import annotations

import pytest

from participa.assessments.models import AssessmentKind
from participa.assessments.services import open_assessment, open_comments
from participa.base.extensions import db
from participa.plans.models import ActionPlan

from ..factories import make_user
from ..visibility.conftest import build_world


@pytest.fixture
def world(app) -> dict:
    with app.app_context():
        world = build_world()
        mtga = make_user(name="Mesa Técnica", is_admin=True)
        assessment = open_assessment(actor=mtga, plan=db.session.get(ActionPlan, world["plan"]),
                                     kind=AssessmentKind.MID_TERM, narratives={})
        open_comments(actor=mtga, assessment=assessment, days=30)
        db.session.commit()
        return {**world, "assessment_open": assessment.id}
