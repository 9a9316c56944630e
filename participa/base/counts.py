"""Denormalised counts (a proposal's supports, a commitment's votes) re-derived from their
rows, and the ``recount`` commands that do it (``flask proposals recount``, ``flask voting
recount``)."""

from __future__ import annotations

from collections.abc import Callable

import click
import sqlalchemy as sa
from flask.cli import AppGroup
from sqlalchemy.orm import InstrumentedAttribute

from .extensions import db


def recount(count: InstrumentedAttribute, row_parent: InstrumentedAttribute) -> int:
    """Set every ``count`` (``Proposal.support_count``) to COUNT(*) of the rows whose
    ``row_parent`` (``Support.proposal_id``) points to it; the number of counts that were
    wrong. One UPDATE."""
    parent = count.class_
    counted = (
        sa.select(sa.func.count())
        .select_from(row_parent.class_)
        .where(row_parent == sa.inspect(parent).primary_key[0])
        .scalar_subquery()
    )
    result = db.session.execute(
        sa.update(parent)
        .where(count != counted)
        .values({count.key: counted})
        .execution_options(synchronize_session=False)
    )
    db.session.expire_all()
    return result.rowcount


def remove_own_row(owner: InstrumentedAttribute, parent: InstrumentedAttribute, *,
                   owner_id: int, parent_id: int) -> bool:
    """Delete a person's row (a support, a vote) in one statement; True if there was one,
    False if there was none or a simultaneous request removed it first."""
    result = db.session.execute(
        sa.delete(owner.class_)
        .where(owner == owner_id, parent == parent_id)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def add_recount_command(group: AppGroup, recount_rows: Callable[[], int], *, help: str,
                        done: str) -> None:
    """``flask <group> recount``: run ``recount_rows``, commit, and say how many counts were
    wrong (``done``: "Conteos de apoyos corregidos")."""

    @group.command("recount", help=help)
    def recount() -> None:
        fixed = recount_rows()
        db.session.commit()
        click.echo(f"{done}: {fixed}.")
