"""The read side of accounts: the people the administration lists."""

from __future__ import annotations

import sqlalchemy as sa

from .models import User


def people(search: str = "") -> sa.Select:
    """Living accounts by name, those whose name or address contains ``search`` (taken
    literally: ``%`` and ``_`` are no wildcards); the view paginates."""
    statement = sa.select(User).where(User.deleted_at.is_(None)).order_by(User.name, User.id)
    if search:
        escaped = search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
        statement = statement.where(
            sa.or_(User.name.ilike(pattern, escape="\\"), User.email.ilike(pattern, escape="\\"))
        )
    return statement

