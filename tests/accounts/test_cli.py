from __future__ import annotations

import sqlalchemy as sa

from participa.accounts.models import User
from participa.audit.models import AuditEvent
from participa.base.extensions import db

from ..factories import login, make_user

PASSWORD = "cielo de volcanes azules"


def test_create_admin_makes_a_confirmed_admin_who_can_log_in(app, runner, client):
    result = runner.invoke(
        args=["users", "create-admin", "--email", "Admin@Example.org", "--name", "Rosa Admin",
              "--password", PASSWORD]
    )
    assert result.exit_code == 0, result.output
    assert "admin@example.org" in result.output
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.email == "admin@example.org"))
        assert user.is_admin and user.is_confirmed
        event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.target_id == user.id))
        assert event.action == "user.create_admin" and event.after["is_admin"] is True
    assert login(client, "admin@example.org", PASSWORD).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_create_admin_promotes_an_existing_account(app, runner):
    with app.app_context():
        user_id = make_user(email_address="ya@example.org").id
    result = runner.invoke(
        args=["users", "create-admin", "--email", "ya@example.org", "--name", "Ya",
              "--password", PASSWORD]
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.get(User, user_id).is_admin
        assert db.session.scalar(sa.select(sa.func.count(User.id))) == 1


def test_create_admin_refuses_a_weak_password(app, runner):
    result = runner.invoke(
        args=["users", "create-admin", "--email", "a@example.org", "--name", "A",
              "--password", "123456789012"]
    )
    assert result.exit_code != 0
    assert "común" in result.output
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(User.id))) == 0
