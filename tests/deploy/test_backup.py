"""``flask db-backup`` and ``flask db-restore`` on SQLite and PostgreSQL: a backup restores to
an identical database (schema, every table's rows, sequences), on a new database or over the
same one after it changed; ids continue where they stood; a backup is taken while writes go
on; failures say why and exit nonzero.
"""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from participa.accounts.models import Sector, User
from participa.base.backup import BackupError, backup
from participa.base.extensions import db
from participa.organizations.models import Organization
from participa.proposals.models import Support

from ..conftest import empty_database, make_app
from ..factories import make_user

NAME = re.compile(r"^participa-\d{8}T\d{6}Z\.(pgdump|sqlite3)$")


@pytest.fixture
def app_config(pg_bin_dir) -> dict:
    return {"PG_BIN_DIR": pg_bin_dir}


def snapshot(engine: sa.Engine) -> dict:
    """Everything that makes two databases the same: the schema (tables, columns,
    constraints, indexes, triggers, functions), every row of every table, the sequences."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            schema = {"sqlite_master": sorted(conn.exec_driver_sql(
                "SELECT type, name, tbl_name, sql FROM sqlite_master").all())}
            tables = sorted(name for kind, name, _, _ in schema["sqlite_master"]
                            if kind == "table")  # sqlite_sequence and the FTS5 tables too
            sequences: list = []
        else:
            schema = {
                "columns": conn.exec_driver_sql(
                    "SELECT table_name, column_name, data_type, is_nullable, column_default "
                    "FROM information_schema.columns WHERE table_schema = 'public' "
                    "ORDER BY 1, 2").all(),
                "constraints": conn.exec_driver_sql(
                    "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
                    "FROM pg_constraint WHERE connamespace = 'public'::regnamespace "
                    "ORDER BY 1, 2").all(),
                "indexes": conn.exec_driver_sql(
                    "SELECT tablename, indexname, indexdef FROM pg_indexes "
                    "WHERE schemaname = 'public' ORDER BY 1, 2").all(),
                "triggers": conn.exec_driver_sql(
                    "SELECT tgrelid::regclass::text, tgname, pg_get_triggerdef(oid) "
                    "FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1, 2").all(),
                "functions": conn.exec_driver_sql(
                    "SELECT proname, prosrc FROM pg_proc "
                    "WHERE pronamespace = 'public'::regnamespace ORDER BY 1").all(),
            }
            tables = sorted(conn.exec_driver_sql(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'").scalars())
            sequences = conn.exec_driver_sql(
                "SELECT sequencename, last_value FROM pg_sequences "
                "WHERE schemaname = 'public' ORDER BY 1").all()
        rows = {
            table: sorted(map(repr, conn.execute(
                sa.select(sa.text("*")).select_from(sa.table(table))).all()))
            for table in tables
        }
    return {"schema": schema, "rows": rows, "sequences": sequences}


def _snapshot(app) -> dict:
    with app.app_context():
        state = snapshot(db.engine)
        db.engine.dispose()
    return state


def _invoke(runner, *args: str) -> str:
    result = runner.invoke(args=list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _fill(runner) -> None:
    """The demo data (accounts, organisations, the historical plans, a round with proposals,
    supports and the search index) and an audit event (its table refuses updates)."""
    _invoke(runner, "demo", "load")
    _invoke(runner, "users", "create-admin", "--email", "copia@example.org", "--name",
            "Administración de copias", "--password", "cielo de volcanes azules")


def _backup(runner, folder: Path) -> Path:
    output = _invoke(runner, "db-backup", "--dir", str(folder))
    [path] = folder.iterdir()
    assert NAME.match(path.name), path.name
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # personal data
    assert f"Copia de seguridad guardada: {path}" in output
    return path


def test_restore_over_a_changed_database_brings_it_back(app, runner, tmp_path):
    _fill(runner)
    before = _snapshot(app)
    assert all(before["rows"][t] for t in ("users", "supports", "proposals", "audit_events"))
    path = _backup(runner, tmp_path / "copias")

    with app.app_context():  # life goes on after the backup
        first_new_id = make_user(email_address="despues@example.org").id
        db.session.scalars(sa.select(Organization)).first().name = "Nombre cambiado"
        db.session.execute(sa.delete(Support))
        db.session.commit()
    assert _snapshot(app) != before

    output = _invoke(runner, "db-restore", str(path), "--yes")
    assert "restaurada desde" in output
    assert _snapshot(app) == before
    with app.app_context():  # ids continue where they stood at the backup
        assert db.session.scalar(sa.select(sa.func.max(User.id))) == first_new_id - 1
        assert make_user(email_address="otra@example.org").id == first_new_id


@pytest.fixture
def empty_url(db_url, tmp_path, request):
    """A second, empty database of the same kind: the new machine."""
    kind = "sqlite" if db_url.startswith("sqlite") else "postgresql"
    yield from empty_database(request, kind, tmp_path, "participa_restored")


def test_restore_into_an_empty_database_makes_the_same_database(
        app, runner, tmp_path, empty_url, pg_bin_dir):
    _fill(runner)
    path = _backup(runner, tmp_path / "copias")
    restored = make_app(empty_url, tmp_path, PG_BIN_DIR=pg_bin_dir)
    _invoke(restored.test_cli_runner(), "db-restore", str(path), "--yes")
    assert _snapshot(restored) == _snapshot(app)
    with restored.app_context():
        next_id = db.session.scalar(sa.select(sa.func.max(User.id))) + 1
        assert make_user(email_address="nueva@example.org").id == next_id
        db.session.remove()
        db.engine.dispose()


def test_a_backup_is_taken_while_a_write_is_under_way(
        app, runner, tmp_path, db_url, empty_url, pg_bin_dir):
    """Online: an open write transaction neither blocks the backup nor gets into it."""
    with app.app_context():
        make_user(email_address="antes@example.org")
    writer_engine = sa.create_engine(app.config["SQLALCHEMY_DATABASE_URI"])
    with Session(writer_engine) as writer:
        writer.add(User(name="Durante", email="durante@example.org", password_hash="x",
                        sector=Sector.CIUDADANIA))
        writer.flush()  # written, locks held, not committed
        path = _backup(runner, tmp_path / "copias")
        writer.rollback()
    writer_engine.dispose()
    restored = make_app(empty_url, tmp_path, PG_BIN_DIR=pg_bin_dir)
    _invoke(restored.test_cli_runner(), "db-restore", str(path), "--yes")
    with restored.app_context():
        assert list(db.session.scalars(sa.select(User.email))) == ["antes@example.org"]
        db.session.remove()
        db.engine.dispose()


def test_restore_needs_confirmation(app, runner, tmp_path):
    path = _backup(runner, tmp_path / "copias")
    result = runner.invoke(args=["db-restore", str(path)], input="n\n")
    assert result.exit_code == 1
    assert "Se reemplazará el contenido de" in result.output


def test_failures_say_why_and_exit_nonzero(app, runner, tmp_path, db_url):
    not_a_backup = tmp_path / "notas.txt"
    not_a_backup.write_text("hola")
    result = runner.invoke(args=["db-restore", str(not_a_backup), "--yes"])
    assert result.exit_code == 1
    assert "no es una copia de seguridad de Participa" in result.output

    blocked = tmp_path / "archivo"
    blocked.write_text("")
    result = runner.invoke(args=["db-backup", "--dir", str(blocked / "copias")])
    assert result.exit_code == 1
    assert "No se pudo crear la carpeta" in result.output

    other = "postgresql" if db_url.startswith("sqlite") else "sqlite"
    wrong_kind = tmp_path / f"copia.{other}"
    wrong_kind.write_bytes(b"PGDMP" if other == "postgresql" else b"SQLite format 3\x00")
    result = runner.invoke(args=["db-restore", str(wrong_kind), "--yes"])
    assert result.exit_code == 1
    assert "es una copia de" in result.output


def test_a_missing_pg_dump_is_named(tmp_path):
    folder = tmp_path / "copias"
    with pytest.raises(BackupError, match=f"No se encontró pg_dump en {tmp_path}"):
        backup("postgresql+psycopg://participa@/participa", folder, pg_bin_dir=str(tmp_path))
    assert list(folder.iterdir()) == []
