from flask import Blueprint

bp = Blueprint("audit", __name__, url_prefix="/admin/auditoria")

from . import views  # noqa: E402,F401
