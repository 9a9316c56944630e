from flask import Blueprint

from ..consultations.services import register_round_content
from ..web import slots

bp = Blueprint("voting", __name__)

from . import queries, views  # noqa: E402

register_round_content("votes", queries.round_has_votes)
# The vote box on a commitment's page (plans declares the slot).
slots.fill("commitment.aside", "voting/_vote_box.html", views.vote_box)
# The link to the vote on the round page, after the proposals' actions.
slots.fill("round.actions", "voting/_round_link.html", views.round_link)
