from flask import Blueprint

bp = Blueprint("accounts", __name__, url_prefix="/cuenta")

from . import loader, two_factor_views, views  # noqa: E402,F401
