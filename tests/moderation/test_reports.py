"""Reporting: who may report what, one report per person and item (409, never a 500),
the threshold that hides an item automatically, and the reporter's anonymity."""

from __future__ import annotations

import pytest

from participa.accounts.models import User
from participa.base.extensions import db
from participa.comments.models import Comment
from participa.content.visibility import ModerationState
from participa.moderation.models import ActionKind, ReportStatus
from participa.proposals.models import Proposal

from ..factories import body, login_as, mails, notifications_of, the
from ..pages import html
from .conftest import REPORTERS, actions, events, logout, report, reports


def test_the_form_shows_what_is_reported_and_promises_confidentiality(client, world):
    login_as(client, "participant")
    page = html(client.get(f"/denunciar/comentario/{world['comment']}"))
    assert "Denunciar un comentario" in page
    assert "Esto ya existe en Guatecompras" in page
    assert "nadie más sabrá" in page or "ni el público sabrán" in page
    for value in ("spam", "ofensivo", "fuera_de_tema", "datos_personales", "otro"):
        assert f'value="{value}"' in page
    page = html(client.get(f"/denunciar/persona/{world['author']}"))
    assert "Denunciar a una persona" in page and "Ana Autora" in page


def test_a_report_is_stored_and_the_reporter_goes_back(client, app, world):
    login_as(client, "participant")
    response = report(client, "propuesta", world["proposal"], "spam", "  Publicidad.  ")
    assert response.status_code == 303
    assert response.headers["Location"] == f"/propuestas/{world['proposal']}"
    with app.app_context():
        [row] = reports()
        assert (row.reporter_id, row.proposal_id, row.comment_id, row.user_id) == (
            world["participant"], world["proposal"], None, None)
        assert row.reason.value == "spam" and row.details == "Publicidad."
        assert row.status == ReportStatus.OPEN
        # A participant's report is not a moderator's action: no audit event, no decision.
        assert events() == [] and actions() == []
    page = html(client.get(f"/propuestas/{world['proposal']}"))
    assert "revisará su denuncia" in page


def test_reporting_a_person_goes_back_to_the_page_it_came_from(client, world):
    login_as(client, "participant")
    back = f"/propuestas/{world['proposal']}"
    response = report(client, "persona", world["commenter"], "ofensivo", next=back)
    assert response.status_code == 303 and response.headers["Location"] == back
    response = report(client, "persona", world["author"], "ofensivo",
                      next="https://evil.example/")
    assert response.headers["Location"] == "/"


def test_one_report_per_person_and_item(client, app, world):
    login_as(client, "participant")
    assert report(client, "comentario", world["comment"]).status_code == 303
    again = report(client, "comentario", world["comment"], "spam", "Otra vez")
    assert again.status_code == 409
    page = html(again)
    assert "Usted ya denunció esto" in page
    assert "Otra vez" in page  # what was typed stays
    # Another item, and the same item by someone else, are fine.
    assert report(client, "comentario", world["reply"]).status_code == 303
    logout(client)
    login_as(client, "rep1")
    assert report(client, "comentario", world["comment"]).status_code == 303
    with app.app_context():
        assert len(reports()) == 3


@pytest.mark.parametrize("data, field_error", [
    ({"reason": "otro", "details": ""}, "eligió «Otro motivo»"),
    ({"reason": "ofensivo", "details": "x" * 2001}, "No puede tener más de 2000 caracteres"),
    ({"reason": "inventado", "details": ""}, "Elija una de las opciones"),
    ({"details": "sin motivo"}, "Este campo es obligatorio"),
])
def test_invalid_reports_are_422_with_what_was_typed(client, app, world, data, field_error):
    login_as(client, "participant")
    response = client.post(f"/denunciar/propuesta/{world['proposal']}", data=data)
    assert response.status_code == 422
    page = html(response)
    assert field_error in page
    if data.get("details"):
        assert data["details"][:50] in page
    with app.app_context():
        assert reports() == []


