"""Consultations held in person (issue 19, item 2): the MTGA records a workshop in a
department and municipality; staff then enter what was gathered there (proposals:
``proposals.workshop_views``), which follows the online flow and shows its origin."""

from flask import Blueprint

from ..web import slots

bp = Blueprint("workshops", __name__)

from . import queries, views  # noqa: E402,F401

slots.fill("round.links", "workshops/_round_link.html", queries.round_link)
from . import repository_entries  # noqa: E402,F401  (the OGP repository's source)
