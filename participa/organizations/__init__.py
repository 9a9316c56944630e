from flask import Blueprint

from .links import web_url

bp = Blueprint("organizations", __name__, url_prefix="/organizaciones")
bp.add_app_template_filter(web_url, "web_url")

from . import views  # noqa: E402,F401
