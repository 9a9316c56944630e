"""The queries the public plan pages and the open-data API share, so that every
representation (HTML, JSON, CSV) shows the same commitments.

Commitments in ``borrador`` (co-creation drafts) are not part of the published record: they
are left out of the plan's lists and counts and of the open-data API. Their page is public
(citizens comment on them): ``commitment_with_versions`` loads any commitment.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from ..base.extensions import db
from .models import ActionPlan, Axis, Commitment, CommitmentStatus, CommitmentVersion

PUBLISHED = Commitment.status != CommitmentStatus.DRAFT


_AXES = sa.select(Axis).where(Axis.plan_id == sa.bindparam("plan_id")).order_by(
    Axis.position, Axis.id)  # built once: every proposal list asks


def axes_of(plan_id: int) -> list[Axis]:
    """The plan's thematic axes in their order (the filters of a round's lists)."""
    return list(db.session.scalars(_AXES, {"plan_id": plan_id}))


def published_commitments() -> sa.Select:
    """Published commitments with their plan and axis loaded in the same query (and their
    IRM entries in one more), in a stable order (OGP code, codeless ones last; then id)."""
    return (
        sa.select(Commitment)
        .join(Commitment.plan)
        .options(contains_eager(Commitment.plan), joinedload(Commitment.axis),
                 selectinload(Commitment.irm_reviews))
        .where(PUBLISHED)
        .order_by(Commitment.ogp_code.is_(None), Commitment.ogp_code, Commitment.id)
    )


def commitment_with_versions() -> sa.Select:
    """Any commitment (drafts too) with its plan, axis, versions with their authors, and IRM
    entries: three queries, whatever the number of versions and entries."""
    return (
        sa.select(Commitment)
        .join(Commitment.plan)
        .options(
            contains_eager(Commitment.plan),
            joinedload(Commitment.axis),
            selectinload(Commitment.versions).joinedload(CommitmentVersion.author),
            selectinload(Commitment.irm_reviews),
        )
    )


def commitment_count_column() -> sa.ScalarSelect:
    """The number of published commitments of the ``ActionPlan`` in the enclosing query."""
    return (
        sa.select(sa.func.count(Commitment.id))
        .where(Commitment.plan_id == ActionPlan.id, PUBLISHED)
        .correlate(ActionPlan)
        .scalar_subquery()
    )


def commitment_counts() -> dict[int, int]:
    """Plan id -> number of published commitments (plans without any are missing)."""
    rows = db.session.execute(
        sa.select(Commitment.plan_id, sa.func.count(Commitment.id))
        .where(PUBLISHED)
        .group_by(Commitment.plan_id)
    )
    return {plan_id: count for plan_id, count in rows}


def policy_areas_matching(value: str) -> list[str]:
    """The stored policy areas equal to ``value`` ignoring case (in Python: SQLite's
    ``lower()`` folds ASCII letters only)."""
    wanted = value.casefold()
    areas = db.session.scalars(
        sa.select(Commitment.policy_area).where(Commitment.policy_area.is_not(None)).distinct()
    )
    return [area for area in areas if area.casefold() == wanted]
