"""A test client that adds a valid CSRF token to every POST (pass ``csrf=False`` to test
the refusal), the way a browser posting our own forms would."""

from __future__ import annotations

import hashlib
import os
import re

from flask.testing import FlaskClient
from itsdangerous import URLSafeTimedSerializer


class Client(FlaskClient):
    def csrf_token(self) -> str:
        with self.session_transaction() as session:
            raw = session.get("csrf_token")
            if raw is None:
                raw = session["csrf_token"] = hashlib.sha1(os.urandom(64)).hexdigest()
        app = self.application
        secret = app.config.get("WTF_CSRF_SECRET_KEY") or app.secret_key
        return URLSafeTimedSerializer(secret, salt="wtf-csrf-token").dumps(raw)

    def post(self, *args, csrf: bool = True, **kwargs):
        if csrf:
            data = kwargs.get("data")
            if data is None:
                kwargs["data"] = {"csrf_token": self.csrf_token()}
            elif isinstance(data, dict) and "csrf_token" not in data:
                kwargs["data"] = {**data, "csrf_token": self.csrf_token()}
        return super().post(*args, **kwargs)


def form_values(html: str) -> dict[str, str]:
    """The values of the inputs in a page (to check that a form kept what was typed)."""
    values = {}
    for match in re.finditer(r"<input[^>]*>", html):
        tag = match.group(0)
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name:
            values[name.group(1)] = value.group(1) if value else ""
    return values
