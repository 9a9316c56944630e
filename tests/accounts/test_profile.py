"""Profile, password change, log-out everywhere and account deletion."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from participa.accounts.models import User
from participa.audit.models import AuditEvent
from participa.base.extensions import db
from participa.organizations.models import Membership

from ..factories import PASSWORD, login, make_membership, make_organization, make_user
from ..pages import interface_language

NEW = "otra frase larga y nueva"


@pytest.fixture
def person(app):
    with app.app_context():
        return make_user(email_address="ana@example.org", name="Ana").id


@pytest.fixture
def signed_in(client, person):
    login(client, "ana@example.org")
    return client


def test_profile_requires_login(client):
    response = client.get("/cuenta/")
    assert response.status_code == 302
    assert "/cuenta/entrar?next=" in response.headers["Location"]


def test_profile_update_saves_name_language_and_notifications(app, signed_in, person):
    response = signed_in.post(
        "/cuenta/", data={"name": "Ana María", "preferred_language": "quc"}
    )
    assert response.status_code == 302
    with app.app_context():
        user = db.session.get(User, person)
        assert (user.name, user.preferred_language, user.notify_by_email) == (
            "Ana María", "quc", False
        )
    assert interface_language(signed_in.get("/cuenta/").get_data(as_text=True)) == "quc"


def test_profile_rejects_unknown_language_keeping_values(signed_in):
    response = signed_in.post("/cuenta/", data={"name": "Ana Nueva", "preferred_language": "xx"})
    assert response.status_code == 422
    assert 'value="Ana Nueva"' in response.get_data(as_text=True)


def test_signed_in_pages_are_not_cached(signed_in):
    assert signed_in.get("/cuenta/").headers["Cache-Control"] == "no-store"


def test_change_password_ends_other_sessions_but_not_this_one(app, signed_in, person):
    other = app.test_client()
    login(other, "ana@example.org")
    response = signed_in.post(
        "/cuenta/contrasena",
        data={"current_password": PASSWORD, "password": NEW, "confirm": NEW},
    )
    assert response.status_code == 302
    assert signed_in.get("/cuenta/").status_code == 200
    assert other.get("/cuenta/").status_code == 302
    assert login(app.test_client(), "ana@example.org", NEW).status_code == 302


def test_change_password_needs_the_current_one(signed_in):
    response = signed_in.post(
        "/cuenta/contrasena",
        data={"current_password": "no es esta para nada", "password": NEW, "confirm": NEW},
    )
    assert response.status_code == 422
    assert "actual no es correcta" in response.get_data(as_text=True)


def test_log_out_everywhere(app, signed_in, person):
    other = app.test_client()
    login(other, "ana@example.org", remember="y")
    response = signed_in.post("/cuenta/cerrar-sesiones", data={"sessions-password": PASSWORD})
    assert response.status_code == 302
    assert signed_in.get("/cuenta/").status_code == 200
    # The other browser loses both its session and its remember-me cookie.
    assert other.get("/cuenta/").status_code == 302
    other.delete_cookie(app.config["SESSION_COOKIE_NAME"])
    assert other.get("/cuenta/").status_code == 302


def test_log_out_everywhere_needs_the_password(signed_in):
    response = signed_in.post("/cuenta/cerrar-sesiones", data={"sessions-password": "mala mala"})
    assert response.status_code == 422


def test_delete_account_anonymises_and_keeps_the_row(app, signed_in, person):
    with app.app_context():
        organization = make_organization()
        make_membership(db.session.get(User, person), organization)
    response = signed_in.post("/cuenta/eliminar", data={"password": PASSWORD, "confirm": "y"})
    assert response.status_code == 302
    with app.app_context():
        user = db.session.get(User, person)
        assert user is not None, "the row stays so contributions keep their author"
        assert user.is_deleted
        assert "ana" not in user.email and user.name == ""
        assert user.display_name == "Participante eliminado"
        assert not db.session.scalars(
            sa.select(Membership).where(Membership.user_id == person)
        ).all()
        actions = db.session.scalars(sa.select(AuditEvent.action)).all()
        assert "account.delete" in actions
    assert signed_in.get("/cuenta/").status_code == 302


def test_delete_account_requires_confirmation_and_password(app, signed_in, person):
    assert signed_in.post("/cuenta/eliminar", data={"password": PASSWORD}).status_code == 422
    assert signed_in.post(
        "/cuenta/eliminar", data={"password": "mala mala mala", "confirm": "y"}
    ).status_code == 422
    with app.app_context():
        assert not db.session.get(User, person).is_deleted


def test_idle_session_times_out(app, signed_in):
    with signed_in.session_transaction() as session:
        session["_seen"] -= app.config["SESSION_IDLE_SECONDS"] + 1
    assert signed_in.get("/cuenta/").status_code == 302


def test_absolute_session_lifetime(app, signed_in):
    with signed_in.session_transaction() as session:
        session["_started"] -= app.config["SESSION_ABSOLUTE_SECONDS"] + 1
    assert signed_in.get("/cuenta/").status_code == 302
