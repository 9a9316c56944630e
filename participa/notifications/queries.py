"""The read side of notifications: the person's list and their unread count."""

from __future__ import annotations

import sqlalchemy as sa

from ..accounts.models import User
from ..base.extensions import db
from .models import Notification


def for_user(user: User) -> sa.Select:
    """The person's notifications, newest first (the view paginates)."""
    return (
        sa.select(Notification)
        .where(Notification.user_id == user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
    )


# Built once (the menu asks on every page of a person signed in): each request only binds
# the person.
_UNREAD = sa.select(sa.func.count(Notification.id)).where(
    Notification.user_id == sa.bindparam("user_id"), Notification.read_at.is_(None))


def unread_count(user: User) -> int:
    """The nav shows it on every page (``web.layout``): read with her session on a page
    read (``models.User.unread_notifications``), else one COUNT."""
    if "unread_notifications" not in sa.inspect(user).unloaded:
        return user.unread_notifications or 0
    return db.session.scalar(_UNREAD, {"user_id": user.id}) or 0
