from flask import Blueprint

bp = Blueprint("consultations", __name__, url_prefix="/consultas")
admin_bp = Blueprint("consultations_admin", __name__, url_prefix="/admin/consultas")

from . import admin_views, publication_views, views  # noqa: E402,F401
from .dates import format_local  # noqa: E402

# "15 de marzo de 2026, 09:00" in Guatemala time.
bp.add_app_template_filter(format_local, "gt_datetime")
