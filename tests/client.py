"""A test client that adds a valid CSRF token to every POST (pass ``csrf=False`` to test
the refusal), the way a browser posting our own forms would."""

from __future__ import annotations

import re

from flask.ctx import RequestContext
from flask.testing import EnvironBuilder, FlaskClient
from flask_wtf.csrf import generate_csrf


class Client(FlaskClient):
    def csrf_token(self) -> str:
        """A token made by Flask-WTF itself from this client's session, which gets the CSRF
        secret the first time, as when a page renders a form."""
        app = self.application
        with self.session_transaction() as session:
            request = RequestContext(app, EnvironBuilder(app).get_environ(), session=session)
            # An app context of its own, so a g of its own (Flask-WTF keeps the token there):
            # never the one of a test's app context, which the client's requests share.
            with app.app_context(), request:
                return generate_csrf()

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
