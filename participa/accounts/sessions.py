"""Server-side records of signed-in sessions, so that ending a session ends it wherever its
cookies went.

Flask keeps the session in a signed cookie. Without a record on the server, a copy of that
cookie (or of the remember-me cookie) taken before log-out would still sign in afterwards
(ASVS 7.4.1). So each log-in opens a ``UserSession`` row whose random key travels in
Flask-Login's user id, ``"<user id>:<session epoch>:<key>"`` (the remember-me cookie carries
the same id); the user loader (``loader.py``) accepts an id only while its row is open, and
log-out and the session timeouts close it. Only a digest of the key is stored. The session
epoch still ends every session of a person at once (log out everywhere, password change,
blocking).

Log-in and log-out reach this module through Flask-Login's signals, so every way of signing
in or out (password, second step, timeouts) goes through it. The rows are written in short
transactions of their own, like ``notifications/outbox.py``: the log-in's own work is
committed before ``login_user`` is called, and log-out has nothing else to commit.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app, g, has_request_context, request, session
from flask_login import user_logged_in, user_logged_out

from ..base.extensions import db
from ..base.time import utcnow
from .models import WITH_SESSION, User, UserSession

# Where the loader leaves the key of the request's session, for log-out.
G_KEY = "session_key"


def digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _longest_life() -> timedelta:
    """No session outlives this: the remember-me cookie's lifetime, or the absolute one."""
    config = current_app.config
    return max(config["REMEMBER_COOKIE_DURATION"],
               timedelta(seconds=config["SESSION_ABSOLUTE_SECONDS"]))


def start(user: User) -> str:
    """Open a session for ``user`` and return its key (256 random bits). The person's ended
    and expired rows go at the same time, and the log-in's time is recorded (here, not at the
    password: with two-step log-in the person is signed in only after the code)."""
    now = utcnow()
    user.last_login_at = now
    db.session.execute(sa.delete(UserSession).where(
        UserSession.user_id == user.id,
        sa.or_(UserSession.ended_at.is_not(None),
               UserSession.created_at < now - _longest_life()),
    ))
    key = secrets.token_urlsafe(32)
    db.session.add(UserSession(user_id=user.id, key_digest=digest(key), created_at=now))
    db.session.commit()
    return key


def end(key: str) -> None:
    # A timeout may end the session on a GET, inside the request's reading transaction. On
    # SQLite a reading transaction that starts to write fails at once if someone else wrote
    # meanwhile, while a fresh transaction waits its turn (busy_timeout): end the reading one
    # first (nothing is pending at log-out or at a timeout).
    db.session.commit()
    db.session.execute(
        sa.update(UserSession)
        .where(UserSession.key_digest == digest(key), UserSession.ended_at.is_(None))
        .values(ended_at=utcnow())
    )
    db.session.commit()


# Built once: every request of a person signed in runs it (only its values are bound).
_OPEN_SESSION = (
    sa.select(User)
    .join(UserSession, UserSession.user_id == User.id)
    .where(User.id == sa.bindparam("user_id"), User.session_epoch == sa.bindparam("epoch"),
           UserSession.key_digest == sa.bindparam("digest"), UserSession.ended_at.is_(None),
           UserSession.created_at >= sa.bindparam("since", type_=UserSession.created_at.type))
)
# On a page read (GET), with what the layout shows of her (``models.WITH_SESSION``: the unread
# count of the menu) in the same statement: one statement, one round trip, fewer.
_OPEN_SESSION_PAGE = _OPEN_SESSION.options(sa.orm.undefer_group(WITH_SESSION))
READS = frozenset({"GET", "HEAD"})


def load(user_id: int, epoch: int, key: str) -> User | None:
    """The user of an open session with this key and the user's current epoch."""
    reading = has_request_context() and request.method in READS
    user = db.session.scalar(_OPEN_SESSION_PAGE if reading else _OPEN_SESSION, {
        "user_id": user_id, "epoch": epoch, "digest": digest(key),
        "since": utcnow() - _longest_life()})
    if user is not None:
        g.setdefault(G_KEY, key)
    return user


@user_logged_in.connect
def _opened(sender, user: User, **extra) -> None:  # noqa: ARG001
    key = start(user)
    setattr(g, G_KEY, key)
    session["_user_id"] = f"{user.get_id()}:{key}"


@user_logged_out.connect
def _closed(sender, user: User, **extra) -> None:  # noqa: ARG001
    key = g.pop(G_KEY, None)
    if key is not None:
        end(key)
