"""What a blocked person is told. Moderation sets ``User.blocked_at``, ``blocked_until`` and
``block_reason``; ``consultations.permissions.can_participate`` refuses blocked people, and
the participation views and services answer with this message (403)."""

from __future__ import annotations

from flask_babel import gettext as _

from ..i18n.dates import format_local
from .models import User


def blocked_until_text(user: User) -> str | None:
    """"15 de marzo de 2026, 09:00" (Guatemala time, in the page's language), or None for a
    block without end."""
    if user.blocked_until is None:
        return None
    return format_local(user.blocked_until)


def blocked_message(user: User) -> str:
    """Why the person cannot take part, with the end of the block and the reason."""
    until = blocked_until_text(user)
    if until:
        message = _(
            "La moderación bloqueó su cuenta hasta el %(date)s: mientras tanto no puede "
            "publicar propuestas, comentar, apoyar, votar ni denunciar.", date=until,
        )
    else:
        message = _(
            "La moderación bloqueó su cuenta: no puede publicar propuestas, comentar, apoyar, "
            "votar ni denunciar."
        )
    reason = (user.block_reason or "").strip()
    if reason:
        message = " ".join((message, _("Motivo: %(reason)s", reason=reason)))
    return message
