"""Who may do what in a consultation round. Pure functions of the user, the round and the
time (``now``, default the present); views enforce them, templates only show or hide."""

from __future__ import annotations

from datetime import datetime

from ..accounts.models import User
from ..base.roles import can_administer
from .models import ConsultationRound
from .phases import SUBMIT_PHASE, SUPPORT_PHASE, is_open


def can_participate(user: object) -> bool:
    """Signed in, with a confirmed e-mail address, not deleted and not blocked by the
    moderation: the shared gate of posting, commenting, supporting, voting and reporting."""
    return (
        isinstance(user, User)
        and user.is_authenticated
        and user.is_confirmed
        and not user.is_deleted
        and not user.is_blocked
    )


def is_blocked(user: object) -> bool:
    """A signed-in person whose account the moderation blocked (now)."""
    return isinstance(user, User) and user.is_authenticated and user.is_blocked


def can_submit_proposal(
    user: object, round: ConsultationRound, now: datetime | None = None
) -> bool:
    return can_participate(user) and is_open(round, SUBMIT_PHASE, now)


def can_support(user: object, round: ConsultationRound, now: datetime | None = None) -> bool:
    """Supports are open during the proposals phase (see ``phases``). The per-person limit
    of the round (``max_supports_per_user``) is the supports service's to enforce."""
    return can_participate(user) and is_open(round, SUPPORT_PHASE, now)


def can_manage_rounds(user: object) -> bool:
    return can_administer(user)
