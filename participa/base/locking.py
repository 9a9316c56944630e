"""Row locks for the checks that must see the latest state (a publication, an edit racing a
support): ``locked(instance)`` re-reads the row with ``SELECT ... FOR UPDATE`` on
PostgreSQL (SQLite's BEGIN IMMEDIATE already serialises writers), so a simultaneous
transaction waits for this one, and this one sees what the other committed. And
``inserted(row)``: an insert that a simultaneous one may have beaten to a UNIQUE constraint."""

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


def inserted(row: object) -> bool:
    """Add ``row`` in a savepoint; False when the database refuses it (a UNIQUE constraint: a
    simultaneous request inserted the same first). The savepoint is then rolled back (the row
    expunged) and the rest of the transaction stays usable."""
    try:
        with db.session.begin_nested():
            db.session.add(row)
    except sa.exc.IntegrityError:
        return False
    return True
