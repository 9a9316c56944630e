"""Comments on proposals, on draft commitments, on progress updates and on self-assessments
(``bp``). Their threads are parts of the
proposal page and of the commitment page, declared slots that this feature fills: the page's
view gathers them (the queries run there, not in the template)."""

from flask import Blueprint

from ..web import slots

bp = Blueprint("comments", __name__, url_prefix="/comentarios")
api_bp = Blueprint("comments_api", __name__, url_prefix="/api/v1")

from ..assessments import comment_counts  # noqa: E402
from . import api, notification_kinds, views, workshop_views  # noqa: E402,F401
from .threads import (  # noqa: E402
    assessment_comment_counts,
    assessment_thread,
    proposal_thread,
    update_threads,
    version_thread,
)

slots.fill("proposal.comments", "comments/_proposal_comments.html", proposal_thread)
slots.fill("commitment.comments", "comments/_version_comments.html", version_thread)
slots.fill("progress.comments", "comments/_update_comments.html", update_threads)
slots.fill("workshop.contributions", "comments/_workshop_comments.html",
           workshop_views.workshop_comments)
slots.fill("assessment.comments", "comments/_assessment_comments.html", assessment_thread)
comment_counts.register(assessment_comment_counts)
