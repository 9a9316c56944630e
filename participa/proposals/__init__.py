from flask import Blueprint

bp = Blueprint("proposals", __name__)
api_bp = Blueprint("proposals_api", __name__, url_prefix="/api/v1")

from . import api, list_views, views  # noqa: E402,F401
