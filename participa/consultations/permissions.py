"""Who may do what in a consultation round. Pure functions of the user, the round and the
time (``now``, default the present); views enforce them, templates only show or hide."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l

from ..accounts.models import User
from ..accounts.permissions import blocked_refusal
from ..base.errors import DomainError, NotAllowed, allows
from ..base.roles import can_administer, can_run_rounds
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


SIGN_IN = _l("Para participar necesita una cuenta.")
DELETED = _l("Esta cuenta fue eliminada.")
CONFIRM = _l(
    "Confirme su correo electrónico para poder participar en la consulta. Si no recibió el "
    "correo, puede pedir que se lo enviemos de nuevo desde su perfil."
)


def participation_refusal(user: object) -> DomainError | None:
    """Why ``user`` may not take part (403), or None (``can_participate``): signed out,
    deleted, blocked by the moderation (with the reason and the end of the block), or with
    an unconfirmed address. Every rule of proposing, supporting and voting starts here."""
    if not isinstance(user, User) or not user.is_authenticated:
        return NotAllowed(SIGN_IN)
    if user.is_deleted:
        return NotAllowed(DELETED)
    refusal = blocked_refusal(user)
    if refusal is not None:
        return refusal
    if not user.is_confirmed:
        return NotAllowed(CONFIRM)
    return None


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


SET_UP_ONLY = _l("Solo la administración crea consultas.")
RUN_ONLY = _l(
    "Solo la Mesa Técnica de Gobierno Abierto (su moderación) y la administración conducen "
    "una consulta: sus fases, su votación y la publicación del plan."
)


def setup_refusal(user: object) -> DomainError | None:
    """Creating a round (for a plan) is the administrators' setting up of the platform."""
    return None if can_administer(user) else NotAllowed(SET_UP_ONLY)


def run_refusal(user: object) -> DomainError | None:
    """Running a round (its form: the phases, which open and close the vote, and the vote's
    rules; publishing its plan) is the MTGA's: moderators and administrators."""
    return None if can_run_rounds(user) else NotAllowed(RUN_ONLY)


# Whether the round page links its form and its publication.
can_manage_rounds = allows(run_refusal)
