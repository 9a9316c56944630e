"""In-app notifications, and the registry of their kinds.

A notification stores a ``kind`` and its ``params`` (JSON), never text: the message is
rendered when it is shown, by the function registered for its kind, in the language of the
person reading it (the list page, or the e-mail rendered in the recipient's own language).
Features register their kinds when they are imported::

    register_kind("response_published", message=render_response, email_template="...",
                  label=_l("Respuestas a mis propuestas"))

``notify`` adds a row (the caller flushes and commits, like any service) and, when the kind
is e-mailed and the person may receive e-mail, one row of the outbox per person and kind in
this transaction: an event that tells one person several things of one kind (three of her
proposals answered) makes one e-mail. The worker (``outbox``) reads the person's choice for
the kind when it sends: at once, in the daily digest, or not at all (``preferences``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask import current_app, has_request_context, url_for
from flask_babel import gettext as _
from sqlalchemy import event
from sqlalchemy.orm import Session

from ..accounts.models import User
from ..accounts.signals import account_deleted
from ..base.extensions import db
from ..base.time import utcnow
from ..web.security import safe_next
from .models import Delivery, Follow, Notification, OutboxMessage, Preference

# The session key under which notify() keeps this transaction's outbox rows, by person and
# kind (one e-mail per person and kind and event).
OUTBOX_GROUPS = "participa.notifications.outbox_groups"
# The outbox kind of a daily digest.
DIGEST_KIND = "digest"


@dataclass(frozen=True)
class Kind:
    name: str
    # Renders the translated message from the params, in the current (forced) language.
    message: Callable[[dict[str, Any]], str]
    # templates/email/<email_template>.txt, rendered with ``name`` and ``items``; None: the
    # kind is never e-mailed. "notification" is the plain one any kind may use.
    email_template: str | None = None
    # Its name on the preferences page (lazy text); None: "Otros avisos".
    label: Any = None
    # The delivery of a person who did not choose.
    default: Delivery = Delivery.NOW


KINDS: dict[str, Kind] = {}


def register_kind(
    name: str,
    *,
    message: Callable[[dict[str, Any]], str],
    email_template: str | None = None,
    label: Any = None,
    default: Delivery = Delivery.NOW,
) -> Kind:
    if len(name) > Notification.kind.type.length or name == DIGEST_KIND:
        raise ValueError(f"notification kind {name!r} is too long or reserved")
    kind = Kind(name, message, email_template, label, default)
    existing = KINDS.get(name)
    if existing is not None and existing != kind:
        raise ValueError(f"notification kind {name!r} is already registered")
    KINDS[name] = kind
    return kind


# Upper features give some notifications' params in a reader's language (the translation
# of the item they name, when one exists: issue 18, item 5): each localizer takes the
# notifications about to be shown and the language, and answers {id: params to merge}, in
# a fixed number of statements whatever the number of notifications.
Localizer = Callable[[Sequence[Notification], str], dict[int, dict[str, Any]]]
LOCALIZERS: list[Localizer] = []


def register_localizer(localizer: Localizer) -> None:
    if localizer not in LOCALIZERS:
        LOCALIZERS.append(localizer)


def localized_params(notifications: Sequence[Notification], language: str
                     ) -> dict[int, dict[str, Any]]:
    """Each notification's params, with what the localizers give in ``language``."""
    params = {n.id: dict(n.params or {}) for n in notifications}
    if notifications:
        for localizer in LOCALIZERS:
            for notification_id, extra in localizer(notifications, language).items():
                params[notification_id].update(extra)
    return params


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


def label_for(kind: str) -> str:
    registered = KINDS.get(kind)
    if registered is not None and registered.label is not None:
        return str(registered.label)
    return _("Otros avisos")


def wants_email(user: User) -> bool:
    """Only confirmed, living accounts that asked for e-mail (an unconfirmed address may not
    belong to the person)."""
    return bool(user.notify_by_email) and user.is_confirmed and not user.is_deleted


def _outbox_for(user: User, kind: str) -> OutboxMessage:
    """This transaction's outbox row for the person and kind (one e-mail per event)."""
    groups = db.session.info.setdefault(OUTBOX_GROUPS, {})
    key = (user.id, kind)
    message = groups.get(key)
    if message is None:
        message = groups[key] = OutboxMessage(user=user, kind=kind)
        db.session.add(message)
    return message


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_soft_rollback")
def _forget_groups(session: Session, *_args: object) -> None:
    session.info.pop(OUTBOX_GROUPS, None)


def notify(
    *, user: User, kind: str, params: dict[str, Any], link: str | None = None,
    actor: User | None = None,
) -> Notification | None:
    """Add a notification for ``user`` (not flushed: a batch of them is inserted at the next
    flush) and its e-mail to the outbox. ``link`` is a path of this site. Nobody is told of
    what she did herself: with ``actor`` the person who acted, nothing is added for her
    (None is returned)."""
    if kind not in KINDS:
        raise ValueError(f"unknown notification kind {kind!r}")
    if link is not None and safe_next(link, "") != link:
        raise ValueError("a notification links only to a path of this site")
    if actor is not None and actor.id == user.id:
        return None
    notification = Notification(user=user, kind=kind, params=params, link=link)
    db.session.add(notification)
    if KINDS[kind].email_template and wants_email(user):
        notification.outbox = _outbox_for(user, kind)
    return notification


def notify_each(
    users: Iterable[User], *, kind: str, params: dict[str, Any], link: str | None = None,
    actor: User | None = None,
) -> int:
    """``notify`` each person once (a person named twice is told once), but not the actor;
    how many were told."""
    told = 0
    seen: set[int] = set()
    for user in users:
        if user.id in seen:
            continue
        seen.add(user.id)
        if notify(user=user, kind=kind, params=params, link=link, actor=actor) is not None:
            told += 1
    return told


# Preferences -----------------------------------------------------------------------------


def emailed_kinds() -> list[Kind]:
    """The kinds a person may choose for, in the order of their labels' registration."""
    return [kind for kind in KINDS.values() if kind.email_template]


def deliveries(user: User) -> dict[str, Delivery]:
    """The person's delivery of every e-mailed kind (her choice, else the kind's default),
    in one statement."""
    chosen = {kind: delivery for kind, delivery in db.session.execute(
        sa.select(Preference.kind, Preference.delivery).where(Preference.user_id == user.id))}
    return {kind.name: chosen.get(kind.name, kind.default) for kind in emailed_kinds()}


def delivery_of(user_id: int, kind: str) -> Delivery:
    chosen = db.session.scalar(
        sa.select(Preference.delivery).where(Preference.user_id == user_id,
                                             Preference.kind == kind)
    )
    if chosen is not None:
        return chosen
    registered = KINDS.get(kind)
    return registered.default if registered is not None else Delivery.NOW


def set_deliveries(*, user_id: int, choices: dict[str, Delivery]) -> None:
    """Record the person's choices (kinds not registered are ignored)."""
    now = utcnow()
    for kind, delivery in choices.items():
        if kind not in KINDS:
            continue
        preference = db.session.get(Preference, (user_id, kind))
        if preference is None:
            db.session.add(Preference(user_id=user_id, kind=kind, delivery=delivery,
                                      updated_at=now))
        elif preference.delivery != delivery:
            preference.delivery = delivery
            preference.updated_at = now
    db.session.flush()


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
    db.session.execute(sa.delete(OutboxMessage).where(OutboxMessage.user_id == user.id))
    db.session.execute(sa.delete(Preference).where(Preference.user_id == user.id))
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
