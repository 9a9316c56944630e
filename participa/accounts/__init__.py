from flask import Blueprint

bp = Blueprint("accounts", __name__, url_prefix="/cuenta")

from . import loader, views  # noqa: E402,F401
