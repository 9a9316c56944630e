"""The links in e-mails are built from BASE_URL, the site's configured address, never from
the request's Host header: whoever sends a request chooses that header, and a password reset
asked for with ``Host: evil.example`` must not mail the token to evil.example's server."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..client import form_values
from ..factories import body, mails, make_user

SITE = "https://participa.example.gt"
EVIL = "http://evil.example"
SIGNUP = {
    "name": "Ixchel Tzoc",
    "email": "ixchel@example.org",
    "password": "milpa y maíz en totonicapán",
    "sector": "sociedad_civil",
}


@pytest.fixture
def app_config() -> dict:
    return {"BASE_URL": SITE}


def _post_on_evil_host(client, path: str, data: dict):
    """The form's page, then the form, through the site but naming evil.example as the host
    (as a request sent to the site's address with that Host header would)."""
    page = client.get(path, base_url=EVIL)
    token = form_values(page.get_data(as_text=True))["csrf_token"]
    return client.post(path, data={**data, "csrf_token": token}, base_url=EVIL)


def _links(message) -> list[str]:
    return [word for word in body(message).split() if "://" in word]


def test_a_reset_asked_for_another_host_mails_a_link_to_the_site(app, client):
    with app.app_context():
        make_user(email_address="ana@example.org", name="Ana")
    response = _post_on_evil_host(client, "/cuenta/contrasena/olvido",
                                  {"email": "ana@example.org"})
    assert response.status_code == 200
    [message] = mails(app)
    [link] = _links(message)
    assert link.startswith(f"{SITE}/cuenta/contrasena/restablecer/")
    assert "evil.example" not in body(message)


def test_a_signup_on_another_host_mails_a_confirmation_link_to_the_site(app, client):
    response = _post_on_evil_host(client, "/cuenta/registro", SIGNUP)
    assert response.status_code == 302
    [message] = mails(app)
    [link] = _links(message)
    assert link.startswith(f"{SITE}/cuenta/confirmar/")
    assert "evil.example" not in body(message)


def test_a_second_signup_on_another_host_mails_links_to_the_site(app, client):
    with app.app_context():
        make_user(email_address="ixchel@example.org")
    _post_on_evil_host(client, "/cuenta/registro", SIGNUP)
    [message] = mails(app)
    links = _links(message)
    assert links == [f"{SITE}/cuenta/entrar", f"{SITE}/cuenta/contrasena/olvido"]
    assert "evil.example" not in body(message)


def test_no_mail_template_builds_links_from_the_request():
    folder = Path(__file__).parents[2] / "templates" / "email"
    templates = sorted(folder.glob("*.txt"))
    assert templates
    for template in templates:
        text = template.read_text(encoding="utf-8")
        assert "url_for" not in text and "_external" not in text, template.name
