"""Flask-Login's user loader: the session names the user and their session epoch, so raising
the epoch (log out everywhere, password change, blocking) ends every session at once."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..extensions import db, login_manager
from .models import User

login_manager.login_view = "accounts.login"
login_manager.login_message = _l("Inicie sesión para continuar.")
login_manager.login_message_category = "info"
login_manager.session_protection = "basic"


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    identifier, _, epoch = user_id.partition(":")
    if not identifier.isdigit() or not epoch.isdigit():
        return None
    user = db.session.get(User, int(identifier))
    if user is None or user.is_deleted or user.session_epoch != int(epoch):
        return None
    return user
