from flask import Blueprint
from flask_babel import lazy_gettext as _l

from ..consultations.services import register_round_content
from ..web import slots
from ..web.errors import back_link

bp = Blueprint("proposals", __name__)
api_bp = Blueprint("proposals_api", __name__, url_prefix="/api/v1")

from . import api, list_views, queries, round_page, views  # noqa: E402,F401

register_round_content("proposals", queries.round_has_proposals)
# A refusal about a proposal (it can no longer change, supports are closed) leads back to it.
back_link("proposal_id", "proposals.show", _l("Volver a la propuesta"))
slots.fill("round.actions", "proposals/_round_actions.html", round_page.round_actions)
slots.fill("round.participation", "proposals/_round_participation.html",
           round_page.round_participation)
