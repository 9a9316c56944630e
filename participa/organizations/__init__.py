from flask import Blueprint

bp = Blueprint("organizations", __name__, url_prefix="/organizaciones")

from . import notification_kinds, views  # noqa: E402,F401
