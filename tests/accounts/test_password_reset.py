from __future__ import annotations

import re

import pytest

from participa.accounts.models import User
from participa.base.extensions import db

from ..factories import PASSWORD, link_in, login, mails, make_user

NEW = "otra frase larga y nueva"


@pytest.fixture
def person(app):
    with app.app_context():
        return make_user(email_address="ana@example.org", name="Ana").id


def test_reset_by_mailed_link(app, client, person):
    response = client.post("/cuenta/contrasena/olvido", data={"email": "ana@example.org"})
    assert response.status_code == 200
    [message] = mails(app)
    link = link_in(message)
    assert "/cuenta/contrasena/restablecer/" in link
    assert client.get(link).status_code == 200
    response = client.post(link, data={"password": NEW, "confirm": NEW})
    assert response.status_code == 302
    assert login(client, "ana@example.org", PASSWORD).status_code == 422
    assert login(client, "ana@example.org", NEW).status_code == 302


def test_reset_link_works_once(app, client, person):
    client.post("/cuenta/contrasena/olvido", data={"email": "ana@example.org"})
    link = link_in(mails(app)[0])
    client.post(link, data={"password": NEW, "confirm": NEW})
    other = "y otra frase más larga"
    again = client.post(link, data={"password": other, "confirm": other})
    assert again.status_code == 400


def test_reset_link_expires(app, client, person):
    client.post("/cuenta/contrasena/olvido", data={"email": "ana@example.org"})
    link = link_in(mails(app)[0])
    app.config["RESET_TOKEN_SECONDS"] = -1
    assert client.post(link, data={"password": NEW, "confirm": NEW}).status_code == 400


def test_reset_for_unknown_email_answers_the_same_and_sends_nothing(app, client, person):
    known = client.post("/cuenta/contrasena/olvido", data={"email": "ana@example.org"})
    unknown = client.post("/cuenta/contrasena/olvido", data={"email": "nadie@example.org"})
    assert known.status_code == unknown.status_code == 200
    def strip(response, address):
        # The CSRF token is signed with the time: two requests a second apart differ there.
        text = response.get_data(as_text=True).replace(address, "")
        return re.sub(r'name="csrf_token"[^>]*value="[^"]*"', "", text)

    assert strip(known, "ana@example.org") == strip(unknown, "nadie@example.org")
    assert len(mails(app)) == 1


def test_reset_mismatch_rerenders(app, client, person):
    client.post("/cuenta/contrasena/olvido", data={"email": "ana@example.org"})
    link = link_in(mails(app)[0])
    response = client.post(link, data={"password": NEW, "confirm": "otra cosa distinta"})
    assert response.status_code == 422
    assert "no coinciden" in response.get_data(as_text=True)


def test_reset_ends_other_sessions(app, client, person):
    other = app.test_client()
    login(other, "ana@example.org")
    assert other.get("/cuenta/").status_code == 200
    client.post("/cuenta/contrasena/olvido", data={"email": "ana@example.org"})
    client.post(link_in(mails(app)[0]), data={"password": NEW, "confirm": NEW})
    assert other.get("/cuenta/").status_code == 302


def test_reset_is_rate_limited_per_email(app, client, person):
    statuses = [
        client.post("/cuenta/contrasena/olvido", data={"email": "ana@example.org"}).status_code
        for _ in range(4)
    ]
    assert statuses == [200, 200, 200, 429]
    assert len(mails(app)) == 3


def test_reset_unlocks_a_locked_account(app, client, person):
    app.config["LOCKOUT_THRESHOLD"] = 2
    app.config["RATELIMIT_ENABLED"] = False
    login(client, "ana@example.org", "mala mala mala")
    login(client, "ana@example.org", "mala mala mala")
    with app.app_context():
        assert db.session.get(User, person).locked_until is not None
    client.post("/cuenta/contrasena/olvido", data={"email": "ana@example.org"})
    client.post(link_in(mails(app)[0]), data={"password": NEW, "confirm": NEW})
    assert login(client, "ana@example.org", NEW).status_code == 302
