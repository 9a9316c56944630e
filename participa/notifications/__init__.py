from typing import Any

from flask import Blueprint

from ..web import layout, slots

bp = Blueprint("notifications", __name__, url_prefix="/notificaciones")

from . import delivery, views  # noqa: E402,F401
from .queries import unread_count  # noqa: E402


def nav_item(*, user: Any, page: dict[str, Any]) -> int:
    """The unread count of the menu's item (the notifications page counted it already)."""
    if "unread_notifications" in page:
        return page["unread_notifications"]
    return unread_count(user)


slots.fill(layout.NAV, "notifications/_nav.html", nav_item)
