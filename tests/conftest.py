"""Fixtures: every test runs on a fresh database, once on SQLite and once on a real
PostgreSQL server that this session starts and stops itself (pgserver, from PyPI).

PARTICIPA_TEST_DBS=sqlite (or postgresql) narrows the run; PARTICIPA_TEST_POSTGRES_URL points
the PostgreSQL tests at an existing server instead of starting one.

`make test` runs the suite in parallel (pytest-xdist, one process per core, whole modules per
process). Each process is its own pytest session: its own PostgreSQL server, temporary folders,
browser and app servers. On a shared server (PARTICIPA_TEST_POSTGRES_URL) each process's
databases carry its name (``_gw0``), so two never touch the same database.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
import warnings
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import settings
from jinja2 import BytecodeCache

# Property tests: the same examples on every run (CI is reproducible), no deadline (a shared
# machine is slow some days), no example database written to disk.
settings.register_profile("participa", derandomize=True, deadline=None, database=None)
settings.load_profile("participa")

DBS = [d.strip() for d in os.environ.get("PARTICIPA_TEST_DBS", "sqlite,postgresql").split(",")
       if d.strip()]
EXTERNAL_PG = os.environ.get("PARTICIPA_TEST_POSTGRES_URL")
# "gw0", "gw1"... under pytest-xdist; empty in a plain run.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
# Nothing from the developer's shell or instance/ folder may leak into the tests.
for _name in [n for n in os.environ if n.startswith("PARTICIPA_")]:
    del os.environ[_name]
os.environ["PARTICIPA_INSTANCE_PATH"] = tempfile.mkdtemp(prefix="participa-instance-")

from participa import create_app  # noqa: E402
from participa.base.extensions import db  # noqa: E402

from .client import Client  # noqa: E402

FAST_HASHING = {"ARGON2_TIME_COST": 1, "ARGON2_MEMORY_COST": 8, "ARGON2_PARALLELISM": 1}


# The order in which pytest-xdist hands out whole modules (``make test`` runs it with
# ``--no-loadscope-reorder``, so it keeps this order): the folders whose modules take the
# longest first (the security suite's fuzzers and walks, a minute or more each, then the
# browser journeys), then the other modules, those with the most tests first (what xdist's
# own order does, by number of tests only, which put the four tests of the query fuzzer,
# 185 s, near the end and left the other process idle while it ran).
FIRST = ("security", "browser")


def pytest_collection_modifyitems(items):
    tests_in: dict[Path, int] = {}
    for item in items:
        tests_in[item.path] = tests_in.get(item.path, 0) + 1

    def rank(item) -> tuple[int, int]:
        name = item.path.parent.name
        return (FIRST.index(name) if name in FIRST else len(FIRST)), -tests_in[item.path]

    items.sort(key=rank)  # stable: a module's tests keep their order


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
    url = _psycopg_url(pg_server.get_uri(), "postgres")
    _without_durability(url)
    return url


def _without_durability(admin_url: str) -> None:
    """The session's own server (its data is thrown away at the end) never waits for the disk:
    no flush of the log at each commit, no fsync of files (each test's TRUNCATE of the audit log
    made new files and waited for them), no full pages in the log. What a query sees is the
    same; only a crash of the machine could lose data, which the session would not keep anyway.
    The reset between tests took 30 to 50 ms of waiting on the disk, about 10 without it."""
    engine = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        for setting in ("fsync", "synchronous_commit", "full_page_writes"):
            conn.exec_driver_sql(f"ALTER SYSTEM SET {setting} = off")
        conn.exec_driver_sql("SELECT pg_reload_conf()")
    engine.dispose()


def _worker_database(name: str) -> str:
    return f"{name}_{WORKER}" if WORKER else name


def create_pg_database(admin_url: str, name: str) -> str:
    name = _worker_database(name)
    engine = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    engine.dispose()
    return sa.engine.make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def drop_pg_database(admin_url: str, name: str) -> None:
    name = _worker_database(name)
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


class SharedBytecode(BytecodeCache):
    """Templates compiled once for the whole run: every test makes a new app, whose Jinja
    environment would otherwise parse and compile again each template it renders (a fifth of
    the suite's time). Jinja checks each entry against its template's source."""

    def __init__(self) -> None:
        self.codes: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        code = self.codes.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket) -> None:
        self.codes[bucket.key] = bucket.bytecode_to_string()


TEMPLATES = SharedBytecode()


def _remember_url_builders() -> None:
    """Each new app compiles every URL rule into two builder functions, with Python's
    ``ast`` and ``compile`` (23 of the 33 ms that ``create_app`` takes, and the suite makes
    about 3,800 apps). A builder depends only on the rule's text, its parsed parts, its
    defaults and ``append_unknown`` (the rule comes as an argument when called), so the run
    compiles each once. An unknown Werkzeug (no ``_compile_builder``) fails here, loudly."""
    from werkzeug.routing.rules import Rule

    compile_builder = Rule._compile_builder
    builders: dict[tuple, object] = {}

    def remembered(self, append_unknown: bool = True):
        key = (self.rule, tuple(self._trace), repr(sorted((self.defaults or {}).items())),
               append_unknown)
        if key not in builders:
            builders[key] = compile_builder(self, append_unknown)
        return builders[key]

    Rule._compile_builder = remembered


_remember_url_builders()


def make_app(db_url: str, tmp_path, **overrides):
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": db_url,
        "MAIL_BACKEND": "file",
        "MAIL_FILE_DIR": str(tmp_path / "mail"),
        "SERVER_NAME": None,
        # The site's address, which the links in e-mails are built from: the test client's.
        "BASE_URL": "http://localhost",
        **FAST_HASHING,
        **overrides,
    }
    app = create_app(config)
    app.jinja_env.bytecode_cache = TEMPLATES
    return app


@pytest.fixture
def app_config() -> dict:
    """Override in a test module (or parametrize) to change the app's configuration."""
    return {}


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """An empty SQLite database with the schema, made once and copied for each test (a copy
    takes a millisecond, ``create_all`` 25)."""
    path = tmp_path_factory.mktemp("template") / "participa.db"
    app = make_app(f"sqlite:///{path}", path.parent)
    with app.app_context():
        db.create_all()
        db.engine.dispose()
    return path


def _empty_postgresql(connection) -> None:
    """Every table emptied and every id sequence restarted, as TRUNCATE ... RESTART IDENTITY
    would, in a few milliseconds instead of 70 (TRUNCATE makes new files for every table and
    index). The audit log refuses DELETE (its trigger), so it alone is truncated. One round trip
    for all the statements (a script of 60, psycopg sends it as one simple query) instead of one
    each: 2 ms of the test process's time instead of 9."""
    statements = ["TRUNCATE audit_events"]
    statements += [str(table.delete().compile(dialect=connection.dialect))
                   for table in reversed(db.metadata.sorted_tables) if table.name != "audit_events"]
    statements.append("SELECT setval(c.oid, 1, false) FROM pg_class c WHERE c.relkind = 'S'")
    connection.exec_driver_sql(";\n".join(statements))


# PostgreSQL databases whose tables this process made: each test empties them afterwards
# (``_empty_postgresql``) and none drops them for good, so the schema is made once, not
# checked table by table before every test (60 round trips).
_PG_SCHEMAS: set[str] = set()


@pytest.fixture
def app(db_url, tmp_path, app_config, request):
    sqlite_path = Path(db_url.removeprefix("sqlite:///")) if db_url.startswith("sqlite") else None
    if sqlite_path and not sqlite_path.exists():
        shutil.copyfile(request.getfixturevalue("sqlite_template"), sqlite_path)
    app = make_app(db_url, tmp_path, **app_config)
    app.test_client_class = Client
    if sqlite_path is None and db_url not in _PG_SCHEMAS:
        with app.app_context():
            db.create_all()
        _PG_SCHEMAS.add(db_url)
    yield app
    with app.app_context():
        db.session.remove()
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as connection:
                _empty_postgresql(connection)
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
