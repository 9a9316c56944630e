"""The person behind this request, as the model object services take."""

from __future__ import annotations

from typing import Any

from flask_login import current_user


def user() -> Any:
    """The signed-in ``User``, or Flask-Login's anonymous user (never the proxy)."""
    return current_user._get_current_object()
