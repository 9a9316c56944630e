"""The list of rounds is rendered once per version of it and reused (issue 20, item 4): a
repeated page reads one row (the version), not the rounds and their phases; every
transaction that changes what the list shows raises the version, so the next page shows it
at once, on this worker and on another one; and a phase that opens or closes with time alone
shows at once too."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from participa.base.extensions import db
from participa.base.time import utcnow
from participa.consultations import rounds_version
from participa.consultations.models import ConsultationRound, Phase, PhaseKind
from participa.plans.models import ActionPlan

from ..conftest import make_app
from ..factories import make_open_round, make_round
from ..querycount import count_queries

PAGE = "/consultas/"


def version(app) -> int:
    with app.app_context():
        return rounds_version.current()[0]


@pytest.fixture
def rounds(app):
    with app.app_context():
        open_round = make_open_round(title="Consulta abierta de agua")
        later = make_round(title="Consulta del año próximo")
        return open_round.id, later.id, open_round.plan_id


def test_a_repeated_list_reads_only_its_version(app, client, rounds):
    with count_queries(app) as first:
        before = client.get(PAGE).text
    with count_queries(app) as second:
        again = client.get(PAGE).text
    assert again == before and "Consulta abierta de agua" in again
    assert not any("phases" in s for s in second.statements), second
    assert any("list_versions" in s for s in second.statements), second
    assert second.count == first.count - 2, (first, second)


def test_every_change_the_list_shows_shows_at_once(app, client, rounds):
    open_id, later_id, plan_id = rounds
    assert "Próximas" in client.get(PAGE).text
    start = version(app)

    def shows(text: str) -> None:
        nonlocal start
        now = version(app)
        assert now > start, "the version was raised"
        start = now
        assert text in client.get(PAGE).text

    with app.app_context():
        db.session.get(ConsultationRound, open_id).title = "Consulta renombrada"
        db.session.commit()
    shows("Consulta renombrada")
    with app.app_context():
        db.session.get(ActionPlan, plan_id).title = "Plan renombrado"
        db.session.commit()
    shows("Plan renombrado")
    with app.app_context():  # the later round's phases start now: it is open
        for phase in db.session.get(ConsultationRound, later_id).phases:
            if phase.kind == PhaseKind.PROPOSALS:
                phase.starts_at = utcnow() - timedelta(hours=1)
        db.session.commit()
    shows("Consulta del año próximo")
    assert "Próximas" not in client.get(PAGE).text  # both rounds are open now
    with app.app_context():
        make_round(title="Una consulta nueva")
    shows("Una consulta nueva")
    with app.app_context():  # a bulk statement, without the ORM's flush
        db.session.execute(sa.update(ConsultationRound).where(ConsultationRound.id == open_id)
                           .values(title="Cambiada en bloque"))
        db.session.commit()
    shows("Cambiada en bloque")


def test_nothing_else_raises_it(app, client, rounds):
    open_id, _, _ = rounds
    start = version(app)
    with app.app_context():
        db.session.get(ConsultationRound, open_id).max_supports_per_user = 7
        phase = db.session.scalars(sa.select(Phase).where(Phase.round_id == open_id)).first()
        phase.opening_notified_at = utcnow()
        db.session.commit()
    assert version(app) == start


def test_a_phase_closing_with_time_shows_at_once(app, client, rounds, monkeypatch):
    """Nothing was written, yet the open round's phase ended: the kept list says until when
    it holds, and is rendered again after."""
    open_page = client.get(PAGE).text
    assert "Abiertas ahora" in open_page
    start = version(app)
    from participa.consultations import views

    later = utcnow() + timedelta(days=400)
    monkeypatch.setattr(views, "utcnow", lambda: later)
    closed = client.get(PAGE).text
    assert "Abiertas ahora" not in closed and "Terminadas" in closed
    assert version(app) == start


def test_another_worker_sees_the_change(app, client, rounds, db_url, tmp_path):
    open_id, _, _ = rounds
    other = make_app(db_url, tmp_path / "other")
    try:
        reader = other.test_client()
        assert "Consulta abierta de agua" in reader.get(PAGE).text
        with app.app_context():
            db.session.get(ConsultationRound, open_id).title = "Visto en el otro"
            db.session.commit()
        assert "Visto en el otro" in reader.get(PAGE).text
    finally:
        with other.app_context():
            db.engine.dispose()
