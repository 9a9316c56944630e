"""Count the SQL statements an application runs, to catch N+1 queries.

    with count_queries(app) as queries:
        client.get("/planes/1")
    assert len(queries) == 4, queries.statements

The listener sits on the app's engine ("before_cursor_execute"), so it sees every statement
sent through SQLAlchemy by any connection of that app, including SQLite's explicit ``BEGIN``
(PostgreSQL's driver begins transactions without a statement of its own); the PRAGMAs run on
connect through the raw driver are not counted. Compare counts on the same database (both
runs ``[sqlite]`` or both ``[postgresql]``), not across databases. No app context is held
open inside the block, so test-client requests behave as usual.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import event

from participa.base.extensions import db


@dataclass
class QueryLog:
    statements: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.statements)

    @property
    def count(self) -> int:
        return len(self.statements)

    def __str__(self) -> str:  # what a failed assertion shows
        return "\n".join(f"{n}. {s}" for n, s in enumerate(self.statements, start=1))


@contextmanager
def count_queries(app) -> Iterator[QueryLog]:
    with app.app_context():
        engine = db.engine
    log = QueryLog()

    def before_cursor_execute(conn, cursor, statement, parameters, context, executemany):  # noqa: ARG001
        log.statements.append(" ".join(statement.split()))

    event.listen(engine, "before_cursor_execute", before_cursor_execute)
    try:
        yield log
    finally:
        event.remove(engine, "before_cursor_execute", before_cursor_execute)
