"""Signed, expiring, purpose-bound tokens for the links we e-mail.

A token names its user and a digest of the state it changes, so it works once: the
confirmation token the e-mail it confirms and that it is not confirmed yet, the reset token
the current password hash (a reset changes the hash, and with it every earlier reset link).
"""

from __future__ import annotations

import hashlib
from typing import Any

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from ..base.extensions import db
from .models import User

CONFIRM = "confirm-email"
RESET = "reset-password"


class TokenError(Exception):
    def __init__(self, expired: bool) -> None:
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"participa.{purpose}")


def _fingerprint(user: User, purpose: str) -> str:
    if purpose == CONFIRM:
        state = f"{user.email}|{user.email_confirmed_at is not None}"
    else:
        state = user.password_hash
    return hashlib.sha256(state.encode("utf-8")).hexdigest()[:24]


def make(user: User, purpose: str) -> str:
    payload: dict[str, Any] = {"u": user.id, "f": _fingerprint(user, purpose)}
    return _serializer(purpose).dumps(payload)


def max_age(purpose: str) -> int:
    key = "CONFIRM_TOKEN_SECONDS" if purpose == CONFIRM else "RESET_TOKEN_SECONDS"
    return int(current_app.config[key])


def load_user(token: str, purpose: str) -> User:
    """The user a valid token names, or ``TokenError``."""
    try:
        payload = _serializer(purpose).loads(token, max_age=max_age(purpose))
    except SignatureExpired:
        raise TokenError(expired=True) from None
    except BadSignature:
        raise TokenError(expired=False) from None
    if not isinstance(payload, dict) or not isinstance(payload.get("u"), int):
        raise TokenError(expired=False)
    user = db.session.get(User, payload["u"])
    if user is None or user.is_deleted or payload.get("f") != _fingerprint(user, purpose):
        raise TokenError(expired=False)
    return user
