"""On publication the author and the supporters of each proposal are notified in the app,
and by e-mail when they allow it, each in their own interface language; e-mail goes out after
the commit, so a mail server that is down loses nothing."""

from __future__ import annotations

import socket

import pytest
import sqlalchemy as sa

from participa.accounts.models import User
from participa.base.extensions import db
from participa.consolidation import services
from participa.consultations.models import ConsultationRound
from participa.notifications import services as notifications
from participa.notifications.models import Notification
from participa.proposals.models import Proposal

from ..factories import body, login_as, mails, make_user, notifications_of, send_outbox
from ..pages import html, interface_language
from ..querycount import count_queries


@pytest.fixture
def prepared(app, world) -> int:
    """P1 merged into a draft, P2 incorporated into it: prepared, not published."""
    with app.app_context():
        moderator = db.session.get(User, world["moderator"])
        round_ = db.session.get(ConsultationRound, world["round"])
        first, second = (db.session.get(Proposal, pid) for pid in world["proposals"][:2])
        draft = services.create_draft(actor=moderator, round=round_, proposals=[first, second],
                                      title="Compras y presupuesto abiertos")
        services.prepare_response(actor=moderator, proposal=first, decision="fusionada",
                                  reason="Se fusionó con la propuesta sobre presupuesto.",
                                  commitment=draft)
        services.prepare_response(actor=moderator, proposal=second, decision="incorporada",
                                  reason="", commitment=draft)
        db.session.commit()
        return draft.id


def _publish(client, world):
    login_as(client, "moderator")
    response = client.post(f"/moderacion/consultas/{world['round']}/publicar")
    assert response.status_code == 303
    client.post("/cuenta/salir")


def _mail_to(app, address):
    return [message for message in mails(app) if message["To"] == address]


def test_publication_notifies_in_the_app_and_by_mail_in_each_ones_language(
        client, app, world, prepared):
    # The moderator works in K'iche'; each recipient still reads their own language.
    login_as(client, "moderator")
    client.get("/?lang=quc")
    client.post(f"/moderacion/consultas/{world['round']}/publicar")
    send_outbox(app)
    with app.app_context():
        references = [db.session.get(Proposal, pid).reference for pid in world["proposals"][:2]]
        author = notifications_of(world["author"])
        assert [n.kind for n in author] == ["response_published"] * 2
        first = author[0]
        assert first.params == {
            "proposal_id": world["proposals"][0], "reference": references[0],
            "title": "Compras municipales abiertas", "decision": "fusionada",
            "commitment": {"id": prepared, "number": 1,
                           "title": "Compras y presupuesto abiertos"},
            "role": "author",
        }
        assert first.link == f"/propuestas/{world['proposals'][0]}#respuesta"
        assert first.read_at is None
        assert len(notifications_of(world["sup_cak"])) == 2
        assert [n.params["role"] for n in notifications_of(world["sup_cak"])] == ["supporter"] * 2
        assert len(notifications_of(world["sup_quiet"])) == 1
        assert len(notifications_of(world["sup_unconfirmed"])) == 1
        assert notifications_of(world["participant"]) == []
        assert notifications_of(world["moderator"]) == []
        # emailed_at records the messages that went out, and only those.
        emailed = {n.user_id for n in db.session.scalars(sa.select(Notification))
                   if n.emailed_at is not None}
        assert emailed == {world["author"], world["sup_cak"]}

    # One message per person, with both proposals.
    [to_author] = _mail_to(app, "author@example.org")
    [to_cak] = _mail_to(app, "sup_cak@example.org")
    assert _mail_to(app, "sup_quiet@example.org") == []  # asked for no e-mail
    assert _mail_to(app, "sup_unconfirmed@example.org") == []  # address not confirmed
    text = body(to_author)
    assert to_author["Subject"] == ("Respuestas de la Mesa Técnica de Gobierno Abierto a 2 "
                                    "propuestas")
    assert text.startswith("Hola, Ana Autora:")
    assert (f"La Mesa Técnica de Gobierno Abierto respondió a su propuesta {references[0]} "
            "«Compras municipales abiertas»: Fusionada en un compromiso. Compromiso 1: "
            "«Compras y presupuesto abiertos».") in text
    assert f"http://localhost/propuestas/{world['proposals'][0]}#respuesta" in text
    assert "Perfil: http://localhost/cuenta/" in text
    # Kaqchikel: the verified term (Mozilla, MPL-2.0) for "Perfil"; everything without a
    # verified term falls back to Spanish.
    cak = body(to_cak)
    assert "Ruwäch b'i'aj: http://localhost/cuenta/" in cak
    assert "Perfil:" not in cak
    assert (f"respondió a la propuesta {references[1]} «Presupuesto abierto en idiomas mayas», "
            "que usted apoya: Incorporada.") in cak


