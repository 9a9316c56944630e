"""Flask-Login's user loader: the session names the user, their session epoch and the key of
its server-side record (``sessions.py``), so log-out ends this session wherever its cookies
went, and raising the epoch (log out everywhere, password change, blocking) ends every
session at once."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..base.extensions import login_manager
from ..content.numbers import MAX_ID, whole_number
from . import sessions
from .models import User

login_manager.login_view = "accounts.login"
login_manager.login_message = _l("Inicie sesión para continuar.")
login_manager.login_message_category = "info"
login_manager.session_protection = "basic"


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    parts = user_id.split(":")
    if len(parts) != 3 or not parts[2]:
        return None
    identifier = whole_number(parts[0], maximum=MAX_ID)
    epoch = whole_number(parts[1], minimum=0, maximum=MAX_ID)
    if identifier is None or epoch is None:
        return None
    user = sessions.load(identifier, epoch, parts[2])
    if user is None or user.is_deleted:
        return None
    return user
