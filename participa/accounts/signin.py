"""Starting a signed-in session, shared by the password log-in (``views``) and the second
step (``two_factor_views``).

Every log-in gets a fresh session (no fixation); the person's explicit choice of language
is all that survives. After a right password, an account with the second step gets no
session yet: the fresh session holds only who passed the password, when, and the session
epoch then (``PENDING``); the right code then signs in (``sign_in``).
"""

from __future__ import annotations

import time

from flask import session, url_for
from flask_login import login_user

from ..i18n.selection import SESSION_KEY
from ..web.security import SESSION_SEEN, SESSION_STARTED, safe_next
from .models import User

PENDING = "_second_step"


def fresh_session() -> None:
    """Clear the session, keeping the language the person chose."""
    chosen_language = session.get(SESSION_KEY)
    session.clear()
    if chosen_language:
        session[SESSION_KEY] = chosen_language


def sign_in(user: User, *, remember: bool) -> None:
    """A fresh session, signed in (Flask-Login opens its server-side record: ``sessions``)."""
    fresh_session()
    login_user(user, remember=remember)
    now = int(time.time())
    session[SESSION_STARTED] = now
    session[SESSION_SEEN] = now


def begin_second_step(user: User, *, remember: bool, next_url: str | None) -> None:
    """The password was right: remember that in a fresh session, without signing in."""
    fresh_session()
    session[PENDING] = {
        "user": user.id,
        "epoch": user.session_epoch,
        "at": int(time.time()),
        "remember": bool(remember),
        "next": safe_next(next_url, url_for("core.home")),
    }
