from flask import Blueprint

from ..web import layout

bp = Blueprint("notifications", __name__, url_prefix="/notificaciones")

from . import delivery, views  # noqa: E402,F401
from .queries import unread_count  # noqa: E402

# The nav item of signed-in people (templates/notifications/_nav.html) shows this count.
layout.provide("unread_notifications", unread_count)
