"""What the proposals feature adds to a round's page (``consultations``, a lower feature):
the slots ``round.actions`` and ``round.participation``, filled in the package's
``__init__``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..consultations.models import ConsultationRound
from . import permissions
from .queries import round_counts


@dataclass(frozen=True)
class RoundActions:
    round: ConsultationRound
    can_submit: bool


def round_actions(round: ConsultationRound, user: object, now: datetime | None = None,
                  **context: object) -> RoundActions:  # noqa: ARG001
    return RoundActions(round, permissions.can_submit(user, round, now))


def round_participation(round: ConsultationRound, **context: object) -> dict[str, int]:  # noqa: ARG001
    return round_counts(round)
