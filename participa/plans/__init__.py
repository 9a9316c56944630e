from flask import Blueprint, url_for

from ..base.extensions import db
from ..notifications.following import COMMITMENT, register_target

bp = Blueprint("plans", __name__, url_prefix="/planes")
api_bp = Blueprint("plans_api", __name__, url_prefix="/api/v1")

from . import api, draft_views, notification_kinds, views  # noqa: E402,F401
from .models import Commitment  # noqa: E402


def _followable(commitment_id: int, user: object) -> Commitment | None:  # noqa: ARG001
    """Commitments are public, drafts included (citizens comment on them): anyone may follow
    one."""
    return db.session.get(Commitment, commitment_id)


register_target(COMMITMENT, load=_followable,
                link=lambda commitment: url_for("plans.commitment", commitment_id=commitment.id))
from . import repository_entries  # noqa: E402,F401  (the OGP repository's source)
