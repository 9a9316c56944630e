"""The audit log is append-only, in the ORM and in the database."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from participa.audit.models import AuditEvent, AuditLogIsAppendOnly
from participa.audit.services import record
from participa.base.extensions import db

from ..factories import make_user


def test_record_stores_actor_target_before_after(db_session):
    admin = make_user(is_admin=True)
    target = make_user(name="Objetivo")
    event = record(actor=admin, action="user.roles", target=target,
                   before={"is_moderator": False}, after={"is_moderator": True})
    db.session.commit()
    stored = db.session.get(AuditEvent, event.id)
    assert (stored.actor_id, stored.action, stored.target_type, stored.target_id) == (
        admin.id, "user.roles", "users", target.id
    )
    assert stored.target_label == "Objetivo"
    assert stored.before == {"is_moderator": False} and stored.after == {"is_moderator": True}
    assert stored.created_at.tzinfo is not None


def test_orm_refuses_update_and_delete(db_session):
    user = make_user()
    event = record(actor=user, action="test", target=user)
    db.session.commit()
    event.action = "changed"
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.flush()
    db.session.rollback()
    db.session.delete(db.session.get(AuditEvent, event.id))
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.flush()
    db.session.rollback()


def test_database_refuses_update_and_delete(db_session):
    user = make_user()
    record(actor=user, action="test", target=user)
    db.session.commit()
    for statement in ("UPDATE audit_events SET action = 'x'", "DELETE FROM audit_events"):
        with pytest.raises(sa.exc.DBAPIError, match="append-only"):
            db.session.execute(sa.text(statement))
        db.session.rollback()
    assert db.session.scalar(sa.select(AuditEvent.action)) == "test"
