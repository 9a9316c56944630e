"""Apps on databases of their own, for the security tests that build more than one world or
keep one world for a whole module (the ``app`` fixture gives one per test)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from participa.base.extensions import db

from ..client import Client
from ..conftest import create_pg_database, drop_pg_database, make_app


@contextmanager
def fresh_app(request, kind: str, tmp_path, name: str, **config) -> Iterator[object]:
    """An app on a new, empty ``kind`` database ("sqlite" or "postgresql") called ``name``,
    with rate limits off; the database is dropped afterwards."""
    if kind == "sqlite":
        url = f"sqlite:///{tmp_path / f'{name}.db'}"
    else:
        url = create_pg_database(request.getfixturevalue("pg_admin_url"), name)
    app = make_app(url, tmp_path / name, RATELIMIT_ENABLED=False, **config)
    app.test_client_class = Client
    with app.app_context():
        db.create_all()
    try:
        yield app
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
        if kind != "sqlite":
            drop_pg_database(request.getfixturevalue("pg_admin_url"), name)
