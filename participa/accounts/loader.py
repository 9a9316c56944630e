"""Flask-Login's user loader: the session names the user, their session epoch and the key of
its server-side record (``sessions.py``), so log-out ends this session wherever its cookies
went, and raising the epoch (log out everywhere, password change, blocking) ends every
session at once."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..extensions import login_manager
from . import sessions
from .models import User

login_manager.login_view = "accounts.login"
login_manager.login_message = _l("Inicie sesión para continuar.")
login_manager.login_message_category = "info"
login_manager.session_protection = "basic"


def _number(text: str) -> bool:
    return text.isascii() and text.isdigit() and len(text) <= 12


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    parts = user_id.split(":")
    if len(parts) != 3 or not all(_number(part) for part in parts[:2]) or not parts[2]:
        return None
    identifier, epoch, key = parts
    user = sessions.load(int(identifier), int(epoch), key)
    if user is None or user.is_deleted:
        return None
    return user
