"""Denormalised counts (a proposal's supports, a commitment's votes) re-derived from their
rows, for the ``recount`` commands."""

from __future__ import annotations

import sqlalchemy as sa
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
