"""Statistics people can see (issue 19, item 4): per round and per plan, proposals by axis,
sector, organisation kind, department, language, origin and week; the MTGA's responses by
decision; the participation funnel. Server-drawn accessible SVG with the data table beside
each chart and its CSV."""

from flask import Blueprint

from ..web import slots

bp = Blueprint("stats", __name__)

from . import views  # noqa: E402

slots.fill("round.links", "stats/_round_link.html", views.round_link)
slots.fill("plan.links", "stats/_plan_link.html", views.plan_link)
