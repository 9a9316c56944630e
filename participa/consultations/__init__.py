from flask import Blueprint, url_for
from flask_babel import lazy_gettext as _l

from ..base.extensions import db
from ..notifications.following import ROUND, register_target
from ..web.errors import back_link

bp = Blueprint("consultations", __name__, url_prefix="/consultas")
admin_bp = Blueprint("consultations_admin", __name__, url_prefix="/admin/consultas")
api_bp = Blueprint("consultations_api", __name__, url_prefix="/api/v1")

from . import admin_views, api, notification_kinds, publication_views, views  # noqa: E402,F401
from .models import ConsultationRound  # noqa: E402

# A refusal about a round (a phase that is not open) leads back to the round's page.
back_link("round_id", "consultations.show", _l("Volver a la consulta"))


def _followable(round_id: int, user: object) -> ConsultationRound | None:  # noqa: ARG001
    return db.session.get(ConsultationRound, round_id)


register_target(ROUND, load=_followable,
                link=lambda round: url_for("consultations.show", round_id=round.id))
from . import repository_entries  # noqa: E402,F401  (the OGP repository's source)
