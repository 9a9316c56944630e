"""Sign-up and log-in keep the way (issue 15, item 11): confirming the address signs the
person in and takes her back to the page she signed up from; logging in from a page returns
to it (a path of this site only); the home page leads to the round open now and its phase."""

from __future__ import annotations

import html as html_module
import re

from participa.consultations.models import PhaseKind

from ..factories import PASSWORD, link_in, login, mails, make_open_round, make_user
from ..pages import html, main_of
from .test_signup_and_confirm import SIGNUP


def _header_link(page: str, text: str) -> str:
    found = re.search(rf'<a href="([^"]+)">{text}</a>', page)
    assert found, page
    return html_module.unescape(found.group(1))


def _signed_in(client) -> bool:
    return "Cerrar sesión" in html(client.get("/"))


def test_confirming_signs_in_and_returns_to_the_page_signed_up_from(app, client):
    signup = _header_link(html(client.get("/organizaciones/")), "Registrarse")
    assert signup.startswith("/cuenta/registro?next=")
    assert client.post(signup, data=SIGNUP).status_code == 302
    link = link_in(mails(app)[0])
    assert not _signed_in(client)
    response = client.post(link)
    assert response.status_code == 302
    assert response.headers["Location"] == "/organizaciones/"
    page = html(client.get("/organizaciones/"))
    assert "Su correo electrónico quedó confirmado" in page and "Cerrar sesión" in page


def test_a_link_opened_in_another_browser_signs_in_there_and_leads_home(app, client):
    client.post("/cuenta/registro?next=/organizaciones/", data=SIGNUP)
    other = app.test_client()
    response = other.post(link_in(mails(app)[0]))
    assert response.headers["Location"] == "/"
    assert _signed_in(other) and not _signed_in(client)


def test_a_link_opened_where_someone_else_is_signed_in_switches_nobody(app, client):
    with app.app_context():
        make_user(email_address="marta@example.org", name="Marta Otra")
    client.post("/cuenta/registro", data=SIGNUP)
    link = link_in(mails(app)[0])
    login(client, "marta@example.org")
    assert client.post(link).headers["Location"] == "/"
    assert "Marta Otra" in html(client.get("/cuenta/"))


def test_the_way_back_is_a_path_of_this_site_only(app, client):
    client.post("/cuenta/registro?next=https://evil.example/", data=SIGNUP)
    assert client.post(link_in(mails(app)[0])).headers["Location"] == "/"


def test_logging_in_from_a_page_returns_to_it(app, client):
    with app.app_context():
        make_user(email_address="ana@example.org")
    page = html(client.get("/consultas/?lang=es"))
    log_in = _header_link(page, "Iniciar sesión")
    assert log_in == "/cuenta/entrar?next=/consultas/?lang%3Des"
    # The log-in page's own link to sign up keeps the way too.
    assert "next=/consultas/" in _header_link(main_of(html(client.get(log_in))), "Registrarse")
    response = client.post(log_in, data={"email": "ana@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == "/consultas/?lang=es"


def test_the_home_page_leads_to_the_round_open_now_and_its_phase(app, client):
    assert "Ahora no hay ninguna consulta abierta." in main_of(html(client.get("/")))
    with app.app_context():
        round_ = make_open_round(PhaseKind.PROPOSALS, title="Consulta del Sexto Plan")
        round_id = round_.id
    page = main_of(html(client.get("/")))
    assert f'<a href="/consultas/{round_id}">Consulta del Sexto Plan</a>' in page
    assert "Fase «Propuestas», hasta el" in page
    # Signing up or in from the home page leads to that round afterwards.
    assert f"/cuenta/registro?next=/consultas/{round_id}" in page
