"""Consolidation and reasoned responses: the moderators' workspace (``bp``, /moderacion,
moderators only) and the public traceability and report (``public_bp``)."""

from flask import Blueprint

bp = Blueprint("consolidation", __name__, url_prefix="/moderacion")
# The report is public, and the moderators' gate is blueprint-wide: a blueprint of its own.
public_bp = Blueprint("consolidation_public", __name__)

from . import notification_kinds, permissions, queries, report_views, views  # noqa: E402,F401

# The partials other features include (the proposal page, the commitment page, "Mi
# participación") ask through these, so those features need not import this one.
public_bp.add_app_template_global(permissions, "consolidation_permissions")
public_bp.add_app_template_global(queries.proposal_outcome, "proposal_outcome")
public_bp.add_app_template_global(queries.published_outcomes, "published_outcomes")
public_bp.add_app_template_global(queries.commitment_proposals, "commitment_proposals")
