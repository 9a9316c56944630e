"""Outgoing e-mail: plain text, rendered in the recipient's language.

``MAIL_BACKEND = "smtp"`` sends through ``MAIL_SERVER:MAIL_PORT`` (STARTTLS or SSL and login
when configured); ``"file"`` (the development default) writes each message as an ``.eml``
file under ``MAIL_FILE_DIR`` so a person can open the link.

Every link in a message is built from ``BASE_URL``, the site's configured address
(``public_url``, ``absolute``), never from the request: its Host header is whatever the
sender wrote, so a link built from it (a password reset's, with its token) could point to
someone else's server.
"""

from __future__ import annotations

import logging
import os
import secrets
import smtplib
from email import policy
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

from flask import current_app, render_template

from ..base.time import utcnow
from ..i18n.marking import strip
from ..i18n.selection import language

log = logging.getLogger(__name__)


# Headers are folded only past SMTP's own limit: a long address in a header without spaces
# (List-Unsubscribe's signed link) would otherwise be written as an encoded word, which
# mail programs do not read as a link (RFC 2369 wants it as it is, in angle brackets).
POLICY = policy.default.clone(max_line_length=998)


class MailError(Exception):
    pass


def absolute(path: str) -> str:
    """The address of ``path`` (``/propuestas/3``) on this site, for an e-mail."""
    return current_app.config["BASE_URL"] + path


def public_url(endpoint: str, **values: Any) -> str:
    """``url_for(endpoint, **values, _external=True)`` for an e-mail: on ``BASE_URL``,
    whatever host the request (if any) named."""
    anchor = values.pop("_anchor", None)
    current_app.inject_url_defaults(endpoint, values)
    path = current_app.url_map.bind("localhost").build(endpoint, values)
    return absolute(f"{path}#{anchor}" if anchor else path)


def build(*, to: str, subject: str, body: str, lang: str | None = None,
          message_id: str | None = None, headers: dict[str, str] | None = None
          ) -> EmailMessage:
    message = EmailMessage(policy=POLICY)
    message["From"] = current_app.config["MAIL_DEFAULT_SENDER"]
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    # A message sent again (a worker that died before recording it) keeps its Message-ID, so
    # the recipient's mail server or program can tell it is the same one.
    message["Message-ID"] = message_id or make_msgid(domain="participa.localhost")
    message["Auto-Submitted"] = "auto-generated"
    for name, value in (headers or {}).items():
        message[name] = value
    # 8bit, not quoted-printable: a link in a message saved by the file backend stays one
    # clickable line when the file is opened as text.
    message.set_content(body, cte="8bit")
    if lang:
        message["Content-Language"] = lang  # after set_content, which clears Content-*
    return message


def send(message: EmailMessage) -> None:
    backend = current_app.config["MAIL_BACKEND"]
    if backend == "file":
        _write_file(message)
    elif backend == "smtp":
        _send_smtp(message)
    else:
        raise MailError(f"unknown MAIL_BACKEND {backend!r}")


def send_template(*, to: str, lang: str | None, template: str,
                  message_id: str | None = None, headers: dict[str, str] | None = None,
                  **context: object) -> None:
    """Render ``templates/email/<template>.txt`` (first line ``Subject: ...``) in ``lang`` and
    send it, saying its language (``Content-Language``). The template builds its links with
    ``public_url``, never ``url_for``. Failures are logged and raised as ``MailError``."""
    with language(lang) as code:
        text = render_template(f"email/{template}.txt", lang=code, public_url=public_url,
                               **context)
    first, _, body = strip(text).partition("\n")
    subject = first.removeprefix("Subject:").strip()
    message = build(to=to, subject=subject, body=body.lstrip("\n"), lang=code,
                    message_id=message_id, headers=headers)
    try:
        send(message)
    except (OSError, smtplib.SMTPException) as error:
        log.error("could not send %s mail: %s", template, error)
        raise MailError(str(error)) from error


def _write_file(message: EmailMessage) -> None:
    directory = current_app.config["MAIL_FILE_DIR"]
    os.makedirs(directory, exist_ok=True)
    name = f"{utcnow():%Y%m%dT%H%M%S%f}-{secrets.token_hex(4)}.eml"
    path = os.path.join(directory, name)
    with open(path, "wb") as handle:
        handle.write(bytes(message))
    log.info("mail for %s written to %s", message["To"], path)


def _send_smtp(message: EmailMessage) -> None:
    cfg = current_app.config
    factory = smtplib.SMTP_SSL if cfg["MAIL_USE_SSL"] else smtplib.SMTP
    with factory(cfg["MAIL_SERVER"], int(cfg["MAIL_PORT"]), timeout=cfg["MAIL_TIMEOUT"]) as smtp:
        if cfg["MAIL_USE_TLS"] and not cfg["MAIL_USE_SSL"]:
            smtp.starttls()
        if cfg["MAIL_USERNAME"]:
            smtp.login(cfg["MAIL_USERNAME"], cfg["MAIL_PASSWORD"] or "")
        smtp.send_message(message)
