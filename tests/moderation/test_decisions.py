"""The moderators' decisions through their pages: each one changes the item, adds a
ModerationAction, writes its audit event with before and after, and tells the author;
a decision on an item that changed since the page was loaded is a 409 that keeps the text."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from participa.accounts.models import User
from participa.base.extensions import db
from participa.comments.models import Comment
from participa.content.visibility import ModerationState
from participa.moderation import services
from participa.moderation.models import ActionKind, ReasonTemplate, ReportStatus
from participa.proposals.models import Proposal

from ..factories import body, login_as, mails, notifications_of, the
from ..pages import html
from .conftest import REPORTERS, actions, events, logout, report, reports

PROPOSAL_PAGE = "/moderacion/contenido/propuestas/{}"
COMMENT_PAGE = "/moderacion/contenido/comentarios/{}"
PERSON_PAGE = "/moderacion/contenido/personas/{}"
_STATE = re.compile(r'name="state" value="([0-9a-f]+)"')


def state_of(page: str) -> str:
    tokens = set(_STATE.findall(page))
    assert len(tokens) == 1, tokens
    return tokens.pop()


def load(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, html(response)
    return state_of(html(response))


def _reported(client, world, kind="propuesta", target="proposal", count=2):
    for who in REPORTERS[:count]:
        login_as(client, who)
        assert report(client, kind, world[target], "datos_personales",
                      f"Detalle de {who}").status_code == 303
        logout(client)


@pytest.fixture
def template(app, world) -> int:
    with app.app_context():
        moderator = db.session.get(User, world["moderator"])
        created = services.create_template(
            moderator=moderator, title="Datos personales de terceros",
            body="Publica datos personales de otras personas sin su consentimiento.")
        db.session.commit()
        return created.id


def test_the_file_shows_the_item_in_context_and_the_reports_without_reporters(
        client, world):
    _reported(client, world, "comentario", "comment")
    login_as(client, "moderator")
    page = html(client.get(COMMENT_PAGE.format(world["comment"])))
    assert "Esto ya existe en Guatecompras" in page
    assert "Compras municipales abiertas" in page  # the page it is on
    assert "Carlos Comenta" in page
    assert "2 denuncias abiertas" in page
    assert "Expone datos personales" in page and "Detalle de rep1" in page
    assert "Denunciante" not in page and "rep1@example.org" not in page
    # The reply's file shows the comment it answers.
    page = html(client.get(COMMENT_PAGE.format(world["reply"])))
    assert "En respuesta a Carlos Comenta" in page
    page = html(client.get(PERSON_PAGE.format(world["author"])))
    assert "Ana Autora" in page and "Compras municipales abiertas" in page
    assert "No para las municipalidades pequeñas." in page  # recent contributions
    assert "author@example.org" not in page


def test_hide_with_a_template_reason(client, app, world, template):
    _reported(client, world)
    login_as(client, "moderator")
    state = load(client, PROPOSAL_PAGE.format(world["proposal"]))
    response = client.post(f"/moderacion/contenido/propuestas/{world['proposal']}/ocultar",
                           data={"template": str(template), "reason": "", "state": state})
    assert response.status_code == 303
    assert response.headers["Location"] == PROPOSAL_PAGE.format(world["proposal"])
    reason = "Publica datos personales de otras personas sin su consentimiento."
    with app.app_context():
        proposal = the(Proposal, world["proposal"])
        assert proposal.moderation_state == ModerationState.HIDDEN
        assert proposal.hidden_reason == reason
        assert proposal.title == "Compras municipales abiertas"  # nothing deleted
        [action] = actions()
        assert (action.action, action.moderator_id, action.proposal_id, action.template_id,
                action.reason) == (ActionKind.HIDE, world["moderator"], world["proposal"],
                                   template, reason)
        [event] = events("moderation.")
        assert event.action == "moderation.hide" and event.actor_id == world["moderator"]
        assert event.target_type == "proposals" and event.target_id == world["proposal"]
        assert event.before == {"moderation_state": "visible", "hidden_reason": None}
        assert event.after["moderation_state"] == "oculto"
        assert event.after["hidden_reason"] == reason
        assert event.after["template_id"] == template
        assert len(event.after["reports_closed"]) == 2
        assert {r.status for r in reports()} == {ReportStatus.ACTED}
        assert {r.resolved_by_id for r in reports()} == {world["moderator"]}
        [notification] = notifications_of(world["author"])
        assert notification.kind == "content_hidden"
        assert notification.params["reason"] == reason
        assert notification.link == f"/propuestas/{world['proposal']}"
    # The author reads Kaqchikel: the e-mail is rendered in her language.
    [message] = [m for m in mails(app) if m["To"] == "author@example.org"]
    text = body(message)
    assert reason in text
    assert "Ruwäch b'i'aj:" in text and "Perfil:" not in text
    assert "Denunciante" not in text


def test_hide_needs_a_reason(client, app, world):
    login_as(client, "moderator")
    state = load(client, PROPOSAL_PAGE.format(world["proposal"]))
    response = client.post(f"/moderacion/contenido/propuestas/{world['proposal']}/ocultar",
                           data={"template": "", "reason": "   ", "state": state})
    assert response.status_code == 422
    assert "Elija un motivo de la lista o escríbalo" in html(response)
    response = client.post(f"/moderacion/contenido/propuestas/{world['proposal']}/ocultar",
                           data={"template": "424242", "reason": "x", "state": state})
    assert response.status_code == 422
    with app.app_context():
        assert the(Proposal, world["proposal"]).moderation_state == ModerationState.VISIBLE
        assert actions() == [] and events() == []


def test_restore_brings_it_back_intact(client, app, world):
    _reported(client, world, "comentario", "comment", count=3)  # hidden automatically
    login_as(client, "moderator")
    state = load(client, COMMENT_PAGE.format(world["comment"]))
    response = client.post(f"/moderacion/contenido/comentarios/{world['comment']}/restaurar",
                           data={"note": "Es una opinión, no un ataque.", "state": state})
    assert response.status_code == 303
    with app.app_context():
        comment = the(Comment, world["comment"])
        assert comment.moderation_state == ModerationState.VISIBLE
        assert comment.hidden_reason is None and comment.hidden_at is None
        assert comment.body == "Esto ya existe en Guatecompras, no hace falta."
        assert [a.action for a in actions()] == [ActionKind.HIDE, ActionKind.RESTORE]
        assert actions()[1].reason == "Es una opinión, no un ataque."
        assert [e.action for e in events()] == ["moderation.auto_hide", "moderation.restore"]
        restore = events()[1]
        assert restore.before["moderation_state"] == "oculto"
        assert restore.after == {"moderation_state": "visible", "hidden_reason": None,
                                 "note": "Es una opinión, no un ataque.",
                                 "reports_closed": restore.after["reports_closed"]}
        assert {r.status for r in reports()} == {ReportStatus.DISMISSED}
        assert [n.kind for n in notifications_of(world["commenter"])] == [
            "content_hidden", "content_restored"]
    logout(client)
    # Restoring what is not hidden is a conflict.
    login_as(client, "moderator")
    state = load(client, COMMENT_PAGE.format(world["comment"]))
    response = client.post(f"/moderacion/contenido/comentarios/{world['comment']}/restaurar",
                           data={"state": state})
    assert response.status_code == 409
    assert "No está oculto" in html(response)


def test_dismiss_the_reports(client, app, world):
    _reported(client, world, "comentario", "reply")
    login_as(client, "moderator")
    state = load(client, COMMENT_PAGE.format(world["reply"]))
    response = client.post(f"/moderacion/contenido/comentarios/{world['reply']}/descartar",
                           data={"state": state})
    assert response.status_code == 303
    with app.app_context():
        assert {r.status for r in reports()} == {ReportStatus.DISMISSED}
        assert the(Comment, world["reply"]).moderation_state == ModerationState.VISIBLE
        [action] = actions()
        assert action.action == ActionKind.DISMISS and action.comment_id == world["reply"]
        [event] = events()
        assert event.action == "moderation.dismiss"
        assert event.before == {"open_reports": 2}
        assert event.after["open_reports"] == 0
        assert notifications_of(world["author"]) == []  # nothing to tell the author
    # Nothing left to dismiss.
    state = load(client, COMMENT_PAGE.format(world["reply"]))
    response = client.post(f"/moderacion/contenido/comentarios/{world['reply']}/descartar",
                           data={"state": state})
    assert response.status_code == 409
    assert "No tiene denuncias abiertas" in html(response)


def test_approve_a_pending_item(client, app, world):
    with app.app_context():
        db.session.get(Proposal, world["proposal"]).moderation_state = ModerationState.PENDING
        db.session.commit()
    login_as(client, "moderator")
    page = html(client.get("/moderacion/contenido/pendientes"))
    assert "Compras municipales abiertas" in page and "Aprobar" in page
    state = state_of(page)
    response = client.post(f"/moderacion/contenido/propuestas/{world['proposal']}/aprobar",
                           data={"state": state, "volver": "/moderacion/contenido/pendientes"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/moderacion/contenido/pendientes"
    with app.app_context():
        assert the(Proposal, world["proposal"]).moderation_state == ModerationState.VISIBLE
        [event] = events()
        assert (event.action, event.before, event.after) == (
            "moderation.approve",
            {"moderation_state": "pendiente", "hidden_reason": None},
            {"moderation_state": "visible", "hidden_reason": None})
        assert [a.action for a in actions()] == [ActionKind.APPROVE]
        assert [n.kind for n in notifications_of(world["author"])] == ["content_approved"]
    # Approving again: it is not pending any more.
    state = load(client, PROPOSAL_PAGE.format(world["proposal"]))
    response = client.post(f"/moderacion/contenido/propuestas/{world['proposal']}/aprobar",
                           data={"state": state})
    assert response.status_code == 409


def test_a_decision_on_a_changed_item_is_409_and_keeps_the_reason(client, app, world):
    login_as(client, "moderator")
    state = load(client, PROPOSAL_PAGE.format(world["proposal"]))
    # Meanwhile another moderator hides it.
    with app.app_context():
        services.hide(moderator=db.session.get(User, world["moderator2"]),
                      target=db.session.get(Proposal, world["proposal"]),
                      reason="Otra moderadora: fuera de tema.")
        db.session.commit()
    typed = "Mi motivo, escrito con cuidado."
    response = client.post(f"/moderacion/contenido/propuestas/{world['proposal']}/ocultar",
                           data={"template": "", "reason": typed, "state": state})
    assert response.status_code == 409
    page = html(response)
    assert "Esto cambió mientras usted lo revisaba" in page
    assert typed in page  # kept
    assert "Otra moderadora: fuera de tema." in page  # the current state is shown
    new_state = state_of(page)
    assert new_state != state
    with app.app_context():
        assert the(Proposal, world["proposal"]).hidden_reason == "Otra moderadora: fuera de tema."
        assert len(actions()) == 1
    # Knowing the current state, the moderator decides again.
    response = client.post(f"/moderacion/contenido/propuestas/{world['proposal']}/ocultar",
                           data={"template": "", "reason": typed, "state": new_state})
    assert response.status_code == 303
    with app.app_context():
        assert the(Proposal, world["proposal"]).hidden_reason == typed


def test_a_new_report_also_makes_a_decision_stale(client, app, world):
    _reported(client, world, count=1)
    login_as(client, "moderator")
    state = load(client, PROPOSAL_PAGE.format(world["proposal"]))
    logout(client)
    login_as(client, "rep2")
    report(client, "propuesta", world["proposal"])
    logout(client)
    login_as(client, "moderator")
    response = client.post(f"/moderacion/contenido/propuestas/{world['proposal']}/descartar",
                           data={"state": state})
    assert response.status_code == 409
    with app.app_context():
        assert {r.status for r in reports()} == {ReportStatus.OPEN}


def _logged_in(client) -> bool:
    return client.get("/cuenta/").status_code == 200


def test_block_ends_every_session_and_tells_the_person(client, app, world):
    from ..factories import login

    victim = app.test_client()
    login(victim, "commenter@example.org")
    assert _logged_in(victim)
    login_as(client, "moderator")
    state = load(client, PERSON_PAGE.format(world["commenter"]))
    response = client.post(f"/moderacion/contenido/personas/{world['commenter']}/bloquear",
                           data={"reason": "Insultos repetidos.", "until": "2099-01-02T10:30",
                                 "state": state})
    assert response.status_code == 303
    assert not _logged_in(victim)
    with app.app_context():
        commenter = the(User, world["commenter"])
        assert commenter.is_blocked
        assert commenter.block_reason == "Insultos repetidos."
        # Entered in Guatemala time (UTC-6), stored in UTC.
        assert commenter.blocked_until == datetime(2099, 1, 2, 16, 30, tzinfo=UTC)
        assert commenter.session_epoch == 1
        [event] = events()
        assert event.action == "user.block" and event.target_id == world["commenter"]
        assert event.before == {"blocked_at": None, "blocked_until": None,
                                "block_reason": None}
        assert event.after["blocked_until"] == "2099-01-02T16:30:00+00:00"
        assert event.after["sessions_ended"] is True
        assert [a.action for a in actions()] == [ActionKind.BLOCK]
        [notification] = notifications_of(world["commenter"])
        assert notification.kind == "account_blocked"
    [message] = [m for m in mails(app) if m["To"] == "commenter@example.org"]
    assert "2 de enero de 2099, 10:30" in body(message)
    assert "Insultos repetidos." in body(message)
    # Logged in again, the person cannot take part (the participation gate).
    login(victim, "commenter@example.org")
    assert victim.post(f"/denunciar/propuesta/{world['proposal']}",
                       data={"reason": "spam"}).status_code == 403


def test_unblock(client, app, world):
    login_as(client, "moderator")
    state = load(client, PERSON_PAGE.format(world["blocked"]))
    response = client.post(f"/moderacion/contenido/personas/{world['blocked']}/desbloquear",
                           data={"note": "Cumplió el plazo.", "state": state})
    assert response.status_code == 303
    with app.app_context():
        person = the(User, world["blocked"])
        assert person.blocked_at is None and not person.is_blocked
        [event] = events()
        assert event.action == "user.unblock"
        assert event.before["block_reason"] == "Spam repetido."
        assert event.after["block_reason"] is None
        assert [n.kind for n in notifications_of(world["blocked"])] == ["account_unblocked"]
    state = load(client, PERSON_PAGE.format(world["blocked"]))
    response = client.post(f"/moderacion/contenido/personas/{world['blocked']}/desbloquear",
                           data={"state": state})
    assert response.status_code == 409


@pytest.mark.parametrize("data, text", [
    ({"reason": "", "until": ""}, "Este campo es obligatorio"),
    ({"reason": "x", "until": "2001-01-01T10:00"}, "ya pasó"),
    ({"reason": "x", "until": "mañana"}, "Escriba la fecha y la hora"),
])
def test_block_needs_a_reason_and_a_future_end(client, app, world, data, text):
    login_as(client, "moderator")
    state = load(client, PERSON_PAGE.format(world["commenter"]))
    response = client.post(f"/moderacion/contenido/personas/{world['commenter']}/bloquear",
                           data={**data, "state": state})
    assert response.status_code == 422
    assert text in html(response)
    with app.app_context():
        assert the(User, world["commenter"]).blocked_at is None


@pytest.mark.parametrize("who", ["moderator2", "admin", "moderator"])
def test_moderators_admins_and_oneself_are_not_blocked(client, app, world, who):
    login_as(client, "moderator")
    page = html(client.get(PERSON_PAGE.format(world[who])))
    assert "/bloquear" not in page  # no form offered
    assert "no se puede bloquear desde aquí" in page
    with app.app_context():
        state = services.state_token(db.session.get(User, world[who]))
    response = client.post(f"/moderacion/contenido/personas/{world[who]}/bloquear",
                           data={"reason": "x", "state": state})
    assert response.status_code == 403
    with app.app_context():
        assert the(User, world[who]).blocked_at is None
        assert events() == []


def test_posts_need_the_csrf_token(client, app, world):
    login_as(client, "moderator")
    state = load(client, PROPOSAL_PAGE.format(world["proposal"]))
    response = client.post(f"/moderacion/contenido/propuestas/{world['proposal']}/ocultar",
                           data={"reason": "x", "state": state}, csrf=False)
    assert response.status_code == 400
    with app.app_context():
        assert the(Proposal, world["proposal"]).moderation_state == ModerationState.VISIBLE


def test_templates_crud_is_audited(client, app, world):
    login_as(client, "moderator")
    response = client.post("/moderacion/contenido/motivos/nuevo",
                           data={"title": "Spam", "body": "Publicidad.", "is_active": "y"})
    assert response.status_code == 303
    with app.app_context():
        [template] = db.session.scalars(db.select(ReasonTemplate)).all()
        template_id = template.id
    response = client.post("/moderacion/contenido/motivos/nuevo",
                           data={"title": "spam", "body": "Otra vez."})
    assert response.status_code == 422
    assert "Ya hay un motivo con ese título" in html(response)
    response = client.post(f"/moderacion/contenido/motivos/{template_id}/editar",
                           data={"title": "Spam", "body": "Publicidad no solicitada."})
    assert response.status_code == 303
    page = html(client.get("/moderacion/contenido/propuestas/{}".format(world["proposal"])))
    assert "Spam" not in page  # inactive now (the box was not ticked): not offered
    with app.app_context():
        assert [e.action for e in events()] == ["reason_template.create",
                                                "reason_template.update"]
        update = events()[1]
        assert update.before == {"body": "Publicidad.", "is_active": True}
        assert update.after == {"body": "Publicidad no solicitada.", "is_active": False}
    response = client.post(f"/moderacion/contenido/motivos/{template_id}/eliminar")
    assert response.status_code == 303
    with app.app_context():
        assert db.session.get(ReasonTemplate, template_id) is None
        assert events()[-1].action == "reason_template.delete"
        assert events()[-1].before["title"] == "Spam"


def test_a_template_in_use_is_not_deleted(client, app, world, template):
    with app.app_context():
        services.hide(moderator=db.session.get(User, world["moderator"]),
                      target=db.session.get(Proposal, world["proposal"]),
                      template=db.session.get(ReasonTemplate, template))
        db.session.commit()
    login_as(client, "moderator")
    page = html(client.get("/moderacion/contenido/motivos"))
    assert f"/motivos/{template}/eliminar" not in page
    response = client.post(f"/moderacion/contenido/motivos/{template}/eliminar")
    assert response.status_code == 409
    assert "puede desactivarlo" in html(response)
    with app.app_context():
        assert db.session.get(ReasonTemplate, template) is not None
