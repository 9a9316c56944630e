"""Pre-moderation per round: with ``premoderation_account_days`` set, the proposals and
comments of accounts younger than that (or unconfirmed) are created ``pendiente``: the
author is told and sees them, nobody else does until a moderator approves. Off (None), or
for older accounts and moderators, they are published at once. Set in the round's admin
form (audited with the other fields; empty = off)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from participa.accounts.models import User
from participa.base.extensions import db
from participa.base.time import utcnow
from participa.comments import services as comment_services
from participa.comments.models import Comment
from participa.consultations.models import ConsultationRound
from participa.content.visibility import ModerationState, initial_state, premoderation_applies
from participa.plans.models import CommitmentVersion
from participa.proposals.models import Proposal

from ..abuse.arena import build_arena, new_proposal_url, proposal_data
from ..factories import audit_events, login_as
from ..pages import html


@pytest.fixture
def arena(app) -> dict:
    with app.app_context():
        return build_arena()


def _premoderate(app, arena, days: int | None) -> None:
    with app.app_context():
        for key in ("round", "drafts"):
            db.session.get(ConsultationRound, arena[key]).premoderation_account_days = days
        db.session.commit()


def _newest(model):
    return db.session.scalars(sa.select(model).order_by(model.id.desc()).limit(1)).first()


def test_a_new_accounts_proposal_waits_for_approval(client, app, arena):
    _premoderate(app, arena, 7)
    login_as(client, "newbie")
    response = client.post(new_proposal_url(arena), data=proposal_data(arena))
    assert response.status_code == 302
    with app.app_context():
        proposal = _newest(Proposal)
        assert proposal.moderation_state == ModerationState.PENDING
        proposal_id, reference = proposal.id, proposal.reference
    page = html(client.get(response.headers["Location"]))
    assert "Su propuesta espera la aprobación de la moderación." in page
    assert reference in page
    assert "Publicar cada contrato en 48 horas." in page  # the author reads it
    listing = html(client.get(f"/consultas/{arena['round']}/propuestas"))
    assert "Publicar los contratos de obra municipal" not in listing

    client.post("/cuenta/salir")
    assert client.get(f"/propuestas/{proposal_id}").status_code == 404
    login_as(client, "veteran")
    assert client.get(f"/propuestas/{proposal_id}").status_code == 404
    client.post("/cuenta/salir")
    login_as(client, "moderator")
    page = html(client.get(f"/propuestas/{proposal_id}"))
    assert "Esta propuesta espera la aprobación de la moderación." in page


def test_once_approved_everyone_sees_it(client, app, arena):
    _premoderate(app, arena, 7)
    login_as(client, "newbie")
    client.post(new_proposal_url(arena), data=proposal_data(arena))
    with app.app_context():
        proposal = _newest(Proposal)
        proposal.moderation_state = ModerationState.VISIBLE  # what the approval does
        db.session.commit()
        proposal_id = proposal.id
    client.post("/cuenta/salir")
    assert client.get(f"/propuestas/{proposal_id}").status_code == 200
    assert "Publicar los contratos de obra municipal" in html(
        client.get(f"/consultas/{arena['round']}/propuestas"))


@pytest.mark.parametrize(("days", "who", "expected"), [
    (None, "newbie", ModerationState.VISIBLE),   # off
    (7, "veteran", ModerationState.VISIBLE),     # 30 days old
    (31, "veteran", ModerationState.PENDING),    # younger than 31 days
    (7, "moderator", ModerationState.VISIBLE),   # moderators are never held
])
def test_who_is_held(client, app, arena, days, who, expected):
    _premoderate(app, arena, days)
    login_as(client, who)
    response = client.post(new_proposal_url(arena), data=proposal_data(arena))
    assert response.status_code == 302
    with app.app_context():
        assert _newest(Proposal).moderation_state == expected
    flash = html(client.get(response.headers["Location"]))
    if expected == ModerationState.PENDING:
        assert "espera la aprobación de la moderación" in flash
    else:
        assert "Su propuesta quedó publicada con el código" in flash


def test_comments_and_replies_of_new_accounts_wait_too(client, app, arena):
    _premoderate(app, arena, 7)
    login_as(client, "newbie")
    response = client.post(f"/comentarios/propuestas/{arena['proposal']}/nuevo",
                           data={"body": "Comentario de cuenta nueva"})
    assert response.status_code == 303
    page = html(client.get(response.headers["Location"]))
    assert "Su comentario espera la aprobación de la moderación" in page
    assert "Comentario de cuenta nueva" in page  # the author sees it, marked
    reply = client.post(f"/comentarios/{arena['comment']}/responder",
                        data={"body": "Respuesta de cuenta nueva"})
    assert reply.status_code == 303
    draft = client.post(f"/comentarios/versiones/{arena['version']}/nuevo",
                        data={"body": "Comentario al borrador", "anchor": ""})
    assert draft.status_code == 303
    with app.app_context():
        states = db.session.scalars(
            sa.select(Comment.moderation_state).where(Comment.author_id == arena["newbie"]))
        assert list(states) == [ModerationState.PENDING] * 3
    client.post("/cuenta/salir")
    login_as(client, "veteran")
    page = html(client.get(f"/propuestas/{arena['proposal']}"))
    assert "Comentario de cuenta nueva" not in page
    assert "Respuesta de cuenta nueva" not in page


def test_comments_are_published_at_once_without_pre_moderation(client, app, arena):
    _premoderate(app, arena, None)
    login_as(client, "newbie")
    response = client.post(f"/comentarios/propuestas/{arena['proposal']}/nuevo",
                           data={"body": "Comentario inmediato"})
    page = html(client.get(response.headers["Location"]))
    assert "Su comentario quedó publicado." in page
    with app.app_context():
        assert _newest(Comment).moderation_state == ModerationState.VISIBLE


def test_the_service_decides_from_the_round_of_a_draft(app, arena):
    _premoderate(app, arena, 7)
    with app.app_context():
        newbie = db.session.get(User, arena["newbie"])
        version = db.session.get(CommitmentVersion, arena["version"])
        comment = comment_services.post_comment(author=newbie, body="Hola", version=version)
        assert comment.moderation_state == ModerationState.PENDING
        db.session.rollback()


def test_the_rule(app, arena):
    with app.app_context():
        round_ = db.session.get(ConsultationRound, arena["round"])
        newbie = db.session.get(User, arena["newbie"])
        veteran = db.session.get(User, arena["veteran"])
        now = utcnow()
        assert not premoderation_applies(newbie, round_, now)  # off
        assert not premoderation_applies(newbie, None, now)
        round_.premoderation_account_days = 7
        assert premoderation_applies(newbie, round_, now)
        assert not premoderation_applies(veteran, round_, now)
        assert premoderation_applies(veteran, round_, now - timedelta(days=25))
        veteran.email_confirmed_at = None
        assert premoderation_applies(veteran, round_, now)  # unconfirmed
        assert initial_state(veteran, round_, now) == ModerationState.PENDING
        db.session.rollback()


# The round's admin form ---------------------------------------------------------------------


def _round_form(app, arena, **changes) -> dict:
    with app.app_context():
        round_ = db.session.get(ConsultationRound, arena["round"])
        data = {"plan": str(round_.plan_id), "title": round_.title, "description": "",
                "max_supports_per_user": "", "max_votes_per_user": "3",
                "results_visibility": "al_cierre"}
        for phase in round_.phases:
            zone_start = phase.starts_at.astimezone(_zone(app))
            zone_end = phase.ends_at.astimezone(_zone(app))
            data[f"{phase.kind.value}_starts_at"] = zone_start.strftime("%Y-%m-%dT%H:%M")
            data[f"{phase.kind.value}_ends_at"] = zone_end.strftime("%Y-%m-%dT%H:%M")
    data.update(changes)
    return data


def _zone(app):
    from zoneinfo import ZoneInfo

    return ZoneInfo(app.config["TIMEZONE"])


def test_the_admin_sets_it_in_the_round_form_and_it_is_audited(client, app, arena):
    login_as(client, "admin")
    url = f"/admin/consultas/{arena['round']}/editar"
    page = html(client.get(url))
    assert 'name="premoderation_account_days"' in page
    assert "Moderación previa para cuentas nuevas (días)" in page
    response = client.post(url, data=_round_form(app, arena, premoderation_account_days="7"))
    assert response.status_code == 302, html(response)
    with app.app_context():
        assert db.session.get(ConsultationRound, arena["round"]).premoderation_account_days == 7
        event = audit_events("round.update")[-1]
        assert event.before["premoderation_account_days"] is None
        assert event.after["premoderation_account_days"] == 7
    # Empty switches it off.
    response = client.post(url, data=_round_form(app, arena, premoderation_account_days=""))
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(ConsultationRound, arena["round"]).premoderation_account_days \
            is None
        assert audit_events("round.update")[-1].after["premoderation_account_days"] is None


@pytest.mark.parametrize("value", ["0", "-3", "100000", "siete"])
def test_the_admin_form_refuses_bad_values(client, app, arena, value):
    login_as(client, "admin")
    response = client.post(f"/admin/consultas/{arena['round']}/editar",
                           data=_round_form(app, arena, premoderation_account_days=value))
    assert response.status_code == 422
    with app.app_context():
        assert db.session.get(ConsultationRound, arena["round"]).premoderation_account_days \
            is None