def test_the_notifications_page_and_the_nav_count(client, app, world, prepared):
    _publish(client, world)
    anonymous = client.get("/notificaciones/")
    assert anonymous.status_code == 302
    assert anonymous.headers["Location"].startswith("/cuenta/entrar")
    assert "/notificaciones/" not in html(client.get("/"))

    login_as(client, "author")
    home = html(client.get("/"))
    assert 'href="/notificaciones/">Notificaciones <span class="badge">2<span ' in home
    page = html(client.get("/notificaciones/"))
    assert page.count('<li class="unread">') == 2
    assert "Marcar todas como leídas" in page
    assert "respondió a su propuesta" in page
    assert f'href="/propuestas/{world["proposals"][0]}#respuesta"' in page
    response = client.post("/notificaciones/leidas")
    assert response.status_code == 303
    page = html(client.get("/notificaciones/"))
    assert '<li class="unread">' not in page and "Marcar todas como leídas" not in page
    assert 'class="badge">' not in html(client.get("/")).split("Notificaciones")[1][:40]
    with app.app_context():
        assert all(n.read_at for n in notifications_of(world["author"]))
        # Someone else's notifications are untouched.
        assert not any(n.read_at for n in notifications_of(world["sup_cak"]))

    # A supporter reading in Kaqchikel gets the messages rendered for them.
    client.post("/cuenta/salir")
    login_as(client, "sup_cak")
    page = html(client.get("/notificaciones/"))
    assert interface_language(page) == "cak"
    assert page.count('<li class="unread">') == 2
    assert "que usted apoya" in page


def test_no_email_wanted_means_in_app_only(client, app, world, prepared):
    with app.app_context():
        quiet = db.session.get(User, world["sup_quiet"])
        assert quiet.notify_by_email is False
    _publish(client, world)
    assert _mail_to(app, "sup_quiet@example.org") == []
    with app.app_context():
        [notification] = notifications_of(world["sup_quiet"])
        assert notification.emailed_at is None
    login_as(client, "sup_quiet")
    assert "que usted apoya" in html(client.get("/notificaciones/"))


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_mail_server_down_loses_nothing(client, app, runner, world, prepared):
    """Publishing sends nothing itself (its e-mails wait in the outbox): a mail server that
    is down fails neither the publication nor the messages, which the worker sends once
    the server is back (issue 17, item 4)."""
    app.config.update(MAIL_BACKEND="smtp", MAIL_SERVER="127.0.0.1", MAIL_PORT=_closed_port(),
                      MAIL_TIMEOUT=2, MAIL_RETRY_SECONDS=0)
    login_as(client, "moderator")
    response = client.post(f"/moderacion/consultas/{world['round']}/publicar")
    assert response.status_code == 303
    with app.app_context():
        published = db.session.scalars(sa.select(services.Response)).all()
        assert all(r.published_at for r in published)
        stored = db.session.scalars(sa.select(Notification)).all()
        assert len(stored) == 6
        assert all(n.emailed_at is None for n in stored)
    result = runner.invoke(args=["mail", "worker", "--once"])
    assert result.exit_code == 0, result.output
    assert "0 correos enviados; 2 por enviar." in result.output
    # Later, with the server back, the worker sends what is missing, once.
    app.config.update(MAIL_BACKEND="file")
    result = runner.invoke(args=["mail", "worker", "--once"])
    assert "2 correos enviados; 0 por enviar." in result.output, result.output
    assert len(_mail_to(app, "author@example.org")) == 1
    assert len(_mail_to(app, "sup_cak@example.org")) == 1
    site = app.config["BASE_URL"]  # the site's address, as in a request
    assert f"{site}/propuestas/" in body(_mail_to(app, "author@example.org")[0])
    result = runner.invoke(args=["mail", "worker", "--once"])
    assert "0 correos enviados; 0 por enviar." in result.output
    assert len(mails(app)) == 2
    with app.app_context():
        assert sum(n.emailed_at is not None
                   for n in db.session.scalars(sa.select(Notification))) == 4


