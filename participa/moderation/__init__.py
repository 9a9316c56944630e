"""Moderation: reports by participants and the moderators' decisions (``bp``,
/moderacion/contenido, moderators only), reporting and the public moderation log
(``public_bp``)."""

from flask import Blueprint

bp = Blueprint("moderation", __name__, url_prefix="/moderacion/contenido")
# Reporting is for participants and the log is public, and the moderators' gate is
# blueprint-wide: a blueprint of their own.
public_bp = Blueprint("moderation_public", __name__)

from . import notification_kinds, permissions, public_views, services, views  # noqa: E402,F401

# The partials other features include ("Denunciar" links) ask through these, so those
# features need not import this one.
public_bp.add_app_template_global(permissions, "moderation_permissions")
# A stored reason for the reader (the automatic one in their language).
public_bp.add_app_template_filter(services.reason_text, "moderation_reason")
