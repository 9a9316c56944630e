"""Fixtures: every test runs on a fresh database, once on SQLite and once on a real
PostgreSQL server that this session starts and stops itself (pgserver, from PyPI).

PARTICIPA_TEST_DBS=sqlite (or postgresql) narrows the run; PARTICIPA_TEST_POSTGRES_URL points
the PostgreSQL tests at an existing server instead of starting one.
"""

from __future__ import annotations

import os
import tempfile
import uuid
import warnings

import pytest
import sqlalchemy as sa
from hypothesis import settings

# Property tests: the same examples on every run (CI is reproducible), no deadline (a shared
# machine is slow some days), no example database written to disk.
settings.register_profile("participa", derandomize=True, deadline=None, database=None)
settings.load_profile("participa")

DBS = [d.strip() for d in os.environ.get("PARTICIPA_TEST_DBS", "sqlite,postgresql").split(",")
       if d.strip()]
EXTERNAL_PG = os.environ.get("PARTICIPA_TEST_POSTGRES_URL")
# Nothing from the developer's shell or instance/ folder may leak into the tests.
for _name in [n for n in os.environ if n.startswith("PARTICIPA_")]:
    del os.environ[_name]
os.environ["PARTICIPA_INSTANCE_PATH"] = tempfile.mkdtemp(prefix="participa-instance-")

from participa import create_app  # noqa: E402
from participa.extensions import db  # noqa: E402

from .client import Client  # noqa: E402

FAST_HASHING = {"ARGON2_TIME_COST": 1, "ARGON2_MEMORY_COST": 8, "ARGON2_PARALLELISM": 1}


def _psycopg_url(uri: str, database: str) -> str:
    """pgserver gives postgresql://postgres:@/postgres?host=/socket/dir."""
    url = sa.engine.make_url(uri).set(drivername="postgresql+psycopg", database=database)
    return url.render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory):
    if EXTERNAL_PG:
        yield None
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pgserver

        server = pgserver.get_server(tmp_path_factory.mktemp("pgdata"), cleanup_mode="stop")
    yield server
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        server.cleanup()


@pytest.fixture(scope="session")
def pg_admin_url(pg_server) -> str:
    """A URL to the server's maintenance database, for creating and dropping databases."""
    if EXTERNAL_PG:
        return EXTERNAL_PG
    return _psycopg_url(pg_server.get_uri(), "postgres")


def create_pg_database(admin_url: str, name: str) -> str:
    engine = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    engine.dispose()
    return sa.engine.make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def drop_pg_database(admin_url: str, name: str) -> None:
    engine = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    engine.dispose()


def empty_database(request, kind: str, tmp_path, prefix: str):
    """For a fixture to ``yield from``: the URL of a new, empty database of ``kind`` (a file
    under ``tmp_path``, or a PostgreSQL database dropped afterwards)."""
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / prefix}.db"
        return
    admin_url = request.getfixturevalue("pg_admin_url")
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    yield create_pg_database(admin_url, name)
    drop_pg_database(admin_url, name)


@pytest.fixture(scope="session")
def pg_url(pg_admin_url) -> str:
    return create_pg_database(pg_admin_url, "participa_test")


@pytest.fixture(params=DBS)
def db_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'participa.db'}"
    return request.getfixturevalue("pg_url")


def make_app(db_url: str, tmp_path, **overrides):
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": db_url,
        "MAIL_BACKEND": "file",
        "MAIL_FILE_DIR": str(tmp_path / "mail"),
        "SERVER_NAME": None,
        **FAST_HASHING,
        **overrides,
    }
    return create_app(config)


@pytest.fixture
def app_config() -> dict:
    """Override in a test module (or parametrize) to change the app's configuration."""
    return {}


@pytest.fixture
def app(db_url, tmp_path, app_config):
    app = make_app(db_url, tmp_path, **app_config)
    app.test_client_class = Client
    with app.app_context():
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        if db.engine.dialect.name == "postgresql":
            tables = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
            with db.engine.begin() as conn:
                conn.exec_driver_sql(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
        db.engine.dispose()


@pytest.fixture
def client(app) -> Client:
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def db_session(app):
    """An app context for calling services and models directly (not around requests)."""
    with app.app_context():
        yield db.session
