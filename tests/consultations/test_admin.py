"""Administrators create and edit rounds and their phases, in Guatemala time."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from participa.base.extensions import db
from participa.consultations.models import ConsultationRound, Phase, PhaseKind

from ..client import form_values
from ..factories import _plan_for_round, audit_events, login_as, make_round
from ..pages import html
from .conftest import utc

LOGIN = "/cuenta/entrar"

GOOD_DATES = {
    "propuestas_starts_at": "2026-03-15T09:00",
    "propuestas_ends_at": "2026-05-01T00:00",
    "revision_starts_at": "2026-05-01T00:00",
    "revision_ends_at": "2026-05-31T00:00",
    "comentarios_starts_at": "2026-06-01T00:00",
    "comentarios_ends_at": "2026-06-15T00:00",
    "priorizacion_starts_at": "2026-06-15T00:00",
    "priorizacion_ends_at": "2026-06-30T00:00",
    "publicacion_starts_at": "2026-07-01T00:00",
    "publicacion_ends_at": "2026-07-15T00:00",
}


def _data(plan_id: int, **changes) -> dict:
    data = {"plan": str(plan_id), "title": "Consulta del Sexto Plan",
            "description": "Propuestas para el Sexto Plan.", "max_supports_per_user": "",
            "max_votes_per_user": "3", "results_visibility": "al_cierre", **GOOD_DATES}
    data.update(changes)
    return data


@pytest.fixture
def world(app, people):
    with app.app_context():
        plan = _plan_for_round()
        other_plan = _plan_for_round()
        db.session.commit()
        round = make_round(plan, {PhaseKind.PROPOSALS: (utc(2026, 3, 15, 15),
                                                        utc(2026, 5, 1, 6))},
                           title="Consulta existente")
        return {**people, "plan": plan.id, "other_plan": other_plan.id, "round": round.id}


def _rounds(app) -> list[tuple]:
    with app.app_context():
        rows = db.session.scalars(sa.select(ConsultationRound).order_by(ConsultationRound.id))
        return [
            (r.id, r.plan_id, r.title, r.description, r.max_supports_per_user,
             sorted((p.kind.value, p.starts_at, p.ends_at) for p in r.phases))
            for r in rows
        ]


def _events(app, action=None) -> list[tuple]:
    with app.app_context():
        return [(e.action, e.target_id, e.actor_id, e.before, e.after)
                for e in audit_events(action)]


# Who may enter ----------------------------------------------------------------------------

ROLES = ["anonymous", "participant", "unconfirmed", "moderator", "admin"]
# endpoint -> (method, url, status for the admin)
ROUTES = {
    "consultations_admin.index": ("GET", "/admin/consultas/", 200),
    "consultations_admin.create": ("GET", "/admin/consultas/nueva", 200),
    "consultations_admin.edit": ("GET", "/admin/consultas/{round}/editar", 200),
    "consultations_admin.publish": ("GET", "/admin/consultas/{round}/publicar", 200),
}
POSTS = {
    "consultations_admin.create": "/admin/consultas/nueva",
    "consultations_admin.edit": "/admin/consultas/{round}/editar",
    "consultations_admin.publish": "/admin/consultas/{round}/publicar",
}


def test_the_matrix_covers_every_admin_route(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()
                 if rule.rule.startswith("/admin/consultas")}
    assert endpoints == set(ROUTES)
    assert {rule.endpoint for rule in app.url_map.iter_rules()
            if rule.endpoint.startswith("consultations_admin.")} == set(ROUTES)


# The MTGA runs its rounds (moderators too); creating one is the administrators' (issue 15, 6).
ADMINS_ONLY = {"consultations_admin.create"}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", sorted(ROUTES))
def test_who_gets_in(client, world, endpoint, role):
    method, template, admin_status = ROUTES[endpoint]
    login_as(client, role)
    response = client.get(template.format(**world))
    if role == "anonymous":
        assert response.status_code == 302
        assert response.headers["Location"].startswith(f"{LOGIN}?next=")
    elif role == "admin" or (role == "moderator" and endpoint not in ADMINS_ONLY):
        assert response.status_code == admin_status
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ["anonymous", "participant", "moderator"])
@pytest.mark.parametrize("endpoint", sorted(POSTS))
def test_others_change_nothing(client, app, world, endpoint, role):
    if role == "moderator" and endpoint not in ADMINS_ONLY:
        return  # the MTGA's moderators run rounds: tests/voting/test_mtga_runs_rounds.py
    login_as(client, role)
    before = (_rounds(app), _events(app))
    response = client.post(POSTS[endpoint].format(**world),
                           data=_data(world["other_plan"], title="Cambiada"))
    assert response.status_code == (302 if role == "anonymous" else 403)
    assert (_rounds(app), _events(app)) == before


def test_dashboard_links_to_rounds(client, world):
    login_as(client, "admin")
    assert 'href="/admin/consultas/"' in html(client.get("/admin/"))


def test_list(client, world):
    login_as(client, "admin")
    page = html(client.get("/admin/consultas/"))
    assert "Consulta existente" in page
    assert f'href="/admin/consultas/{world["round"]}/editar"' in page
    assert 'href="/admin/consultas/nueva"' in page


# Create -----------------------------------------------------------------------------------


def test_create_in_guatemala_time(client, app, world):
    login_as(client, "admin")
    response = client.post("/admin/consultas/nueva", data=_data(world["plan"]))
    assert response.status_code == 302
    with app.app_context():
        round = db.session.scalar(
            sa.select(ConsultationRound).where(ConsultationRound.title == "Consulta del Sexto Plan")
        )
        assert response.headers["Location"] == f"/admin/consultas/{round.id}/editar"
        assert round.plan_id == world["plan"]
        assert round.created_by_id == world["admin"]
        assert round.max_supports_per_user is None
        dates = {p.kind: (p.starts_at, p.ends_at) for p in round.phases}
        # 09:00 in Guatemala (UTC-6) is 15:00 UTC.
        assert dates[PhaseKind.PROPOSALS] == (utc(2026, 3, 15, 15), utc(2026, 5, 1, 6))
        assert dates[PhaseKind.PUBLICATION] == (utc(2026, 7, 1, 6), utc(2026, 7, 15, 6))
        assert len(dates) == 5
        round_id = round.id
    [event] = _events(app, "round.create")
    action, target_id, actor_id, before, after = event
    assert (target_id, actor_id, before) == (round_id, world["admin"], None)
    assert after["title"] == "Consulta del Sexto Plan"
    assert after["plan_id"] == world["plan"]
    assert after["phases"]["propuestas"] == {"starts_at": "2026-03-15T15:00:00+00:00",
                                             "ends_at": "2026-05-01T06:00:00+00:00"}
    # The edit page shows the dates back in Guatemala time.
    values = form_values(html(client.get(f"/admin/consultas/{round_id}/editar")))
    assert values["propuestas_starts_at"] == "2026-03-15T09:00"
    assert values["publicacion_ends_at"] == "2026-07-15T00:00"
    assert 'type="datetime-local"' in html(client.get(f"/admin/consultas/{round_id}/editar"))


def test_create_without_some_phases(client, app, world):
    login_as(client, "admin")
    data = _data(world["plan"], priorizacion_starts_at="", priorizacion_ends_at="",
                 comentarios_starts_at="", comentarios_ends_at="", max_supports_per_user="10")
    assert client.post("/admin/consultas/nueva", data=data).status_code == 302
    with app.app_context():
        round = db.session.scalar(
            sa.select(ConsultationRound).order_by(ConsultationRound.id.desc()))
        assert [p.kind for p in round.phases] == [
            PhaseKind.PROPOSALS, PhaseKind.REVIEW, PhaseKind.PUBLICATION]
        assert round.max_supports_per_user == 10


def _refused(client, app, world, data, *, field: str, message: str):
    before = (_rounds(app), _events(app))
    response = client.post("/admin/consultas/nueva", data=data)
    assert response.status_code == 422
    page = html(response)
    # The message is beside its field, tied to it, and in the summary.
    assert f'id="{field}-error"' in page
    assert message in page
    assert f'href="#{field}"' in page
    # Every typed value is kept.
    values = form_values(page)
    for name, value in data.items():
        if name not in ("plan", "description", "results_visibility"):
            assert values[name] == value, name
    assert "Propuestas para el Sexto Plan." in page
    if data["plan"] == str(world["plan"]):
        assert f'<option selected value="{world["plan"]}">' in page
    assert (_rounds(app), _events(app)) == before
    return page


def test_overlapping_phases_are_refused(client, app, world):
    login_as(client, "admin")
    data = _data(world["plan"], revision_starts_at="2026-04-30T12:00")
    _refused(client, app, world, data, field="revision_starts_at",
             message="Se superpone con la fase «Propuestas», que termina el "
                     "1 de mayo de 2026, 00:00.")


def test_phases_out_of_order_are_refused(client, app, world):
    login_as(client, "admin")
    data = _data(world["plan"], comentarios_starts_at="2026-02-01T00:00",
                 comentarios_ends_at="2026-02-15T00:00")
    _refused(client, app, world, data, field="comentarios_starts_at",
             message="Las fases van en orden")


def test_an_end_before_the_start_is_refused(client, app, world):
    login_as(client, "admin")
    data = _data(world["plan"], propuestas_ends_at="2026-03-15T08:59")
    _refused(client, app, world, data, field="propuestas_ends_at",
             message="El fin de la fase debe ser posterior a su inicio.")


def test_a_phase_needs_both_dates(client, app, world):
    login_as(client, "admin")
    data = _data(world["plan"], revision_ends_at="")
    _refused(client, app, world, data, field="revision_ends_at",
             message="Escriba el inicio y el fin de la fase, o deje los dos en blanco")


def test_a_round_needs_a_phase(client, app, world):
    login_as(client, "admin")
    data = _data(world["plan"], **{name: "" for name in GOOD_DATES})
    _refused(client, app, world, data, field="propuestas_starts_at",
             message="Una consulta necesita al menos una fase con sus fechas.")


def test_a_date_that_is_not_a_date(client, app, world):
    login_as(client, "admin")
    data = _data(world["plan"], revision_starts_at="el 5 de mayo")
    _refused(client, app, world, data, field="revision_starts_at",
             message="Escriba la fecha y la hora, por ejemplo 2026-03-15 09:00.")


@pytest.mark.parametrize("value", ["0", "-3", "tres"])
def test_max_supports_must_be_a_positive_number(client, app, world, value):
    login_as(client, "admin")
    page = _refused(client, app, world, _data(world["plan"], max_supports_per_user=value),
                    field="max_supports_per_user", message="")
    assert "Escriba un" in page


def test_title_and_plan_are_required(client, app, world):
    login_as(client, "admin")
    page = _refused(client, app, world, _data(world["plan"], title="  "), field="title",
                    message="Este campo es obligatorio.")
    assert page.count('class="errors"') == 1
    response = client.post("/admin/consultas/nueva", data=_data(999_999))
    assert response.status_code == 422
    assert "Elija una de las opciones de la lista." in html(response)


def test_the_plan_menu_starts_on_no_plan_and_must_be_chosen(client, app, world):
    """The menu starts on an empty «Elija una opción»: a round posted without a plan is
    refused beside the menu, with everything else kept, and nothing is saved."""
    login_as(client, "admin")
    page = html(client.get("/admin/consultas/nueva"))
    menu = re.search(r'<select[^>]*name="plan"[^>]*>\s*<option([^>]*)>([^<]*)</option>', page)
    assert menu and "required" in menu.group(0)
    assert menu.group(1) == ' selected value=""' and menu.group(2) == "Elija una opción"
    page = _refused(client, app, world, _data(world["plan"], plan=""), field="plan",
                    message="Elija una de las opciones de la lista.")
    assert '<option selected value="">Elija una opción</option>' in page


def test_user_text_is_escaped(client, app, world):
    login_as(client, "admin")
    data = _data(world["plan"], title="<script>alert(1)</script>",
                 revision_starts_at="2026-04-30T12:00")
    page = html(client.post("/admin/consultas/nueva", data=data))
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


# Edit -------------------------------------------------------------------------------------


def test_edit_phases_and_audit(client, app, world):
    login_as(client, "admin")
    url = f"/admin/consultas/{world['round']}/editar"
    page = html(client.get(url))
    values = form_values(page)
    assert values["propuestas_starts_at"] == "2026-03-15T09:00"
    assert values["revision_starts_at"] == ""
    assert values["title"] == "Consulta existente"
    data = _data(world["plan"], title="Consulta existente", description="",
                 propuestas_ends_at="2026-04-20T18:00", revision_starts_at="2026-04-21T00:00",
                 **{f"{k}_{w}": "" for k in ("comentarios", "priorizacion", "publicacion")
                    for w in ("starts_at", "ends_at")})
    response = client.post(url, data=data)
    assert response.status_code == 302
    assert response.headers["Location"] == url
    with app.app_context():
        round = db.session.get(ConsultationRound, world["round"])
        assert [(p.kind, p.starts_at, p.ends_at) for p in round.phases] == [
            (PhaseKind.PROPOSALS, utc(2026, 3, 15, 15), utc(2026, 4, 21, 0)),
            (PhaseKind.REVIEW, utc(2026, 4, 21, 6), utc(2026, 5, 31, 6)),
        ]
    [(action, target_id, actor_id, before, after)] = _events(app, "round.update")
    assert (target_id, actor_id) == (world["round"], world["admin"])
    assert before == {"phases": {"propuestas": {"starts_at": "2026-03-15T15:00:00+00:00",
                                                "ends_at": "2026-05-01T06:00:00+00:00"}}}
    assert after == {"phases": {
        "propuestas": {"starts_at": "2026-03-15T15:00:00+00:00",
                       "ends_at": "2026-04-21T00:00:00+00:00"},
        "revision": {"starts_at": "2026-04-21T06:00:00+00:00",
                     "ends_at": "2026-05-31T06:00:00+00:00"},
    }}

    # Leaving a phase out removes it; other fields are in the event when they change.
    data.update(revision_starts_at="", revision_ends_at="", title="Consulta renombrada",
                max_supports_per_user="5")
    assert client.post(url, data=data).status_code == 302
    with app.app_context():
        round = db.session.get(ConsultationRound, world["round"])
        assert [p.kind for p in round.phases] == [PhaseKind.PROPOSALS]
        assert db.session.scalar(sa.select(sa.func.count(Phase.id))) == 1
    *_, (action, _target, _actor, before, after) = _events(app, "round.update")
    assert before["title"] == "Consulta existente" and after["title"] == "Consulta renombrada"
    assert before["max_supports_per_user"] is None and after["max_supports_per_user"] == 5
    assert "revision" in before["phases"] and "revision" not in after["phases"]


def test_saving_without_changes_writes_no_event(client, app, world):
    login_as(client, "admin")
    url = f"/admin/consultas/{world['round']}/editar"
    values = form_values(html(client.get(url)))
    values.pop("csrf_token")
    values["plan"] = str(world["plan"])
    values["description"] = ""
    assert client.post(url, data=values).status_code == 302
    assert _events(app, "round.update") == []


def test_edit_errors_keep_the_values(client, app, world):
    login_as(client, "admin")
    url = f"/admin/consultas/{world['round']}/editar"
    before = (_rounds(app), _events(app))
    data = _data(world["plan"], title="Otro título", revision_starts_at="2026-04-01T00:00")
    response = client.post(url, data=data)
    assert response.status_code == 422
    page = html(response)
    assert 'id="revision_starts_at-error"' in page
    values = form_values(page)
    assert values["title"] == "Otro título"
    assert values["revision_starts_at"] == "2026-04-01T00:00"
    assert "<h1>Consulta existente</h1>" in page
    assert (_rounds(app), _events(app)) == before


def test_the_plan_of_a_round_with_proposals_stays(client, app, world):
    from .test_queries import make_proposal

    login_as(client, "admin")
    url = f"/admin/consultas/{world['round']}/editar"
    data = _data(world["other_plan"], title="Consulta existente", description="",
                 **{name: "" for name in GOOD_DATES})
    data.update(propuestas_starts_at="2026-03-15T09:00", propuestas_ends_at="2026-05-01T00:00")
    # Without proposals the plan may change.
    assert client.post(url, data=data).status_code == 302
    with app.app_context():
        round = db.session.get(ConsultationRound, world["round"])
        assert round.plan_id == world["other_plan"]
        make_proposal(round)
    data["plan"] = str(world["plan"])
    response = client.post(url, data=data)
    assert response.status_code == 422
    assert "No se puede cambiar el plan de una consulta que ya tiene propuestas." in html(response)
    with app.app_context():
        assert db.session.get(ConsultationRound, world["round"]).plan_id == world["other_plan"]


def test_edit_unknown_round(client, world):
    login_as(client, "admin")
    assert client.get("/admin/consultas/999999/editar").status_code == 404


def test_create_without_any_plan(client, app, people):
    login_as(client, "admin")
    page = html(client.get("/admin/consultas/nueva"))
    assert "Todavía no hay planes de acción." in page


def test_phase_dates_survive_a_round_trip_through_the_edit_form(client, app, world):
    """Opening the edit page and saving it as it is changes no date (no timezone drift)."""
    login_as(client, "admin")
    with app.app_context():
        start = utc(2026, 11, 1, 5, 30)
        round = make_round(db.session.get(ConsultationRound, world["round"]).plan, {
            PhaseKind.PROPOSALS: (start, start + timedelta(days=3)),
            PhaseKind.VOTE: (start + timedelta(days=3), start + timedelta(days=4)),
        })
        round_id = round.id
    url = f"/admin/consultas/{round_id}/editar"
    values = form_values(html(client.get(url)))
    assert values["propuestas_starts_at"] == "2026-10-31T23:30"
    values.pop("csrf_token")
    values.update(plan=str(world["plan"]), description="")
    assert client.post(url, data=values).status_code == 302
    with app.app_context():
        round = db.session.get(ConsultationRound, round_id)
        assert [(p.starts_at, p.ends_at) for p in round.phases] == [
            (start, start + timedelta(days=3)),
            (start + timedelta(days=3), start + timedelta(days=4))]
