"""Self-assessment reports of a plan (issue 16, item 5): the MTGA opens a mid-term or
end-of-term self-assessment, a draft built from the tracking data plus the narrative
sections it writes, open for public comment for a set period, then published; versions
kept like a commitment's. Public pages, their .docx and .odt, and the open-data API.

Above ``tracking`` (whose data a draft is built from) and ``office``; ``comments`` sits
above it (comments on a self-assessment). The plan page's slot ``plan.links`` links them.
"""

from flask import Blueprint

from ..web import slots

bp = Blueprint("assessments", __name__, url_prefix="/planes")
api_bp = Blueprint("assessments_api", __name__, url_prefix="/api/v1")

from . import api, views  # noqa: E402,F401

slots.fill("plan.links", "assessments/_plan_links.html", views.plan_links)
from . import repository_entries  # noqa: E402,F401  (the OGP repository's source)
