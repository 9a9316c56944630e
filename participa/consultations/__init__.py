from flask import Blueprint

bp = Blueprint("consultations", __name__, url_prefix="/consultas")
admin_bp = Blueprint("consultations_admin", __name__, url_prefix="/admin/consultas")

from . import admin_views, publication_views, views  # noqa: E402,F401
