"""Keys for rate limits beyond the client address."""

from __future__ import annotations

import hashlib

from flask import request


def email_key() -> str:
    """The e-mail address posted in the form (hashed: the key store holds no addresses)."""
    email = (request.form.get("email") or "").strip().lower()
    return "email:" + hashlib.sha256(email.encode("utf-8")).hexdigest()[:32]
