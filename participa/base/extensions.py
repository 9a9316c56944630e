"""Flask extensions, created once and bound to the app in ``register``."""

from __future__ import annotations

from flask import Flask, has_request_context, request
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase

from . import ROOT
from .time import UTCDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
limiter = Limiter(key_func=get_remote_address)

READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# The endpoints limited on reads too (the only limits not restricted to POST): every other
# read skips Flask-Limiter's look-up of the view's limits (0.15 of a bare request's 0.6 ms).
# tests/test_ratelimit_reads.py fails when a limit on reads is added without its endpoint here.
READ_LIMITED_ENDPOINTS = frozenset({"proposals.similar"})


@limiter.request_filter
def _read_without_limits() -> bool:
    return request.method in READ_ONLY_METHODS and request.endpoint not in READ_LIMITED_ENDPOINTS


def _sqlite_write_transaction() -> bool:
    """Requests that may write, the CLI and tests take SQLite's write lock at BEGIN, so two
    writers queue on busy_timeout instead of failing when a read lock is upgraded."""
    return not (has_request_context() and request.method in READ_ONLY_METHODS)


@event.listens_for(Engine, "connect")
def _sqlite_on_connect(dbapi_connection, connection_record) -> None:  # noqa: ARG001
    module = type(dbapi_connection).__module__
    if not module.startswith("sqlite3"):
        return
    # The pysqlite recipe from SQLAlchemy's SQLite dialect docs: disable the driver's own
    # transaction handling and emit BEGIN ourselves (see _sqlite_begin).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={int(_busy_timeout_ms)}")
    cursor.close()


_busy_timeout_ms = 10_000


@event.listens_for(Engine, "begin")
def _sqlite_begin(conn) -> None:
    if conn.dialect.name != "sqlite":
        return
    conn.exec_driver_sql("BEGIN IMMEDIATE" if _sqlite_write_transaction() else "BEGIN")


def _render_migration_item(type_, obj, autogen_context):  # noqa: ARG001
    """Migrations spell our UTC timestamp type as the plain column type it is."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


# Schema objects that hand-written DDL makes beside the models (participa/proposals/models.py
# and its migrations) and that Alembic cannot compare: SQLite's FTS5 table with its shadow
# tables (proposals_fts_data, _idx, _docsize, _config) and PostgreSQL's GIN expression index.
# The same for every table of the site-wide search (content.fulltext).
FULL_TEXT_TABLES = ("proposals", "commitments", "action_plans", "organizations")
UNCOMPARED_TABLE_PREFIXES = tuple(f"{name}_fts" for name in FULL_TEXT_TABLES)
UNCOMPARED_INDEXES = frozenset(f"ix_{name}_search_text" for name in FULL_TEXT_TABLES)


def include_name(name: str | None, type_: str, parent_names) -> bool:  # noqa: ARG001
    """Alembic's ``include_name`` hook, for ``flask db migrate`` and tests/test_migrations.py."""
    if type_ == "table" and name and name.startswith(UNCOMPARED_TABLE_PREFIXES):
        return False
    return not (type_ == "index" and name in UNCOMPARED_INDEXES)


def register(app: Flask) -> None:
    global _busy_timeout_ms
    _busy_timeout_ms = app.config["SQLITE_BUSY_TIMEOUT_MS"]
    db.init_app(app)
    migrate.init_app(
        app,
        db,
        directory=str(ROOT / "migrations"),
        render_as_batch=True,
        compare_type=True,
        render_item=_render_migration_item,
        include_name=include_name,
    )
    login_manager.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
