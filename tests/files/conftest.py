"""The files tests' owner of files: a feature of their own, registered like a real one
(``files.registry``), whose answer for each file the tests set."""

from __future__ import annotations

import pytest

from participa.files.registry import Access, register_owner

from ..deploy.conftest import pg_bin_dir  # noqa: F401  (the backup test's PostgreSQL tools)

OWNER = "prueba"
ACCESS: dict[int, Access] = {}


def _access(file, user) -> Access:  # noqa: ARG001
    return ACCESS.get(file.id, Access.PUBLIC)


register_owner(OWNER, _access)


@pytest.fixture(autouse=True)
def _forget_access():
    yield
    ACCESS.clear()
