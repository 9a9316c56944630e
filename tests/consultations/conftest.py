"""People and helpers shared by the consultation tests."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from participa.accounts.models import User
from participa.base.extensions import db
from participa.base.time import utcnow

from ..factories import make_user


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.fixture
def people(app) -> dict[str, int]:
    """Ids of an admin, a moderator, a confirmed participant, an unconfirmed one and a
    deleted one; each logs in with <key>@example.org."""
    with app.app_context():
        ids = {
            "admin": make_user(email_address="admin@example.org", is_admin=True).id,
            "moderator": make_user(email_address="moderator@example.org",
                                   is_moderator=True).id,
            "participant": make_user(email_address="participant@example.org").id,
            "unconfirmed": make_user(email_address="unconfirmed@example.org",
                                     confirmed=False).id,
            "deleted": make_user(email_address="deleted@example.org").id,
        }
        db.session.get(User, ids["deleted"]).deleted_at = utcnow()
        db.session.commit()
        return ids


