"""The person behind this request, as the model object services take, and where it was
made (for a link back to it)."""

from __future__ import annotations

from typing import Any

from flask import request
from flask_login import current_user


def user() -> Any:
    """The signed-in ``User``, or Flask-Login's anonymous user (never the proxy)."""
    return current_user._get_current_object()


def here() -> str:
    """This request's path with its query string, if any (``?volver=`` of a link back)."""
    return request.full_path if request.query_string else request.path
