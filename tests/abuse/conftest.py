from __future__ import annotations

import pytest

from .arena import build_arena


@pytest.fixture
def arena(app) -> dict:
    with app.app_context():
        return build_arena()
