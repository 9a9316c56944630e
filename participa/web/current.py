"""The person behind this request, as the model object services take, and where it was
made (for a link back to it)."""

from __future__ import annotations

from typing import Any, TypeVar

from flask import abort, request
from flask_login import current_user

from ..content.visibility import can_see_item

Item = TypeVar("Item")


def user() -> Any:
    """The signed-in ``User``, or Flask-Login's anonymous user (never the proxy)."""
    return current_user._get_current_object()


def here() -> str:
    """This request's path with its query string, if any (``?volver=`` of a link back)."""
    return request.full_path if request.query_string else request.path


def visible_or_404(item: Item | None) -> Item:
    """``item`` when it exists for this request's person (``content.visibility.can_see_item``:
    a pending proposal or comment only for its author and the moderators); a 404 otherwise."""
    if item is None or not can_see_item(user(), item):
        abort(404)
    return item
