"""The version of the list of rounds (issue 20, item 4).

The list of rounds showed what two statements read on every request: the 50 rounds and
their 250 phases as rows (500 dates converted), and a digest of all of it to find its kept
rendering. It is now kept under one version, read in one statement of one row, and raised
by every transaction that changes what the list shows: a round created, deleted, renamed or
moved to another plan, a plan renamed, a phase added, removed or moved. Those go through the
ORM, so one ``after_flush`` hook catches them, whichever service made them; a statement that
writes rounds, plans or phases without a flush (bulk writes) raises it too. The version is
raised just before the commit, in the same transaction, so no worker or server reads a
change without its version.

What the list shows also changes with time alone (a phase opens or closes): the kept
rendering says until when it holds (``web.fragments.kept_until``), the next start or end of
any phase after it was rendered.
"""

from __future__ import annotations

from datetime import datetime
from itertools import chain

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session

from ..base.extensions import db
from ..base.time import utcnow
from ..plans.models import ActionPlan
from .models import ConsultationRound, ListVersion, Phase

NAME = "rounds"
PENDING = "rounds_list_changed"  # in session.info
TABLE = ListVersion.__table__
# What the list reads of each.
FIELDS = {ConsultationRound: ("title", "plan_id"), ActionPlan: ("title",),
          Phase: ("round_id", "kind", "starts_at", "ends_at")}

_READ = sa.select(TABLE.c.version, TABLE.c.changed_at).where(TABLE.c.name == NAME)


def current() -> tuple[int, datetime | None]:
    """(version, when it was raised) of the list of rounds, in this request's transaction;
    (0, None) before any change."""
    row = db.session.execute(_READ).first()
    return (row[0], row[1]) if row is not None else (0, None)


def bump(connection: sa.Connection) -> None:
    """Raise the version now (the row is made by the first change)."""
    now = utcnow()
    raised = connection.execute(
        sa.update(TABLE).where(TABLE.c.name == NAME)
        .values(version=TABLE.c.version + 1, changed_at=now))
    if raised.rowcount:
        return
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = insert(TABLE).values(name=NAME, version=1, changed_at=now)
    connection.execute(statement.on_conflict_do_update(
        index_elements=[TABLE.c.name],
        set_={"version": TABLE.c.version + 1, "changed_at": now}))


def _shows(session: Session, obj: object) -> bool:
    fields = FIELDS.get(type(obj))
    if fields is None:
        return False
    if obj in session.new or obj in session.deleted:
        return True
    state = sa.inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in fields)


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, flush_context) -> None:  # noqa: ARG001
    if session.info.get(PENDING):
        return
    if any(_shows(session, obj)
           for obj in chain(session.new, session.dirty, session.deleted)):
        session.info[PENDING] = True


@event.listens_for(Session, "do_orm_execute")
def _bulk_statement(state) -> None:
    """An INSERT, UPDATE or DELETE of rounds, plans or phases sent as a statement."""
    if (state.is_insert or state.is_update or state.is_delete) and \
            state.bind_mapper is not None and state.bind_mapper.class_ in FIELDS:
        state.session.info[PENDING] = True


@event.listens_for(Session, "before_commit")
def _before_commit(session: Session) -> None:
    if session.new or session.dirty or session.deleted:
        session.flush()
    if session.info.pop(PENDING, False):
        bump(session.connection())


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    session.info.pop(PENDING, None)
