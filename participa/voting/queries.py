"""Read-only queries about votes that lower features ask through a registry."""

from __future__ import annotations

import sqlalchemy as sa

from ..base.extensions import db
from ..consultations.models import ConsultationRound
from .models import Vote


def round_has_votes(round: ConsultationRound) -> bool:
    """Whether anyone voted in the round (its vote's rules can no longer change)."""
    return db.session.scalar(
        sa.select(sa.literal(True)).where(Vote.round_id == round.id).limit(1)
    ) is not None
