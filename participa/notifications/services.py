"""In-app notifications, and the registry of their kinds.

A notification stores a ``kind`` and its ``params`` (JSON), never text: the message is
rendered when it is shown, by the function registered for its kind, in the language of the
person reading it (the list page, or the e-mail rendered in the recipient's own language).
Features register their kinds when they are imported::

    register_kind("response_published", message=render_response, email_template="...")

``notify`` adds a row (the caller flushes and commits, like any service) and, when the
person wants e-mail and the kind has an e-mail template, queues it in the session; the view
calls ``delivery.send_queued_emails()`` after its commit (see ``delivery``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask import current_app, has_request_context, url_for
from flask_babel import gettext as _

from ..accounts.models import User
from ..accounts.signals import account_deleted
from ..base.extensions import db
from ..base.time import utcnow
from ..web.security import safe_next
from .models import Follow, Notification

# The session key under which notify() queues notifications to e-mail after the commit.
EMAIL_QUEUE = "participa.notifications.email_queue"


@dataclass(frozen=True)
class Kind:
    name: str
    # Renders the translated message from the params, in the current (forced) language.
    message: Callable[[dict[str, Any]], str]
    # templates/email/<email_template>.txt, rendered with ``name`` and ``items``; None: the
    # kind is never e-mailed.
    email_template: str | None = None


KINDS: dict[str, Kind] = {}


def register_kind(
    name: str,
    *,
    message: Callable[[dict[str, Any]], str],
    email_template: str | None = None,
) -> Kind:
    if len(name) > Notification.kind.type.length:
        raise ValueError(f"notification kind {name!r} is too long")
    kind = Kind(name, message, email_template)
    existing = KINDS.get(name)
    if existing is not None and existing != kind:
        raise ValueError(f"notification kind {name!r} is already registered")
    KINDS[name] = kind
    return kind


def message_for(kind: str, params: dict[str, Any] | None) -> str:
    """The notification's text in the current language. A kind nobody registers any more,
    or params an older version wrote differently, give a generic text rather than an error."""
    registered = KINDS.get(kind)
    if registered is not None:
        try:
            return registered.message(dict(params or {}))
        except (KeyError, TypeError, ValueError):
            pass
    return _("Tiene un aviso nuevo en Participa.")


def wants_email(user: User) -> bool:
    """Only confirmed, living accounts that asked for e-mail (an unconfirmed address may not
    belong to the person)."""
    return bool(user.notify_by_email) and user.is_confirmed and not user.is_deleted


def notify(
    *, user: User, kind: str, params: dict[str, Any], link: str | None = None
) -> Notification:
    """Add a notification for ``user`` (not flushed: a batch of them is inserted at the next
    flush). ``link`` is a path of this site."""
    if kind not in KINDS:
        raise ValueError(f"unknown notification kind {kind!r}")
    if link is not None and safe_next(link, "") != link:
        raise ValueError("a notification links only to a path of this site")
    notification = Notification(user=user, kind=kind, params=params, link=link)
    db.session.add(notification)
    if KINDS[kind].email_template and wants_email(user):
        db.session.info.setdefault(EMAIL_QUEUE, []).append(notification)
    return notification


def path_for(endpoint: str, **values: Any) -> str:
    """The path of a page of this site for a notification's ``link``: ``url_for`` in a
    request, and the URL map itself outside one (commands, tests)."""
    if has_request_context():
        return url_for(endpoint, **values)
    anchor = values.pop("_anchor", None)
    path = current_app.url_map.bind("localhost").build(endpoint, values)
    return f"{path}#{anchor}" if anchor else path


@account_deleted.connect
def _forget_notifications(user: User, **_extra: object) -> None:
    """Messages only the deleted person could read go with their account, and so does what
    she followed."""
    db.session.execute(sa.delete(Notification).where(Notification.user_id == user.id))
    db.session.execute(sa.delete(Follow).where(Follow.user_id == user.id))


# Marking ---------------------------------------------------------------------------------


def mark_all_read(*, user: User, now: datetime | None = None) -> int:
    """Mark every unread notification of the person read; how many there were."""
    result = db.session.execute(
        sa.update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=now or utcnow())
        .execution_options(synchronize_session=False)
    )
    return result.rowcount or 0
