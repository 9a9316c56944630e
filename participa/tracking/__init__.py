"""Implementation tracking of published commitments (issue 16): milestone statuses on the
IRM's scale, progress updates written by the lead institution and reviewed by the MTGA,
their evidence, the roll-ups, overdue milestones. Its parts of the commitment page and the
plan page are declared slots (``commitment.progress``, ``plan.progress``) that it fills."""

from flask import Blueprint

bp = Blueprint("tracking", __name__, url_prefix="/seguimiento")

from . import notification_kinds  # noqa: E402,F401
