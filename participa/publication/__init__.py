"""The published plan: its document page (``/planes/<id>/documento``) and the link to it on
the plan's page.

The document shows what three features made (the plan's commitments and versions, the rounds
that published them, the proposals behind each commitment), so it sits above ``plans``,
``consultations`` and ``proposals`` and imports them; none of them imports it. The plan page
(``plans``) declares the slot ``plan.links`` and this package fills it with the link; the
round page (``consultations``) declares ``round.links``, where it links the plan the round
published.
"""

from flask import Blueprint

from ..web import slots

bp = Blueprint("publication", __name__, url_prefix="/planes")

from . import views  # noqa: E402

slots.fill("plan.links", "publication/_plan_link.html", views.document_link)
# The commitment page links its document (.docx, .odt).
slots.fill("commitment.aside", "publication/_commitment_links.html", views.commitment_links)
# The round page links the plan it published (consultations declares the slot).
slots.fill("round.links", "publication/_round_link.html", views.round_document_link)
from . import repository_entries  # noqa: E402,F401  (the OGP repository's source)
