from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")

from . import irm_views, organization_views, translation_views, views  # noqa: E402,F401
