from flask import Blueprint
from flask_babel import lazy_gettext as _l

from ..web.errors import back_link

bp = Blueprint("consultations", __name__, url_prefix="/consultas")
admin_bp = Blueprint("consultations_admin", __name__, url_prefix="/admin/consultas")

from . import admin_views, publication_views, views  # noqa: E402,F401

# A refusal about a round (a phase that is not open) leads back to the round's page.
back_link("round_id", "consultations.show", _l("Volver a la consulta"))
