from flask import Blueprint

from ..consultations.services import register_round_content

bp = Blueprint("voting", __name__)

from . import queries, views  # noqa: E402,F401

register_round_content("votes", queries.round_has_votes)
