"""Moderation: reports by participants and the moderators' decisions (``bp``,
/moderacion/contenido, moderators only), reporting and the public moderation log
(``public_bp``). Its links under a proposal or a comment are slots of those pages, filled
here (``links``), so the features below need not import this one."""

from flask import Blueprint

from ..web import slots

bp = Blueprint("moderation", __name__, url_prefix="/moderacion/contenido")
# Reporting is for participants and the log is public, and the moderators' gate is
# blueprint-wide: a blueprint of their own.
public_bp = Blueprint("moderation_public", __name__)

from . import links, notification_kinds, public_views, views  # noqa: E402,F401

slots.fill("proposal.actions", "moderation/_links.html", links.proposal_links)
slots.fill("comment.actions", "moderation/_links.html", links.comment_links)
