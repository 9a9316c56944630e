"""E-mail for notifications, sent after the commit that created them.

``notify`` queues the notifications of people who want e-mail in the session; the view
commits its work first, then calls ``send_queued_emails()``. So a mail server that is down
never loses the state change (a publication, say): the in-app notifications are already
stored, and ``emailed_at`` records only the messages that really went out.
``flask notifications send-pending`` retries the rest later.

Unlike services, this module commits: it must not hold a transaction open (on SQLite, the
write lock) while it talks to the mail server, so it reads what it needs, ends the
transaction, sends, and then records the successes in a short transaction of its own.

One person gets one message per kind and batch (a digest), in their own interface language
(``participa.web.mail.send_template``), whatever the language of the moderator's request.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import click
import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import joinedload

from ..base.extensions import db
from ..base.time import utcnow
from ..web.mail import MailError, absolute, send_template
from . import bp
from .models import Notification
from .services import EMAIL_QUEUE, KINDS, path_for, wants_email


@dataclass
class _Message:
    """One e-mail to write: plain data, so nothing is loaded while sending."""

    to: str
    lang: str | None
    template: str
    name: str
    items: list[dict[str, Any]] = field(default_factory=list)
    ids: list[int] = field(default_factory=list)


def _absolute(path: str | None) -> str | None:
    """A link of this site for an e-mail, on BASE_URL (never the request's host)."""
    return absolute(path) if path else None


def _collect(ids: list[int]) -> list[_Message]:
    notifications = db.session.scalars(
        sa.select(Notification)
        .where(Notification.id.in_(ids), Notification.emailed_at.is_(None))
        .options(joinedload(Notification.user))
        .order_by(Notification.user_id, Notification.id)
    ).all()
    messages: dict[tuple[int, str], _Message] = {}
    for notification in notifications:
        user = notification.user
        kind = KINDS.get(notification.kind)
        if kind is None or not kind.email_template or not wants_email(user):
            continue
        key = (user.id, kind.email_template)
        message = messages.get(key)
        if message is None:
            message = messages[key] = _Message(
                to=user.email, lang=user.preferred_language, template=kind.email_template,
                name=user.name,
            )
        message.items.append({
            "kind": notification.kind,
            "params": dict(notification.params or {}),
            "link": _absolute(notification.link),
        })
        message.ids.append(notification.id)
    return list(messages.values())


def send_emails(ids: list[int]) -> int:
    """E-mail the notifications ``ids`` not e-mailed yet to the people who want it; the
    number of notifications e-mailed. Commits (see the module's docstring)."""
    if not ids:
        return 0
    messages = _collect(ids)
    links = {
        "notifications_link": _absolute(path_for("notifications.index")),
        "profile_link": _absolute(path_for("accounts.profile")),
    }
    db.session.commit()  # end the read transaction before talking to the mail server
    sent: list[int] = []
    for message in messages:
        try:
            send_template(to=message.to, lang=message.lang, template=message.template,
                          name=message.name, items=message.items, **links)
        except MailError:
            continue  # logged by participa.web.mail; emailed_at stays empty for a retry
        sent.extend(message.ids)
    if sent:
        db.session.execute(
            sa.update(Notification)
            .where(Notification.id.in_(sent))
            .values(emailed_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        db.session.commit()
    return len(sent)


def send_queued_emails() -> int:
    """Send what ``notify`` queued in this session, after the caller's commit.

    The caller's work is committed by then, so a database error here (reading the
    notifications, or recording which went out) is logged, not raised: the person's
    decision stands and gets its normal answer, and the messages not recorded as sent are
    sent again by ``flask notifications send-pending`` (at least once, never lost)."""
    queued = db.session.info.pop(EMAIL_QUEUE, [])
    ids = []
    for notification in queued:
        # Only stored ones: a rollback turns the notifications it inserted back into
        # transient objects, without an identity (so an id SQLite reuses is never mistaken).
        identity = sa.inspect(notification).identity
        if identity is not None:
            ids.append(identity[0])
    try:
        return send_emails(ids)
    except SQLAlchemyError:
        db.session.rollback()
        current_app.logger.exception(
            "notifications %s: the e-mail step after the commit failed; "
            "'flask notifications send-pending' sends what was not recorded", ids)
        return 0


@bp.cli.command("send-pending")
@click.option("--days", default=7, show_default=True,
              help="Solo los avisos de los últimos días.")
def send_pending(days: int) -> None:
    """Envía por correo los avisos que no se pudieron enviar (servidor de correo caído)."""
    since = utcnow() - timedelta(days=days)
    mailed_kinds = [name for name, kind in KINDS.items() if kind.email_template]
    ids = list(db.session.scalars(
        sa.select(Notification.id).where(
            Notification.emailed_at.is_(None),
            Notification.created_at >= since,
            Notification.kind.in_(mailed_kinds),
        )
    ))
    click.echo(f"{send_emails(ids)} avisos enviados por correo.")
