"""What the proposals feature adds to a round's page (``consultations``, a lower feature):
the slots ``round.actions`` and ``round.participation``, filled in the package's
``__init__``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..consultations.models import ConsultationRound
from ..consultations.permissions import can_participate
from . import permissions
from .queries import round_counts
from .services import supports_given


@dataclass(frozen=True)
class RoundActions:
    round: ConsultationRound
    can_submit: bool
    # While supports are open in a round with a limit: the limit, and for a person who
    # may participate how many supports she has left (None otherwise).
    support_limit: int | None = None
    supports_left: int | None = None


def round_actions(round: ConsultationRound, user: object, now: datetime | None = None,
                  **context: object) -> RoundActions:  # noqa: ARG001
    limit = round.max_supports_per_user
    if limit is None or not permissions.supports_open(round, now):
        return RoundActions(round, permissions.can_submit(user, round, now))
    left = (max(limit - supports_given(user, round), 0)  # type: ignore[arg-type]
            if can_participate(user) else None)
    return RoundActions(round, permissions.can_submit(user, round, now), limit, left)


def round_participation(round: ConsultationRound, **context: object) -> dict[str, int]:  # noqa: ARG001
    return round_counts(round)
