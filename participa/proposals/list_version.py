"""The version of each round's proposal list (issue 20, item 4).

Every transaction that changes what a round's list shows raises the round's
``list_version`` and stamps ``list_changed_at``, in the same transaction (just before it
commits), so that a page of the list rendered once (``list_views``, kept under the round,
its version and stamp, the language and the page's arguments) is never reused after a
change, on any worker or server: the version is read from the database with the round, in
the request's own transaction.

What the list shows: a proposal published, edited (its texts are what a search matches),
withdrawn, moderated (hidden, restored, approved), answered (its status) or supported (its
count). Those go through the ORM, so one ``after_flush`` hook catches them all, whichever
service made them, and notes the rounds whose proposals were written; a support's count
moves by SQL and its service notes its round itself; any other statement that writes
proposals without the ORM's flush (bulk inserts and updates) notes the rounds it inserted
into, or every round. A change to what every list shows of a person or an organisation (a
name, an account deleted, a sector, an organisation's name, acronym or kind) notes every
round: rare, and a few rounds. The noted versions are raised once, just before the commit,
after every proposal's row was written: rounds are always locked last (a support locks its
proposal, then its round), so two transactions never wait for each other in a circle.
"""

from __future__ import annotations

from itertools import chain

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session

from ..accounts.models import User
from ..base.time import utcnow
from ..consultations.models import ConsultationRound
from ..organizations.models import Organization
from .models import Proposal

ROUNDS = ConsultationRound.__table__
PENDING = "proposal_lists_changed"  # in session.info: the rounds whose lists changed
ALL = frozenset({0})  # every round's
# What a card or a filter of the list reads from the author and the organisation.
USER_FIELDS = ("name", "deleted_at", "sector")
ORGANIZATION_FIELDS = ("name", "acronym", "kind")


def bump(connection: sa.Connection, round_ids: set[int] | None) -> None:
    """Raise the list version of ``round_ids`` (None: of every round) now."""
    statement = sa.update(ROUNDS).values(list_version=ROUNDS.c.list_version + 1,
                                         list_changed_at=utcnow())
    if round_ids is not None:
        if not round_ids:
            return
        statement = statement.where(ROUNDS.c.id.in_(sorted(round_ids)))
    connection.execute(statement)


def changed(session: Session, round_ids: set[int] | None) -> None:
    """Remember that this transaction changed the lists of ``round_ids`` (None: every
    round's); their versions are raised once, just before it commits, after every proposal
    it wrote: the rounds' rows are always locked last (a support locks its proposal, then
    its round), so two transactions never wait for each other."""
    pending = session.info.get(PENDING, set())
    if pending is ALL or round_ids is None:
        session.info[PENDING] = ALL
    else:
        session.info[PENDING] = pending | round_ids


def bump_round(session: Session, round_id: int) -> None:
    changed(session, {round_id})


@event.listens_for(Session, "before_commit")
def _before_commit(session: Session) -> None:
    if not session.info.get(PENDING) and not (session.new or session.dirty or session.deleted):
        return
    session.flush()  # what is still pending, so that its rounds are known
    pending = session.info.pop(PENDING, None)
    if pending:
        bump(session.connection(), None if pending is ALL else pending)


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    session.info.pop(PENDING, None)


def _changed(session: Session, obj: object, fields: tuple[str, ...]) -> bool:
    if obj not in session.dirty:
        return False
    state = sa.inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in fields)


def _round_of(proposal: Proposal) -> int | None:
    if proposal.round_id is not None:
        return proposal.round_id
    return proposal.round.id if proposal.round is not None else None


# A statement that raises the versions itself (a support's count: its round only).
BUMPED = "list_version_bumped"


@event.listens_for(Session, "do_orm_execute")
def _bulk_statement(state) -> object | None:
    """An INSERT, UPDATE or DELETE of proposals sent as a statement (bulk writes: no
    flush): the rounds of inserted rows, or every round, once it ran."""
    if not (state.is_insert or state.is_update or state.is_delete):
        return None
    if state.bind_mapper is None or state.bind_mapper.class_ is not Proposal \
            or state.execution_options.get(BUMPED):
        return None
    result = state.invoke_statement()
    rows = state.parameters if isinstance(state.parameters, list) else [state.parameters or {}]
    rounds = {row.get("round_id") for row in rows} if state.is_insert else None
    changed(state.session, None if rounds is None or None in rounds else rounds)
    return result


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, flush_context) -> None:  # noqa: ARG001
    rounds: set[int] = set()
    for obj in chain(session.new, session.dirty, session.deleted):
        if isinstance(obj, Proposal):
            if obj in session.dirty and not session.is_modified(obj, include_collections=False):
                continue
            history = sa.inspect(obj).attrs.round_id.history
            rounds.update(r for r in (*history.deleted, _round_of(obj)) if r is not None)
        elif isinstance(obj, User) and _changed(session, obj, USER_FIELDS) \
                or isinstance(obj, Organization) and _changed(session, obj, ORGANIZATION_FIELDS):
            changed(session, None)
            return
    if rounds:
        changed(session, rounds)