@pytest.mark.parametrize("who, status, text", [
    ("unconfirmed", 403, "Confirme su correo electrónico"),
    ("blocked", 403, "bloqueó su cuenta"),
    ("author", 403, "No puede denunciar lo que usted mismo publicó"),
])
def test_who_may_not_report(client, app, world, who, status, text):
    login_as(client, who)
    for method in ("get", "post"):
        response = getattr(client, method)(f"/denunciar/propuesta/{world['proposal']}",
                                           **({"data": {"reason": "spam"}}
                                              if method == "post" else {}))
        assert response.status_code == status
        assert text in html(response)
    with app.app_context():
        assert reports() == []


def test_nobody_reports_themselves_and_anonymous_people_log_in_first(client, world):
    response = client.get(f"/denunciar/propuesta/{world['proposal']}")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/cuenta/entrar?next=")
    login_as(client, "participant")
    assert client.get(f"/denunciar/persona/{world['participant']}").status_code == 403


def test_unknown_and_deleted_targets_are_404(client, app, world):
    login_as(client, "participant")
    assert client.get("/denunciar/propuesta/999999").status_code == 404
    assert client.get("/denunciar/comentario/999999").status_code == 404
    assert client.get("/denunciar/otra-cosa/1").status_code == 404
    with app.app_context():
        db.session.get(User, world["rep4"]).deleted_at = db.func.now()
        db.session.commit()
    assert client.get(f"/denunciar/persona/{world['rep4']}").status_code == 404


def test_hidden_or_pending_items_cannot_be_reported(client, app, world):
    with app.app_context():
        db.session.get(Proposal, world["proposal"]).moderation_state = ModerationState.HIDDEN
        db.session.get(Comment, world["comment"]).moderation_state = ModerationState.PENDING
        db.session.commit()
    login_as(client, "participant")
    assert report(client, "propuesta", world["proposal"]).status_code == 409
    # A pending item does not exist for anyone but its author and the moderators.
    assert report(client, "comentario", world["comment"]).status_code == 404
    with app.app_context():
        assert reports() == []


def test_the_threshold_hides_automatically_and_tells_the_author(client, app, world):
    for n, who in enumerate(REPORTERS[:3], start=1):
        login_as(client, who)
        assert report(client, "comentario", world["comment"], "ofensivo",
                      f"Denuncia de {who}").status_code == 303
        logout(client)
        with app.app_context():
            comment = the(Comment, world["comment"])
            expected = ModerationState.HIDDEN if n == 3 else ModerationState.VISIBLE
            assert comment.moderation_state == expected
    with app.app_context():
        comment = the(Comment, world["comment"])
        assert comment.hidden_reason == ("Oculto automáticamente tras varias denuncias, a la "
                                         "espera de revisión.")
        assert comment.hidden_at is not None
        assert comment.body == "Esto ya existe en Guatecompras, no hace falta."  # intact
        [action] = actions()
        assert action.action == ActionKind.HIDE and action.moderator_id is None
        assert action.comment_id == world["comment"]
        [event] = events()
        assert event.action == "moderation.auto_hide" and event.actor_id is None
        assert event.before["moderation_state"] == "visible"
        assert event.after["moderation_state"] == "oculto" and event.after["open_reports"] == 3
        # The reporter whose request crossed the threshold is not the actor: no address.
        assert event.ip_address is None
        # The reports stay open: a moderator still has to look.
        assert {r.status for r in reports()} == {ReportStatus.OPEN}
        [notification] = notifications_of(world["commenter"])
        assert notification.kind == "content_hidden"
        assert notification.params["automatic"] is True
        assert notification.link == f"/comentarios/{world['comment']}"
        assert not any(name in str(notification.params) for name in ("Denunciante", "rep"))
    [message] = [m for m in mails(app) if m["To"] == "commenter@example.org"]
    text = body(message)
    assert "quedó oculto automáticamente tras varias denuncias" in text
    assert "Denunciante" not in text and "rep1" not in text
    # A fourth report is refused: it is already in the moderators' hands.
    login_as(client, "rep4")
    assert report(client, "comentario", world["comment"]).status_code == 409


def test_the_threshold_is_configurable(client, app, world):
    app.config["MODERATION_REPORT_THRESHOLD"] = 1
    login_as(client, "participant")
    report(client, "propuesta", world["proposal"])
    with app.app_context():
        assert the(Proposal, world["proposal"]).moderation_state == ModerationState.HIDDEN


