"""Human translations of people's and the MTGA's texts, and the requests for them (issue
18, items 2 and 3): see ``models``. What other packages call: ``services.request_translation``
(ask for an item in a language) and ``kinds.register`` (a new kind of item, e.g. an audio
recording's transcript)."""

from flask import Blueprint

from .kinds import KindConverter

bp = Blueprint("content_translation", __name__)


@bp.record_once
def _converter(state) -> None:
    """``<kind:...>``: a registered kind of item (``kinds.KindConverter``)."""
    state.app.url_map.converters["kind"] = KindConverter

from ..web import slots  # noqa: E402
from . import api, builtin, models, notification_kinds, reading, views  # noqa: E402,F401

slots.fill("proposal.translation", "content_translation/_proposal_translation.html",
           reading.proposal_translation)
slots.fill("commitment.translation", "content_translation/_item_translation.html",
           reading.commitment_translation)
slots.fill("round.translation", "content_translation/_item_translation.html",
           reading.call_translation)
slots.fill("translation.head", "content_translation/_head_link.html", reading.head_link)
