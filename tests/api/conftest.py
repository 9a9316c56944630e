"""The API's tests run on the visibility world (tests/visibility/conftest.py): a round with
visible, hidden and pending proposals and comments, a draft and a published commitment with
their versions, a published response; plus the historical OGP record where a test asks."""

from __future__ import annotations

import pytest

from ..visibility.conftest import build_world


@pytest.fixture
def world(app) -> dict:
    with app.app_context():
        return build_world()
