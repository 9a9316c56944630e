"""Online backups and restores: ``flask db-backup`` and ``flask db-restore``.

PostgreSQL goes through ``pg_dump`` (custom format: one consistent snapshot taken while the
app keeps serving, compressed) and ``pg_restore`` (in one transaction: a failed restore
leaves the database as it was). SQLite goes through the sqlite3 online backup API, which
copies a consistent snapshot while the app keeps reading and writing; copying the live file
could catch a half-written page or miss what is still in the write-ahead log.

The tools are the system's (``postgresql-client``, of the server's major version or newer);
``PG_BIN_DIR`` names another folder for them. See docs/deploy.md.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess  # noqa: S404 - runs pg_dump and pg_restore with argument lists
from datetime import UTC, datetime
from pathlib import Path
from urllib.request import pathname2url

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import with_appcontext

from .extensions import db

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"
SUFFIXES = {"postgresql": ".pgdump", "sqlite": ".sqlite3"}


class BackupError(Exception):
    """A backup or restore that could not be done; ``str()`` says why, for the operator."""


def file_name(dialect: str, now: datetime | None = None) -> str:
    """``participa-20261121T084312Z.pgdump``: UTC, sortable, no characters a shell quotes."""
    now = now or datetime.now(UTC)
    return f"participa-{now.astimezone(UTC):%Y%m%dT%H%M%SZ}{SUFFIXES[dialect]}"


def backup(url: str | sa.URL, folder: str | Path, *, pg_bin_dir: str | None = None,
           sqlite_timeout: float = 10.0) -> Path:
    """Write a backup of the database at ``url`` into ``folder``; the new file's path.

    The file appears under its final name only once complete and checked, readable by its
    owner only (it holds personal data); a failed backup leaves nothing behind but its
    error."""
    url = sa.engine.make_url(url)
    dialect = _dialect(url)
    folder = Path(folder)
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise BackupError(f"No se pudo crear la carpeta {folder}: {error.strerror}.") from error
    target = folder / file_name(dialect)
    if target.exists():
        raise BackupError(f"Ya existe {target}: espere un segundo y vuelva a intentarlo.")
    partial = target.with_name(target.name + ".partial")
    try:
        # Created empty first, for the owner's eyes only (personal data), before any byte is
        # written; and only once: two backups started in the same second do not mix.
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError as error:
        raise BackupError(f"Otra copia se está escribiendo en {partial}.") from error
    except OSError as error:
        raise BackupError(f"No se pudo escribir en {folder}: {error.strerror}.") from error
    try:
        if dialect == "postgresql":
            _pg_dump(url, partial, pg_bin_dir)
        else:
            _sqlite_backup(url, partial, sqlite_timeout)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target


def restore(url: str | sa.URL, source: str | Path, *, pg_bin_dir: str | None = None,
            sqlite_timeout: float = 10.0) -> None:
    """Replace the contents of the database at ``url`` with the backup ``source``."""
    url = sa.engine.make_url(url)
    dialect = _dialect(url)
    source = Path(source)
    kind = _kind_of(source)
    if kind != dialect:
        raise BackupError(
            f"{source} es una copia de {_NAMES[kind]} y la base de datos configurada es "
            f"{_NAMES[dialect]}."
        )
    if dialect == "postgresql":
        _pg_restore(url, source, pg_bin_dir)
    else:
        _sqlite_restore(url, source, sqlite_timeout)


_NAMES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}


def _dialect(url: sa.URL) -> str:
    name = url.get_backend_name()
    if name not in SUFFIXES:
        raise BackupError(f"No se pueden copiar bases de datos {name}: solo PostgreSQL y SQLite.")
    return name


def _kind_of(source: Path) -> str:
    try:
        with source.open("rb") as file:
            head = file.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise BackupError(f"No se pudo leer {source}: {error.strerror}.") from error
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_DUMP_MAGIC):
        return "postgresql"
    raise BackupError(f"{source} no es una copia de seguridad de Participa (pg_dump o SQLite).")


# PostgreSQL ---------------------------------------------------------------------------------


def _pg_tool(name: str, bin_dir: str | None) -> str:
    if bin_dir:
        path = Path(bin_dir) / name
        if path.is_file() and os.access(path, os.X_OK):
            return str(path)
        raise BackupError(f"No se encontró {name} en {bin_dir} (PG_BIN_DIR).")
    found = shutil.which(name)
    if not found:
        raise BackupError(
            f"No se encontró {name}: instale el cliente de PostgreSQL (paquete "
            "postgresql-client, de la versión del servidor o más nueva) o indique su carpeta "
            "con PARTICIPA_PG_BIN_DIR."
        )
    return found


def _libpq(url: sa.URL) -> tuple[str, dict[str, str]]:
    """A libpq connection URI without the password, and an environment carrying it (a
    password on the command line would show in the process list)."""
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    plain = url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    try:
        result = subprocess.run(  # noqa: S603 - fixed tool, arguments as a list
            command, env=env, capture_output=True, text=True, check=False
        )
    except OSError as error:
        raise BackupError(f"No se pudo ejecutar {command[0]}: {error.strerror}.") from error
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip()
        raise BackupError(f"{what} falló (código {result.returncode}): {detail}")


def _pg_dump(url: sa.URL, target: Path, bin_dir: str | None) -> None:
    dsn, env = _libpq(url)
    _run([_pg_tool("pg_dump", bin_dir), "--format=custom", "--file", str(target),
          "--dbname", dsn], env, "pg_dump")
    # The archive must read back: its table of contents lists every object.
    _run([_pg_tool("pg_restore", bin_dir), "--list", str(target)], env, "pg_restore --list")


def _pg_restore(url: sa.URL, source: Path, bin_dir: str | None) -> None:
    dsn, env = _libpq(url)
    _run([_pg_tool("pg_restore", bin_dir), "--clean", "--if-exists", "--no-owner",
          "--no-privileges", "--single-transaction", "--exit-on-error",
          "--dbname", dsn, str(source)], env, "pg_restore")


# SQLite -------------------------------------------------------------------------------------


def _sqlite_path(url: sa.URL) -> Path:
    if not url.database or url.database == ":memory:" or url.database.startswith("file:"):
        raise BackupError("Solo se pueden copiar bases de datos SQLite guardadas en un archivo.")
    return Path(url.database)


def _connect(path: Path, mode: str, timeout: float) -> sqlite3.Connection:
    """``mode`` ro or rw: never creates a file by mistake (rwc only where asked)."""
    uri = f"file:{pathname2url(str(path.resolve()))}?mode={mode}"
    try:
        return sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None)
    except sqlite3.Error as error:
        raise BackupError(f"No se pudo abrir {path}: {error}.") from error


def _check(connection: sqlite3.Connection, path: Path) -> None:
    try:
        result = connection.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} no es una base de datos SQLite válida: {error}.") from error
    if result != [("ok",)]:
        raise BackupError(f"{path} está dañado: {result[0][0]}")


def _sqlite_backup(url: sa.URL, target: Path, timeout: float) -> None:
    path = _sqlite_path(url)
    if not path.is_file():
        raise BackupError(f"No existe la base de datos {path}.")
    source = _connect(path, "rw", timeout)
    copy = _connect(target, "rwc", timeout)
    try:
        source.backup(copy)
        # One self-contained file: no -wal or -shm beside the copy.
        copy.execute("PRAGMA journal_mode=DELETE")
        _check(copy, target)
    except sqlite3.Error as error:
        raise BackupError(f"La copia de {path} falló: {error}.") from error
    finally:
        copy.close()
        source.close()


def _sqlite_restore(url: sa.URL, source_path: Path, timeout: float) -> None:
    path = _sqlite_path(url)
    source = _connect(source_path, "ro", timeout)
    try:
        _check(source, source_path)
        target = _connect(path, "rwc", timeout)
        try:
            source.backup(target)
        except sqlite3.Error as error:
            raise BackupError(f"La restauración en {path} falló: {error}.") from error
        finally:
            target.close()
    finally:
        source.close()


# Commands -----------------------------------------------------------------------------------


def _database_url() -> sa.URL:
    return sa.engine.make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])


def _size(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size / 1000:.1f} kB"


@click.command("db-backup")
@click.option("--dir", "folder", type=click.Path(file_okay=False),
              help="Folder for the backup (default BACKUP_DIR, else instance/backups).")
@with_appcontext
def db_backup_command(folder: str | None) -> None:
    """Back up the database while the app runs (pg_dump, or SQLite's backup API) into a file
    named with the UTC time; exit status 1 on failure."""
    config = current_app.config
    folder = folder or config.get("BACKUP_DIR") or os.path.join(current_app.instance_path,
                                                                "backups")
    try:
        path = backup(_database_url(), folder, pg_bin_dir=config.get("PG_BIN_DIR"),
                      sqlite_timeout=config["SQLITE_BUSY_TIMEOUT_MS"] / 1000)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Copia de seguridad guardada: {path} ({_size(path)}).")


@click.command("db-restore")
@click.argument("source", type=click.Path(exists=True, dir_okay=False))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
def db_restore_command(source: str, yes: bool) -> None:
    """Replace the contents of the configured database with a backup made by db-backup, in
    one step (a failed restore changes nothing). Stop the app servers first."""
    url = _database_url()
    shown = url.render_as_string(hide_password=True)
    if not yes:
        click.confirm(f"Se reemplazará el contenido de {shown} por el de {source}. ¿Continuar?",
                      abort=True)
    # Let go of the app's own connections: they would hold locks the restore waits for.
    db.session.remove()
    db.engine.dispose()
    config = current_app.config
    try:
        restore(url, source, pg_bin_dir=config.get("PG_BIN_DIR"),
                sqlite_timeout=config["SQLITE_BUSY_TIMEOUT_MS"] / 1000)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Base de datos {shown} restaurada desde {source}.")
