"""The MTGA runs its own process (issue 15, item 6): its moderators open and close the phases
(the vote among them) in the round's form and publish the plan, audited under their name;
creating a round stays the administrators'."""

from __future__ import annotations

from participa.base.extensions import db
from participa.base.time import to_local, utcnow
from participa.consultations.models import ConsultationRound, PhaseKind
from participa.plans.models import Commitment

from ..factories import audit_events, login_as
from ..pages import html
from .conftest import make_draft, round_in


def _local(value) -> str:
    return to_local(value).strftime("%Y-%m-%dT%H:%M")


def _form(round_: ConsultationRound, **changes) -> dict:
    data = {
        "plan": str(round_.plan_id), "title": round_.title, "description": "",
        "max_supports_per_user": "", "max_votes_per_user": str(round_.max_votes_per_user),
        "results_visibility": round_.results_visibility.value,
        "premoderation_account_days": "",
    }
    for phase in round_.phases:
        data[f"{phase.kind.value}_starts_at"] = _local(phase.starts_at)
        data[f"{phase.kind.value}_ends_at"] = _local(phase.ends_at)
    data.update(changes)
    return data


def test_a_moderator_opens_the_vote(client, app, people):
    """The comments phase ends now and the vote opens now: the MTGA's step, audited."""
    with app.app_context():
        round_ = round_in(PhaseKind.COMMENTS)
        now = utcnow().replace(second=0, microsecond=0)
        data = _form(round_, comentarios_ends_at=_local(now),
                     priorizacion_starts_at=_local(now))
        round_id = round_.id
    login_as(client, "moderator")
    page = html(client.get(f"/consultas/{round_id}"))
    assert f'href="/admin/consultas/{round_id}/editar"' in page
    response = client.post(f"/admin/consultas/{round_id}/editar", data=data)
    assert response.status_code == 302, html(response)[:2000]
    with app.app_context():
        [event] = audit_events("round.update")
        assert event.actor_id == people["moderator"]
        assert event.before["phases"]["priorizacion"] != event.after["phases"]["priorizacion"]
    assert "Puede votar para priorizar" in html(client.get(f"/consultas/{round_id}"))


def test_a_moderator_publishes_the_plan(client, app, people):
    with app.app_context():
        round_ = round_in(PhaseKind.PUBLICATION)
        draft = make_draft(round_, final=True)
        round_id, plan_id, draft_id = round_.id, round_.plan_id, draft.id
    login_as(client, "moderator")
    response = client.post(f"/admin/consultas/{round_id}/publicar")
    assert response.status_code == 303
    assert response.headers["Location"] == f"/planes/{plan_id}/documento"
    with app.app_context():
        assert db.session.get(ConsultationRound, round_id).published_at is not None
        assert db.session.get(Commitment, draft_id).status.value == "activo"
        [event] = audit_events("round.publish")
        assert event.actor_id == people["moderator"]


def test_creating_a_round_stays_with_administrators(client, app, people):
    login_as(client, "moderator")
    assert client.get("/admin/consultas/nueva").status_code == 403
    page = html(client.get("/admin/consultas/"))
    assert 'href="/admin/consultas/nueva"' not in page
    admin = app.test_client()
    login_as(admin, "admin")
    assert 'href="/admin/consultas/nueva"' in html(admin.get("/admin/consultas/"))


def test_participants_run_nothing(client, app, people):
    with app.app_context():
        round_ = round_in(PhaseKind.COMMENTS)
        round_id = round_.id
        data = _form(round_, title="Cambiada")
        start = round_.phases[0].starts_at
    login_as(client, "participant")
    assert client.post(f"/admin/consultas/{round_id}/editar", data=data).status_code == 403
    assert client.post(f"/admin/consultas/{round_id}/publicar").status_code == 403
    with app.app_context():
        round_ = db.session.get(ConsultationRound, round_id)
        assert round_.title != "Cambiada" and round_.phases[0].starts_at == start
        assert audit_events("round.update") == []
