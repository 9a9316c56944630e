"""The OGP repository of a plan cycle (issue 19, item 5): one public page listing every
document and piece of evidence of the plan with its date, a JSON and CSV listing under
/api/v1 and an Atom feed. It sits above every feature and gathers what each registered in
``plans.repository``; nothing imports it. The plan page links it (slot ``plan.links``)."""

from flask import Blueprint

from ..web import slots

bp = Blueprint("repository", __name__, url_prefix="/planes")
api_bp = Blueprint("repository_api", __name__, url_prefix="/api/v1")

from . import views  # noqa: E402

slots.fill("plan.links", "repository/_plan_link.html", views.plan_link)
