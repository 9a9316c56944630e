"""The read side of workshops: a round's, and one with its counts."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from ..base.extensions import db
from ..consultations.models import ConsultationRound
from .models import Workshop


def round_workshops(round: ConsultationRound) -> list[Workshop]:
    """The round's workshops, latest first, with their counts (two statements)."""
    return list(db.session.scalars(
        sa.select(Workshop).where(Workshop.round_id == round.id)
        .options(selectinload(Workshop.participants))
        .order_by(Workshop.held_on.desc(), Workshop.id.desc())
    ))


def workshop_or_none(workshop_id: int) -> Workshop | None:
    return db.session.scalar(
        sa.select(Workshop).where(Workshop.id == workshop_id)
        .options(selectinload(Workshop.participants))
    )


def round_link(*, round: ConsultationRound, **_context: object) -> dict | None:
    """The round page's slot ``round.links``: its workshops, when it has any or the person
    may record one."""
    count = db.session.scalar(
        sa.select(sa.func.count()).select_from(Workshop).where(Workshop.round_id == round.id)
    ) or 0
    return {"round": round, "count": count}
