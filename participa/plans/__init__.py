from flask import Blueprint

bp = Blueprint("plans", __name__, url_prefix="/planes")
api_bp = Blueprint("plans_api", __name__, url_prefix="/api/v1")

from . import api, draft_views, views  # noqa: E402,F401
