from flask import Blueprint

bp = Blueprint("voting", __name__)

from . import views  # noqa: E402,F401
