"""E-mail through a real SMTP server (aiosmtpd on loopback), and the file backend."""

from __future__ import annotations

import email
import re
import socket
from email.message import EmailMessage
from pathlib import Path

import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller

from participa.accounts.models import User
from participa.base.extensions import db

from .factories import link_in, mails

SIGNUP = {
    "name": "Juan Tum",
    "email": "juan@example.org",
    "password": "caminos de tierra y lluvia",
    "sector": "ciudadania",
}


class Collector:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's API
        self.envelopes.append(envelope)
        self.messages.append(
            email.message_from_bytes(envelope.content, _class=EmailMessage,
                                     policy=email.policy.default)
        )
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server():
    collector = Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield controller, collector
    controller.stop()


def test_signup_mail_goes_through_a_real_smtp_server(app, client, smtp_server):
    controller, collector = smtp_server
    app.config.update(MAIL_BACKEND="smtp", MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port)
    response = client.post("/cuenta/registro", data=SIGNUP)
    assert response.status_code == 302
    [message] = collector.messages
    assert collector.envelopes[0].rcpt_tos == ["juan@example.org"]
    assert message["To"] == "juan@example.org"
    assert message["From"] == app.config["MAIL_DEFAULT_SENDER"]
    assert "Confirme" in message["Subject"]
    assert message.get_content_type() == "text/plain"
    link = re.search(r"https?://[^/\s]+(/cuenta/confirmar/\S+)", message.get_content()).group(1)
    assert client.post(link).status_code == 302
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.email == "juan@example.org"))
        assert user.is_confirmed
    assert mails(app) == [], "the smtp backend writes no files"


def test_unreachable_smtp_server_is_not_a_500(app, client):
    app.config.update(MAIL_BACKEND="smtp", MAIL_SERVER="127.0.0.1", MAIL_PORT=_free_port(),
                      MAIL_TIMEOUT=2)
    response = client.post("/cuenta/registro", data=SIGNUP, follow_redirects=True)
    assert response.status_code == 200
    assert "No pudimos enviar el correo" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(User).where(User.email == "juan@example.org"))


def test_file_backend_writes_a_message_with_a_working_link(app, client):
    client.post("/cuenta/registro", data=SIGNUP)
    [message] = mails(app)
    assert message["Message-ID"] and message["Date"]
    assert client.get(link_in(message)).status_code == 200


def test_mail_is_written_in_the_recipients_language(app, client):
    client.get("/?lang=cak")
    client.post("/cuenta/registro", data=SIGNUP)
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.email == "juan@example.org"))
        assert user.preferred_language == "cak"
    [message] = mails(app)
    # Untranslated strings fall back to Spanish; the message is still complete.
    assert "Hola, Juan Tum:" in message.get_content()


def test_saved_message_keeps_the_link_on_one_readable_line(app, client):
    client.post("/cuenta/registro", data=SIGNUP)
    [path] = list(Path(app.config["MAIL_FILE_DIR"]).glob("*.eml"))
    body = path.read_text(encoding="utf-8").split("\n\n", 1)[1]
    assert re.search(r"^http://\S+/cuenta/confirmar/\S+$", body, re.MULTILINE)
    assert "=C3" not in body and "Hola, Juan Tum:" in body and "«Confirmar»" in body
