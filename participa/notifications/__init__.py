from dataclasses import dataclass
from typing import Any

from flask import Blueprint

from ..web import layout, slots
from ..web.security import never_cache

bp = Blueprint("notifications", __name__, url_prefix="/notificaciones")
# Nothing here is for a proxy to keep: the one-click stop's address carries a person's token.
never_cache(bp)

from . import views  # noqa: E402,F401
from .following import COMMITMENT, PROPOSAL, ROUND, is_following  # noqa: E402
from .queries import unread_count  # noqa: E402


def nav_item(*, user: Any, page: dict[str, Any]) -> int:
    """The unread count of the menu's item (the notifications page counted it already)."""
    if "unread_notifications" in page:
        return page["unread_notifications"]
    return unread_count(user)


@dataclass(frozen=True)
class FollowBox:
    target: str
    target_id: int
    following: bool


def _follow_box(target: str, target_id: int, user: Any) -> FollowBox | None:
    """The follow button for a signed-in person (one statement), nothing for anyone else."""
    if not getattr(user, "is_authenticated", False):
        return None
    return FollowBox(target, target_id, is_following(user, target, target_id))


slots.fill(layout.NAV, "notifications/_nav.html", nav_item)
slots.fill("profile.sections", "notifications/_preferences.html", views.profile_section)
slots.fill("proposal.actions", "notifications/_follow.html",
           lambda *, proposal, user, **_: _follow_box(PROPOSAL, proposal.id, user))
slots.fill("commitment.aside", "notifications/_follow.html",
           lambda *, commitment, user, **_: _follow_box(COMMITMENT, commitment.id, user))
slots.fill("round.actions", "notifications/_follow.html",
           lambda *, round, user, **_: _follow_box(ROUND, round.id, user))
