"""Sign-up, the mailed confirmation link, and log-in: the path a new person walks."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from participa.accounts.models import User
from participa.base.extensions import db

from ..client import form_values
from ..factories import PASSWORD, link_in, login, mails, make_user

SIGNUP = {
    "name": "Ixchel Tzoc",
    "email": "Ixchel@Example.org",
    "password": "milpa y maíz en totonicapán",
    "sector": "sociedad_civil",
}


def _user(app, email="ixchel@example.org") -> User | None:
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.email == email))
        if user is not None:
            db.session.expunge(user)
        return user


def test_signup_creates_unconfirmed_account_and_mails_a_link(app, client):
    response = client.post("/cuenta/registro", data=SIGNUP)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/cuenta/registro/revise-su-correo")
    user = _user(app)
    assert user is not None and user.name == "Ixchel Tzoc"
    assert user.email_confirmed_at is None
    assert user.sector.value == "sociedad_civil"
    assert user.password_hash.startswith("$argon2id$")
    assert SIGNUP["password"] not in user.password_hash
    [message] = mails(app)
    assert message["To"] == "ixchel@example.org"
    assert "Confirme" in message["Subject"]
    assert "/cuenta/confirmar/" in link_in(message)
    page = client.get(response.headers["Location"])
    assert b"ixchel@example.org" in page.data


def test_confirmation_link_confirms_with_a_post_and_works_once(app, client):
    client.post("/cuenta/registro", data=SIGNUP)
    link = link_in(mails(app)[0])
    page = client.get(link)
    assert page.status_code == 200
    assert _user(app).email_confirmed_at is None, "GET must not change state"
    response = client.post(link)
    assert response.status_code == 302
    assert _user(app).email_confirmed_at is not None
    again = client.post(link)
    assert again.status_code == 400
    assert "no es válido o ya fue usado".encode() in again.data


def test_expired_confirmation_link_is_refused(app, client):
    client.post("/cuenta/registro", data=SIGNUP)
    link = link_in(mails(app)[0])
    app.config["CONFIRM_TOKEN_SECONDS"] = -1
    response = client.post(link)
    assert response.status_code == 400
    assert "venció".encode() in response.data
    assert _user(app).email_confirmed_at is None


def test_tampered_confirmation_link_is_refused(app, client):
    client.post("/cuenta/registro", data=SIGNUP)
    link = link_in(mails(app)[0])
    assert client.get(link[:-3] + "abc").status_code == 400


def test_full_journey_sign_up_confirm_log_in(app, client):
    client.post("/cuenta/registro", data=SIGNUP)
    client.post(link_in(mails(app)[0]))
    response = login(client, "ixchel@example.org", SIGNUP["password"])
    assert response.status_code == 302
    home = client.get("/")
    assert b"Cerrar sesi" in home.data
    assert b"Confirme su correo" not in home.data


def test_signup_with_a_registered_email_looks_the_same_and_warns_the_owner(app, client):
    with app.app_context():
        make_user(email_address="ixchel@example.org", name="Ixchel")
    response = client.post("/cuenta/registro", data=SIGNUP)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/cuenta/registro/revise-su-correo")
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(User.id))) == 1
    [message] = mails(app)
    assert "intentó registrarse" in message["Subject"]


def test_invalid_signup_rerenders_with_values_and_field_errors(app, client):
    data = {**SIGNUP, "email": "no-es-un-correo", "password": "corta"}
    response = client.post("/cuenta/registro", data=data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    values = form_values(html)
    assert values["name"] == "Ixchel Tzoc"
    assert values["email"] == "no-es-un-correo"
    assert values["password"] == "", "a password is never echoed back"
    assert "Escriba una dirección de correo electrónico válida." in html
    assert 'aria-invalid="true"' in html
    assert _user(app) is None


def test_signup_refuses_weak_passwords(app, client):
    cases = {
        "corta": "al menos 12",
        "123456789012": "demasiado común",
        "ixcheltzoc2026": "su nombre",
        "ixchel@example.org!!": "su nombre",
    }
    for password, message in cases.items():
        response = client.post("/cuenta/registro", data={**SIGNUP, "password": password})
        assert response.status_code == 422, password
        assert message in response.get_data(as_text=True), password
    assert _user(app) is None


def test_signup_accepts_long_passphrases(app, client):
    long_password = "palabra " * 16  # 128 characters
    response = client.post("/cuenta/registro", data={**SIGNUP, "password": long_password[:128]})
    assert response.status_code == 302
    too_long = client.post(
        "/cuenta/registro", data={**SIGNUP, "email": "otra@example.org", "password": "x" * 129}
    )
    assert too_long.status_code == 422


def test_unknown_sector_is_a_field_error_not_a_500(client):
    response = client.post("/cuenta/registro", data={**SIGNUP, "sector": "hackers"})
    assert response.status_code == 422
    assert "Elija una de las opciones" in response.get_data(as_text=True)


def test_the_sector_menu_starts_on_no_sector(client):
    """A required menu that started on «Ciudadanía» could never be left empty: a sign-up
    that skipped it was saved as «Ciudadanía»."""
    page = client.get("/cuenta/registro").get_data(as_text=True)
    menu = re.search(r'<select[^>]*name="sector"[^>]*>\s*<option([^>]*)>([^<]*)</option>', page)
    assert menu and "required" in menu.group(0)
    assert menu.group(1) == ' selected value=""' and menu.group(2) == "Elija una opción"
    assert "<option selected" not in page.replace(menu.group(0), "")


@pytest.mark.parametrize("sector", ["", None])
def test_a_sign_up_without_a_sector_is_refused_with_its_values_kept(app, client, sector):
    data = {**SIGNUP, "sector": sector} if sector is not None else {
        name: value for name, value in SIGNUP.items() if name != "sector"}
    response = client.post("/cuenta/registro", data=data)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    errors = re.search(r'id="sector-error">(.*?)</ul>', page, re.S)
    assert errors and "Elija una de las opciones de la lista." in errors.group(1)
    assert '<option selected value="">Elija una opción</option>' in page
    values = form_values(page)
    assert (values["name"], values["email"]) == (SIGNUP["name"], SIGNUP["email"])
    assert _user(app) is None
    assert mails(app) == []


def test_resend_confirmation_does_not_reveal_accounts(app, client):
    with app.app_context():
        make_user(email_address="sin@example.org", confirmed=False)
    for address in ("sin@example.org", "nadie@example.org"):
        response = client.post("/cuenta/reenviar-confirmacion", data={"email": address})
        assert response.status_code == 302
    [message] = mails(app)
    assert message["To"] == "sin@example.org"


def test_signed_in_user_is_sent_away_from_signup_and_login(app, client):
    with app.app_context():
        user = make_user()
        address = user.email
    login(client, address, PASSWORD)
    assert client.get("/cuenta/registro").status_code == 302
    assert client.get("/cuenta/entrar").status_code == 302
