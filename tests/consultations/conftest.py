"""People and helpers shared by the consultation tests."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ..factories import make_people_of_each_role


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.fixture
def people(app) -> dict[str, int]:
    """Ids of an admin, a moderator, a confirmed participant, an unconfirmed one and a
    deleted one; each logs in with <key>@example.org."""
    with app.app_context():
        return make_people_of_each_role()


