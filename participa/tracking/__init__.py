"""Implementation tracking of published commitments (issue 16): milestone statuses on the
IRM's scale, progress updates written by the lead institution and reviewed by the MTGA,
their evidence (links, and files kept by ``participa.files``), the roll-ups, overdue
milestones. Its parts of the commitment page and the plan page are declared slots
(``commitment.progress``, ``plan.progress``) that it fills."""

from flask import Blueprint

bp = Blueprint("tracking", __name__, url_prefix="/seguimiento")

from ..files.registry import register_owner  # noqa: E402
from ..web import slots  # noqa: E402
from . import (  # noqa: E402,F401
    api,
    evidence_files,
    notification_kinds,
    pages,
    repository_entries,
    views,
)
from .api import api_bp  # noqa: E402,F401
from .services import FILE_OWNER  # noqa: E402

register_owner(FILE_OWNER, evidence_files.file_access)
slots.fill("commitment.progress", "tracking/_commitment_progress.html", pages.commitment_progress)
slots.fill("plan.progress", "tracking/_plan_progress.html", pages.plan_progress)
