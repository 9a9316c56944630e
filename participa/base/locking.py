"""Row locks for the checks that must see the latest state (a publication, an edit racing a
support): ``locked(instance)`` re-reads the row with ``SELECT ... FOR UPDATE`` on
PostgreSQL (SQLite's BEGIN IMMEDIATE already serialises writers), so a simultaneous
transaction waits for this one, and this one sees what the other committed."""

from __future__ import annotations

from typing import TypeVar

import sqlalchemy as sa

from .extensions import db

Model = TypeVar("Model")


def locked(instance: Model) -> Model:
    """``instance`` re-read with its row locked, its attributes refreshed from the row."""
    model = type(instance)
    key = sa.inspect(model).primary_key[0]
    return db.session.scalars(
        sa.select(model)
        .where(key == sa.inspect(instance).identity[0])
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()
