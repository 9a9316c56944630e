from flask import Blueprint

bp = Blueprint("notifications", __name__, url_prefix="/notificaciones")

from . import delivery, views  # noqa: E402,F401
from .services import message_for, unread_count_for_current_user  # noqa: E402

# The nav item (templates/notifications/_nav.html) and the list render through these.
bp.add_app_template_global(unread_count_for_current_user, "unread_notifications")
bp.add_app_template_global(message_for, "notification_text")