def test_reports_of_people_never_block_anyone_automatically(client, app, world):
    for who in REPORTERS:
        login_as(client, who)
        assert report(client, "persona", world["commenter"]).status_code == 303
        logout(client)
    with app.app_context():
        commenter = the(User, world["commenter"])
        assert commenter.blocked_at is None and not commenter.is_blocked
        assert actions() == [] and events() == []
        assert len(reports()) == 4


def test_dismissed_reports_do_not_count_towards_the_threshold(client, app, world):
    from participa.moderation import services

    for who in REPORTERS[:2]:
        login_as(client, who)
        report(client, "propuesta", world["proposal"])
        logout(client)
    with app.app_context():
        services.dismiss_reports(moderator=db.session.get(User, world["moderator"]),
                                 target=db.session.get(Proposal, world["proposal"]))
        db.session.commit()
    login_as(client, "rep3")
    report(client, "propuesta", world["proposal"])
    with app.app_context():
        assert the(Proposal, world["proposal"]).moderation_state == ModerationState.VISIBLE
        assert [r.status for r in reports()] == [ReportStatus.DISMISSED] * 2 + [
            ReportStatus.OPEN]


def test_the_links_show_where_a_report_is_possible(client, world):
    page = html(client.get(f"/propuestas/{world['proposal']}"))
    assert "/denunciar/" not in page  # not signed in
    login_as(client, "participant")
    page = html(client.get(f"/propuestas/{world['proposal']}"))
    assert f'href="/denunciar/propuesta/{world["proposal"]}"' in page
    assert f'href="/denunciar/comentario/{world["comment"]}"' in page
    assert f'href="/denunciar/comentario/{world["reply"]}"' in page
    assert f"/denunciar/persona/{world['author']}?next=" in page
    assert f"/denunciar/persona/{world['commenter']}?next=" in page
    assert "Denunciar a esta persona" in page
    assert "/moderacion/contenido/" not in page
    logout(client)
    # Nobody is offered to report their own contributions or themselves.
    login_as(client, "author")
    page = html(client.get(f"/propuestas/{world['proposal']}"))
    assert f"/denunciar/propuesta/{world['proposal']}" not in page
    assert f"/denunciar/comentario/{world['reply']}" not in page
    assert f"/denunciar/persona/{world['author']}" not in page
    assert f"/denunciar/comentario/{world['comment']}" in page
    logout(client)
    # Blocked people are not offered to report; moderators get a link to moderate.
    login_as(client, "blocked")
    assert "/denunciar/" not in html(client.get(f"/propuestas/{world['proposal']}"))
    logout(client)
    login_as(client, "moderator")
    page = html(client.get(f"/propuestas/{world['proposal']}"))
    assert f'href="/moderacion/contenido/propuestas/{world["proposal"]}"' in page
    assert f'href="/moderacion/contenido/comentarios/{world["comment"]}"' in page


def test_a_filled_honeypot_stores_nothing(client, app, world):
    login_as(client, "participant")
    page = html(client.get(f"/denunciar/propuesta/{world['proposal']}"))
    assert 'name="sitio_web"' in page
    response = client.post(f"/denunciar/propuesta/{world['proposal']}",
                           data={"reason": "spam", "sitio_web": "http://spam.example"})
    assert response.status_code == 400
    with app.app_context():
        assert reports() == []


def test_reports_are_rate_limited(client, app, world):
    app.config["RATELIMIT_REPORTS"] = "2 per hour"
    login_as(client, "participant")
    assert report(client, "propuesta", world["proposal"]).status_code == 303
    assert report(client, "comentario", world["comment"]).status_code == 303
    assert report(client, "comentario", world["reply"]).status_code == 429
    with app.app_context():
        assert len(reports()) == 2


def test_what_people_wrote_is_escaped_on_the_report_page(client, app, world):
    xss = '<script>alert("x")</script>'
    with app.app_context():
        db.session.get(User, world["commenter"]).name = "Carlos " + xss
        db.session.get(Comment, world["comment"]).body = "Texto " + xss
        db.session.commit()
    login_as(client, "participant")
    for url in (f"/denunciar/comentario/{world['comment']}",
                f"/denunciar/persona/{world['commenter']}"):
        page = html(client.get(url))
        assert "<script>alert" not in page and "&lt;script&gt;" in page
