"""Blueprint-wide gates, so no route of a protected blueprint can be left unprotected."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, abort
from flask_login import current_user

from ..base.extensions import login_manager
from ..base.roles import can_administer, can_moderate, can_run_rounds


def _gate(allowed: Callable[[object], bool]):
    def check():
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        if not allowed(current_user):
            abort(403)
        return None

    return check


def admin_only(bp: Blueprint) -> None:
    bp.before_request(_gate(can_administer))


def moderators_only(bp: Blueprint) -> None:
    bp.before_request(_gate(can_moderate))


def round_runners_only(bp: Blueprint) -> None:
    """The MTGA's moderators and administrators (``can_run_rounds``)."""
    bp.before_request(_gate(can_run_rounds))
