"""The recordings a page shows: one statement for a target's recordings with their files."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from ..base.extensions import db
from ..base.roles import can_moderate
from ..content.visibility import ModerationState
from .models import Recording, Target


def recordings_of(target: Target, target_id: int, user: object) -> list[Recording]:
    """Oldest first; hidden ones only for the moderators (with their state shown)."""
    statement = (
        sa.select(Recording).options(joinedload(Recording.file))
        .where(Recording.target == target, Recording.target_id == target_id)
        .order_by(Recording.id)
    )
    if not can_moderate(user):
        statement = statement.where(Recording.moderation_state == ModerationState.VISIBLE)
    return list(db.session.scalars(statement))
