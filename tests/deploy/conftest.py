"""Fixtures of the deployment tests: the PostgreSQL client tools matching the test server."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from ..conftest import EXTERNAL_PG


@pytest.fixture(scope="session")
def pg_bin_dir() -> str | None:
    """pgserver's own pg_dump and pg_restore (its server's version; the system's may be
    older, and pg_dump refuses a newer server). None (the PATH) against an external server."""
    if EXTERNAL_PG:
        return None
    with warnings.catch_warnings():  # as in tests/conftest.py: platformdirs warns on import
        warnings.simplefilter("ignore")
        import pgserver

    return str(Path(pgserver.__file__).parent / "pginstall" / "bin")
