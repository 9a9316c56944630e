"""The round services keep the schedule's rules without the form (commands, tests)."""

from __future__ import annotations

import pytest

from participa.base.errors import Invalid
from participa.base.extensions import db
from participa.consultations import services
from participa.consultations.models import PhaseKind
from participa.consultations.services import create_round, update_round

from ..factories import _plan_for_round, audit_events, make_user
from .conftest import utc

P, R = PhaseKind.PROPOSALS, PhaseKind.REVIEW
GOOD = {P: (utc(2026, 3, 1), utc(2026, 4, 1)), R: (utc(2026, 4, 1), utc(2026, 5, 1))}


def _create(**changes):
    values = {"actor": None, "plan": _plan_for_round(), "title": "Consulta",
              "description": None, "max_supports_per_user": None, "phases": GOOD, **changes}
    return create_round(**values)


@pytest.mark.parametrize("changes, field", [
    ({"phases": {P: GOOD[P], R: (utc(2026, 3, 31), utc(2026, 5, 1))}}, "revision_starts_at"),
    ({"phases": {P: (utc(2026, 3, 1), utc(2026, 3, 1))}}, "propuestas_ends_at"),
    ({"phases": {}}, "propuestas_starts_at"),
    ({"title": "   "}, "title"),
    ({"title": "x" * 256}, "title"),
    ({"description": "x" * 5001}, "description"),
    ({"max_supports_per_user": 0}, "max_supports_per_user"),
])
def test_refused(db_session, changes, field):
    with pytest.raises(Invalid) as caught:
        _create(**changes)
    assert caught.value.field == field
    assert str(caught.value)
    db.session.rollback()
    assert audit_events() == []


def test_naive_datetimes_are_a_programming_error(db_session):
    from datetime import datetime

    with pytest.raises(ValueError):
        _create(phases={P: (datetime(2026, 3, 1), datetime(2026, 4, 1))})


def test_create_cleans_and_records(db_session):
    admin = make_user(is_admin=True)
    round = _create(actor=admin, title="  Consulta   2026 ", description="Uno\r\n\r\nDos ")
    db.session.commit()
    assert round.title == "Consulta 2026"
    assert round.description == "Uno\n\nDos"
    assert round.created_by_id == admin.id
    [event] = audit_events("round.create")
    assert event.actor_id == admin.id and event.target_type == "consultation_rounds"
    assert event.target_label == "Consulta 2026"
    assert list(event.after["phases"]) == ["propuestas", "revision"]


def test_update_without_changes(db_session):
    admin = make_user(is_admin=True)
    round = _create(actor=admin)
    db.session.commit()
    changed = update_round(actor=admin, round=round, plan=round.plan, title=round.title,
                           description=None, max_supports_per_user=None, phases=GOOD)
    assert changed is False
    assert audit_events("round.update") == []
    assert services.phase_field(PhaseKind.VOTE, "ends_at") == "priorizacion_ends_at"
