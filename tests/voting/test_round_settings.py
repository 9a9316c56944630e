"""Administrators set K (votes per person) and when the results show, in the round form;
the change is in the consultations audit log, and it cannot change once someone voted."""

from __future__ import annotations

import pytest

from participa.accounts.models import User
from participa.base.extensions import db
from participa.consultations.models import ConsultationRound, PhaseKind, ResultsVisibility

from ..client import form_values
from ..factories import audit_events, login_as
from ..pages import html
from .conftest import make_draft, make_vote, round_in


@pytest.fixture
def world(app, people):
    with app.app_context():
        round_ = round_in(PhaseKind.VOTE, title="Consulta con votación")
        draft = make_draft(round_)
        return {**people, "round": round_.id, "plan": round_.plan_id, "draft": draft.id}


def _form(client, world) -> tuple[str, dict]:
    url = f"/admin/consultas/{world['round']}/editar"
    page = html(client.get(url))
    values = form_values(page)
    values.pop("csrf_token")
    values.update(plan=str(world["plan"]), description="", results_visibility="al_cierre")
    return url, values


def _settings(app, world) -> tuple:
    with app.app_context():
        round_ = db.session.get(ConsultationRound, world["round"])
        return round_.max_votes_per_user, round_.results_visibility


def test_the_form_shows_the_settings(client, world):
    login_as(client, "admin")
    page = html(client.get(f"/admin/consultas/{world['round']}/editar"))
    assert form_values(page)["max_votes_per_user"] == "3"
    assert '<option selected value="al_cierre">Al cerrar la votación</option>' in page
    assert '<option value="en_vivo">Durante la votación</option>' in page
    new = html(client.get("/admin/consultas/nueva"))
    assert form_values(new)["max_votes_per_user"] == "3"


def test_change_k_and_visibility_with_audit(client, app, world):
    login_as(client, "admin")
    url, values = _form(client, world)
    values.update(max_votes_per_user="5", results_visibility="en_vivo")
    assert client.post(url, data=values).status_code == 302
    assert _settings(app, world) == (5, ResultsVisibility.LIVE)
    with app.app_context():
        [event] = audit_events("round.update")
        assert event.actor_id == world["admin"]
        assert event.before["max_votes_per_user"] == 3
        assert event.after["max_votes_per_user"] == 5
        assert event.before["results_visibility"] == "al_cierre"
        assert event.after["results_visibility"] == "en_vivo"
    page = html(client.get(f"/consultas/{world['round']}/priorizacion"))
    assert "Cada persona puede votar por hasta 5 compromisos." in page


@pytest.mark.parametrize("value", ["0", "101", "tres", ""])
def test_k_must_be_a_number_in_range(client, app, world, value):
    login_as(client, "admin")
    url, values = _form(client, world)
    values["max_votes_per_user"] = value
    response = client.post(url, data=values)
    assert response.status_code == 422
    page = html(response)
    assert 'id="max_votes_per_user-error"' in page
    assert form_values(page)["max_votes_per_user"] == value
    assert _settings(app, world) == (3, ResultsVisibility.AFTER_CLOSE)


def test_an_unknown_visibility_is_refused(client, app, world):
    login_as(client, "admin")
    url, values = _form(client, world)
    values["results_visibility"] = "nunca"
    assert client.post(url, data=values).status_code == 422
    assert _settings(app, world) == (3, ResultsVisibility.AFTER_CLOSE)


def test_the_rules_stay_once_someone_voted(client, app, world):
    with app.app_context():
        from participa.plans.models import Commitment

        make_vote(db.session.get(User, world["participant"]),
                  db.session.get(Commitment, world["draft"]))
    login_as(client, "admin")
    url, values = _form(client, world)
    for change in ({"max_votes_per_user": "1"}, {"results_visibility": "en_vivo"}):
        response = client.post(url, data={**values, **change})
        assert response.status_code == 422
        assert "La votación de priorización ya recibió votos: sus reglas ya no pueden " \
               "cambiar." in html(response)
        assert _settings(app, world) == (3, ResultsVisibility.AFTER_CLOSE)
    # The rest of the round may still change.
    assert client.post(url, data={**values, "title": "Otro título"}).status_code == 302
    with app.app_context():
        assert audit_events("round.update")[-1].after == {
            "title": "Otro título", "phases": audit_events("round.update")[-1].after["phases"]}


def test_create_with_settings(client, app, world):
    login_as(client, "admin")
    data = {
        "plan": str(world["plan"]), "title": "Nueva consulta", "description": "",
        "max_supports_per_user": "", "max_votes_per_user": "4", "results_visibility": "en_vivo",
        "priorizacion_starts_at": "2030-01-01T00:00", "priorizacion_ends_at": "2030-01-15T00:00",
    }
    assert client.post("/admin/consultas/nueva", data=data).status_code == 302
    with app.app_context():
        round_ = db.session.scalar(db.select(ConsultationRound)
                                   .where(ConsultationRound.title == "Nueva consulta"))
        assert (round_.max_votes_per_user, round_.results_visibility) == (
            4, ResultsVisibility.LIVE)
        [event] = audit_events("round.create")
        assert event.after["max_votes_per_user"] == 4
        assert event.after["results_visibility"] == "en_vivo"
