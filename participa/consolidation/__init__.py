"""Consolidation and reasoned responses: the moderators' workspace (``bp``, /moderacion,
moderators only) and the public traceability and report (``public_bp``). What it shows on
other features' pages (the proposal page, the commitment page, the round page) are slots
filled here; the pages' views gather them, so those features need not import this one."""

from typing import Any

from flask import Blueprint

from ..base.roles import can_moderate
from ..web import layout, slots

bp = Blueprint("consolidation", __name__, url_prefix="/moderacion")
# The report is public, and the moderators' gate is blueprint-wide: a blueprint of its own.
public_bp = Blueprint("consolidation_public", __name__)


def nav_items(*, user: Any, **_context: Any) -> bool | None:
    """The moderators' items of the menu (the workspace, the moderation of content)."""
    return True if can_moderate(user) else None


# Filled before the modules below import notifications, whose item comes after these.
slots.fill(layout.NAV, "consolidation/_nav.html", nav_items)

from . import notification_kinds, queries, report_views, views  # noqa: E402,F401

slots.fill("proposal.outcome", "consolidation/_proposal_outcome.html", queries.outcome_box)
slots.fill("commitment.proposals", "consolidation/_commitment_proposals.html",
           queries.commitment_box)
slots.fill("round.links", "consolidation/_round_links.html", queries.round_links)
slots.fill("participation.outcomes", "consolidation/_participation_outcome.html",
           queries.participation_outcomes)
from . import repository_entries  # noqa: E402,F401  (the OGP repository's source)
