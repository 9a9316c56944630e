"""Log-in, log-out, remember me, lockout and rate limits."""

from __future__ import annotations

import pytest

from participa.accounts.models import User
from participa.base.extensions import db

from ..factories import PASSWORD, login, make_user
from ..pages import interface_language


@pytest.fixture
def person(app):
    with app.app_context():
        user = make_user(email_address="ana@example.org", name="Ana Pérez")
        return user.id


def test_login_and_logout(app, client, person):
    response = login(client, "ANA@example.org ", PASSWORD)
    assert response.status_code == 302
    assert client.get("/cuenta/").status_code == 200
    with app.app_context():
        assert db.session.get(User, person).last_login_at is not None
    assert client.post("/cuenta/salir").status_code == 302
    assert client.get("/cuenta/").status_code == 302


def test_logout_requires_post(client, person):
    login(client, "ana@example.org")
    assert client.get("/cuenta/salir").status_code == 405
    assert client.get("/cuenta/").status_code == 200


def test_wrong_password_and_unknown_email_give_the_same_answer(client, person):
    wrong = login(client, "ana@example.org", "no es la contraseña")
    unknown = login(client, "nadie@example.org", "no es la contraseña")
    assert wrong.status_code == unknown.status_code == 422

    def message(response):
        html = response.get_data(as_text=True)
        return html[html.index('class="errors"'):].split("</ul>")[0]

    assert message(wrong) == message(unknown)
    assert "no son correctos" in message(wrong)
    assert 'value="ana@example.org"' in wrong.get_data(as_text=True)


def test_session_is_renewed_at_login(client, person):
    client.get("/")
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    login(client, "ana@example.org")
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["_user_id"].startswith(f"{person}:")


def test_explicit_language_choice_survives_login(client, person):
    client.get("/?lang=cak")
    login(client, "ana@example.org")
    assert interface_language(client.get("/").get_data(as_text=True)) == "cak"


def test_remember_me_sets_a_lasting_cookie(app, client, person):
    login(client, "ana@example.org", remember="y")
    cookie = client.get_cookie(app.config["REMEMBER_COOKIE_NAME"])
    assert cookie is not None and cookie.expires is not None
    assert cookie.http_only
    # A new browser session (the session cookie is gone) is signed in by the remember cookie.
    client.delete_cookie(app.config["SESSION_COOKIE_NAME"])
    assert client.get("/cuenta/").status_code == 200


def test_without_remember_me_no_remember_cookie(app, client, person):
    login(client, "ana@example.org")
    assert client.get_cookie(app.config["REMEMBER_COOKIE_NAME"]) is None


def test_session_cookie_flags(app, client, person):
    response = login(client, "ana@example.org")
    header = next(
        h for h in response.headers.getlist("Set-Cookie")
        if h.startswith(app.config["SESSION_COOKIE_NAME"])
    )
    assert "HttpOnly" in header
    assert "SameSite=Lax" in header


def test_next_parameter_stays_on_site(client, person):
    for target, expected in [
        ("/organizaciones/", "/organizaciones/"),
        ("https://evil.example/", "/"),
        ("//evil.example/", "/"),
        ("/\\evil.example", "/"),
        ("javascript:alert(1)", "/"),
    ]:
        response = client.post(
            f"/cuenta/entrar?next={target}",
            data={"email": "ana@example.org", "password": PASSWORD},
        )
        assert response.status_code == 302
        assert response.headers["Location"] == expected, target
        client.post("/cuenta/salir")


def test_lockout_after_too_many_failures(app, client, person):
    app.config["LOCKOUT_THRESHOLD"] = 3
    app.config["RATELIMIT_ENABLED"] = False
    for _ in range(3):
        assert login(client, "ana@example.org", "equivocada equivocada").status_code == 422
    # Locked: even the right password fails, with the same message.
    assert login(client, "ana@example.org", PASSWORD).status_code == 422
    with app.app_context():
        user = db.session.get(User, person)
        assert user.locked_until is not None
        user.locked_until = None
        db.session.commit()
    assert login(client, "ana@example.org", PASSWORD).status_code == 302


def test_failed_count_resets_after_success(app, client, person):
    login(client, "ana@example.org", "equivocada equivocada")
    login(client, "ana@example.org", PASSWORD)
    with app.app_context():
        assert db.session.get(User, person).failed_login_count == 0


def test_login_is_rate_limited_per_email_with_a_translated_429(client, person):
    statuses = [login(client, "ana@example.org", "equivocada equivocada").status_code
                for _ in range(6)]
    assert statuses[:5] == [422] * 5
    assert statuses[5] == 429
    response = login(client, "ana@example.org", "equivocada equivocada")
    assert response.status_code == 429
    assert "Demasiados intentos" in response.get_data(as_text=True)
    # The limit is per e-mail: another address may still try.
    assert login(client, "otra@example.org", "equivocada equivocada").status_code == 422


def test_translated_429_in_kaqchikel_session_has_lang(client, person):
    client.get("/?lang=cak")
    for _ in range(6):
        response = login(client, "ana@example.org", "equivocada equivocada")
    assert response.status_code == 429
    assert interface_language(response.get_data(as_text=True)) == "cak"


def test_rehash_on_login_when_parameters_change(app, client, person):
    with app.app_context():
        old_hash = db.session.get(User, person).password_hash
    app.config["ARGON2_TIME_COST"] = 2
    login(client, "ana@example.org")
    with app.app_context():
        new_hash = db.session.get(User, person).password_hash
    assert new_hash != old_hash and "t=2" in new_hash


def test_deleted_account_cannot_log_in(app, client, person):
    login(client, "ana@example.org")
    client.post("/cuenta/eliminar", data={"password": PASSWORD, "confirm": "y"})
    assert login(client, "ana@example.org").status_code == 422
