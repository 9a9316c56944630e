from flask import Blueprint

bp = Blueprint("core", __name__)

from . import api_views, views  # noqa: E402,F401
