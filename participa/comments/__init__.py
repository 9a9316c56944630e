from flask import Blueprint

bp = Blueprint("comments", __name__, url_prefix="/comentarios")

from . import views  # noqa: E402,F401
from .threads import proposal_thread, version_thread  # noqa: E402

# The partials load their comments themselves: {% set thread = proposal_comments(proposal) %}.
bp.add_app_template_global(proposal_thread, "proposal_comments")
bp.add_app_template_global(version_thread, "version_comments")
