from flask import Blueprint

from ..consultations.services import register_round_content
from ..web import slots

bp = Blueprint("proposals", __name__)
api_bp = Blueprint("proposals_api", __name__, url_prefix="/api/v1")

from . import api, list_views, queries, round_page, views  # noqa: E402,F401

register_round_content("proposals", queries.round_has_proposals)
slots.fill("round.actions", "proposals/_round_actions.html", round_page.round_actions)
slots.fill("round.participation", "proposals/_round_participation.html",
           round_page.round_participation)
