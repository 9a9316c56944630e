"""Public pages of the action plans and their commitments (read-only)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import sqlalchemy as sa
from flask import abort, render_template, request
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from ..base.extensions import db
from ..content.numbers import whole_number
from ..content.text import fold
from ..web import current, slots
from . import bp, irm, permissions
from .models import ActionPlan, Axis, Commitment, CommitmentStatus, CommitmentVersion
from .queries import PUBLISHED, commitment_count_column, commitment_with_versions
from .versions import get_version


class Group(NamedTuple):
    key: str  # for the heading's id
    heading: str
    commitments: list[Commitment]


def group_commitments(
    axes: Sequence[Axis], commitments: Sequence[Commitment]
) -> list[Group]:
    """By axis (every axis of the plan, in order, then "Sin eje temático" for the rest) when
    the plan has axes; otherwise by policy area (alphabetically, "Sin área de política" last).
    Commitments keep their order within a group."""
    if axes:
        by_axis: dict[int, list[Commitment]] = {axis.id: [] for axis in axes}
        without: list[Commitment] = []
        for commitment in commitments:
            by_axis.get(commitment.axis_id, without).append(commitment)
        groups = [Group(f"eje-{a.id}", a.name, by_axis[a.id]) for a in axes]
        if without:
            groups.append(Group("sin-eje", _("Sin eje temático"), without))
        return groups

    by_area: dict[str, list[Commitment]] = {}
    no_area: list[Commitment] = []
    for commitment in commitments:
        if commitment.policy_area:
            by_area.setdefault(commitment.policy_area, []).append(commitment)
        else:
            no_area.append(commitment)
    groups = [
        Group(f"area-{n}", area, by_area[area])
        for n, area in enumerate(sorted(by_area, key=lambda a: (fold(a), a)), start=1)
    ]
    if no_area:
        groups.append(Group("sin-area", _("Sin área de política"), no_area))
    return groups


@bp.route("/")
def index():
    rows = db.session.execute(
        sa.select(ActionPlan, commitment_count_column()).order_by(
            ActionPlan.number, ActionPlan.id
        )
    ).all()
    return render_template("plans/index.html", rows=rows)


@bp.route("/<int:plan_id>")
def show(plan_id: int):
    plan = db.session.scalar(
        sa.select(ActionPlan)
        .where(ActionPlan.id == plan_id)
        .options(selectinload(ActionPlan.axes))
    )
    if plan is None:
        abort(404)
    commitments = db.session.scalars(
        sa.select(Commitment)
        .where(Commitment.plan_id == plan.id, PUBLISHED)
        .order_by(Commitment.number, Commitment.id)
    ).all()
    groups = group_commitments(plan.axes, commitments)
    return render_template(
        "plans/show.html",
        plan=plan,
        total=len(commitments),
        by_axis=bool(plan.axes),
        groups=groups,
        slots=slots.gather("plan.links", plan=plan),  # the document's link (publication)
        # Completion per commitment and per group (tracking).
        progress_slots=slots.gather("plan.progress", plan=plan, groups=groups),
    )


def version_number_arg(name: str) -> int | None:
    """A version number from the query string: None when absent, 400 when not a number."""
    value = request.args.get(name)
    if value is None:
        return None
    number = whole_number(value, maximum=999_999)
    if number is None:
        abort(400)
    return number


def _shown_version(commitment: Commitment, latest: int) -> CommitmentVersion | None:
    """``?version=N`` or the newest (None for a commitment without versions); 404 for a
    version that does not exist."""
    wanted = version_number_arg("version")
    if not latest:
        if wanted is not None:
            abort(404)
        return None
    version = get_version(commitment, wanted or latest)
    if version is None:
        abort(404)
    return version


@bp.route("/compromisos/<int:commitment_id>")
def commitment(commitment_id: int):
    """A commitment, published or draft (drafts are public: citizens comment on them), with
    its newest version (or ``?version=N``) in the layout of the template, "BORRADOR" until a
    version is final, and its version history. A constant number of queries."""
    commitment = db.session.scalar(commitment_with_versions().where(Commitment.id == commitment_id))
    if commitment is None:
        abort(404)
    latest = commitment.versions[-1].number if commitment.versions else 0
    version = _shown_version(commitment, latest)
    user = current.user()
    published = commitment.status != CommitmentStatus.DRAFT
    return render_template(
        "plans/commitment.html",
        # The IRM's fields (published commitments only): the newest entry, and the older ones.
        irm=irm.shown(commitment.irm) if published else None,
        irm_entry=commitment.irm,
        irm_entries=[(entry, irm.shown(entry)) for entry in reversed(commitment.irm_reviews[:-1])],
        can_review_irm=published and permissions.can_review_irm(user),
        commitment=commitment,
        version=version,
        latest=latest,
        versions=commitment.versions,
        can_edit=permissions.can_edit_draft(user, commitment),
        can_mark_final=version is not None and permissions.can_mark_final(user, version, latest),
        # What upper features add to the page (the vote box).
        slots=slots.gather("commitment.aside", commitment=commitment, user=user),
        # The milestones' progress of a published commitment (tracking).
        progress_slots=slots.gather("commitment.progress", commitment=commitment, user=user),
        # The upper features' parts of the page (web.slots).
        proposal_slots=slots.gather("commitment.proposals", commitment=commitment, user=user),
        # Its title and summary in the reader's language (issue 18).
        translation_slots=slots.gather("commitment.translation", commitment=commitment,
                                       user=user),
        comment_slots=slots.gather("commitment.comments", commitment=commitment,
                                   version=version, user=user),
    )