def test_a_rolled_back_notification_is_never_mailed(app, world):
    with app.app_context():
        user = db.session.get(User, world["author"])
        notifications.notify(user=user, kind="response_published", link="/",
                             params={"proposal_id": 1, "reference": "P-2026-0001",
                                     "title": "T", "decision": "incorporada",
                                     "commitment": None, "role": "author"})
        db.session.flush()
        db.session.rollback()
    assert mails(app) == []


def test_messages_render_at_display_time_and_unknown_kinds_do_not_fail(app, world):
    with app.test_request_context():
        params = {"proposal_id": 1, "reference": "P-2026-0009", "title": "Agua",
                  "decision": "no_incorporada", "commitment": None, "role": "supporter"}
        assert notifications.message_for("response_published", params) == (
            "La Mesa Técnica de Gobierno Abierto respondió a la propuesta P-2026-0009 «Agua», "
            "que usted apoya: No incorporada.")
        assert notifications.message_for("response_corrected", {**params, "role": "author"}) == (
            "La Mesa Técnica de Gobierno Abierto corrigió su respuesta a su propuesta "
            "P-2026-0009 «Agua»: No incorporada.")
        generic = "Tiene un aviso nuevo en Participa."
        assert notifications.message_for("a_kind_from_the_future", params) == generic
        assert notifications.message_for("response_published", {"decision": "x"}) == generic
        user = db.session.get(User, world["author"])
        with pytest.raises(ValueError):
            notifications.notify(user=user, kind="nope", params={})
        with pytest.raises(ValueError):
            notifications.notify(user=user, kind="response_published", params=params,
                                 link="https://elsewhere.example/")
        with pytest.raises(ValueError):
            notifications.register_kind("response_published", message=len)


def test_pages_and_counts(client, app, world):
    with app.app_context():
        user = make_user(email_address="muchos@example.org")
        for n in range(25):
            notifications.notify(user=user, kind="response_published", link=f"/propuestas/{n}",
                                 params={"proposal_id": n, "reference": f"P-2026-{n:04d}",
                                         "title": f"Propuesta {n}", "decision": "incorporada",
                                         "commitment": None, "role": "author"})
        db.session.commit()
    login_as(client, "muchos")
    first = html(client.get("/notificaciones/"))
    assert first.count('<li class="unread">') == 20
    assert "P-2026-0024" in first and "P-2026-0004" not in first
    second = html(client.get("/notificaciones/?page=2"))
    assert second.count('<li class="unread">') == 5 and "P-2026-0000" in second
    assert "Esta página no tiene notificaciones." in html(client.get("/notificaciones/?page=9"))
    # The nav's count is one cheap query per page, for signed-in people only.
    with count_queries(app) as signed_in:
        client.get("/")
    client.post("/cuenta/salir")
    with count_queries(app) as anonymous:
        client.get("/")
    assert sum("FROM notifications" in s for s in signed_in.statements) == 1
    assert not any("notifications" in s for s in anonymous.statements)
