from flask import Blueprint, url_for
from flask_babel import lazy_gettext as _l

from ..base.extensions import db
from ..consultations.services import register_round_content
from ..notifications.following import PROPOSAL, register_target
from ..web import slots
from ..web.current import visible_or_404
from ..web.errors import back_link

bp = Blueprint("proposals", __name__)
api_bp = Blueprint("proposals_api", __name__, url_prefix="/api/v1")

from . import (  # noqa: E402,F401
    api,
    list_version,
    list_views,
    notification_kinds,
    queries,
    round_page,
    views,
    workshop_views,
)
from .models import Proposal  # noqa: E402

register_round_content("proposals", queries.round_has_proposals)
# A refusal about a proposal (it can no longer change, supports are closed) leads back to it.
back_link("proposal_id", "proposals.show", _l("Volver a la propuesta"))
slots.fill("round.actions", "proposals/_round_actions.html", round_page.round_actions)
slots.fill("round.participation", "proposals/_round_participation.html",
           round_page.round_participation)


def _followable(proposal_id: int, user: object) -> object | None:  # noqa: ARG001 - the request's person
    """A proposal the person may follow: one that exists for her (``visible_or_404``)."""
    return visible_or_404(db.session.get(Proposal, proposal_id))


register_target(PROPOSAL, load=_followable,
                link=lambda proposal: url_for("proposals.show", proposal_id=proposal.id))
slots.fill("workshop.contributions", "proposals/_workshop_proposals.html",
           workshop_views.workshop_contributions)
