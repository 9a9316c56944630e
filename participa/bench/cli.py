"""``flask bench seed`` builds the benchmark's data set into the configured database
(``PARTICIPA_DATABASE_URL``); ``flask bench check`` verifies its invariants. See
docs/performance.md."""

from __future__ import annotations

import time

import click
import sqlalchemy as sa
from flask.cli import AppGroup
from flask_migrate import upgrade

from ..accounts import passwords
from ..base.extensions import db
from . import seed as data

bench = AppGroup("bench", help="Datos y comprobaciones del banco de pruebas de rendimiento.")


def _ensure_schema() -> None:
    """An empty database gets the schema from the migrations (with the full-text index)."""
    if not sa.inspect(db.engine).has_table("users"):
        upgrade()


@bench.command("seed")
@click.option("--seed", "seed_value", default=42, show_default=True, type=int,
              help="Semilla: la misma da los mismos datos.")
@click.option("--scale", type=click.Choice(sorted(data.SCALES)), default="full",
              show_default=True)
@click.option("--proposals", type=click.IntRange(min=10), default=None,
              help="Otro número de propuestas (el resto como en la escala).")
def seed_command(seed_value: int, scale: str, proposals: int | None) -> None:
    """Build the data set of BENCHMARK.md into an empty database."""
    _ensure_schema()
    if not data.is_empty(db.session):
        raise click.ClickException(
            "La base de datos ya tiene cuentas: el banco de pruebas se construye en una base "
            "vacía (otra PARTICIPA_DATABASE_URL).")
    db.session.remove()
    chosen = data.scale_named(scale, proposals=proposals)
    started = time.monotonic()

    def progress(table: str, rows: int, seconds: float) -> None:
        click.echo(f"  {table}: {rows:,} filas en {seconds:.1f} s")

    password_hash = passwords.hash_password(data.PASSWORD)
    with db.engine.connect() as connection:
        data.build(connection, seed=seed_value, scale=chosen, password_hash=password_hash,
                   progress=progress)
        connection.commit()
    _analyze()
    click.echo(f"Datos del banco de pruebas ({scale}, semilla {seed_value}) en "
               f"{time.monotonic() - started:.0f} s.")


def _analyze() -> None:
    """What a database gets soon after a load anyway: on PostgreSQL, autovacuum's statistics
    and visibility map (index-only scans need it); on SQLite, the statistics its planner
    uses (``PRAGMA optimize``)."""
    with db.engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
                "VACUUM ANALYZE")
        else:
            connection.exec_driver_sql("PRAGMA optimize=0x10002")
            connection.commit()


@bench.command("check")
def check_command() -> None:
    """Verify the invariants (counts, threads, search index) of the data in the database."""
    for table, count in data.table_counts(db.session).items():
        click.echo(f"  {table}: {count:,}")
    problems = data.check(db.session)
    db.session.rollback()
    for problem in problems:
        click.echo(f"PROBLEMA: {problem}", err=True)
    if problems:
        raise SystemExit(1)
    click.echo("Invariantes correctos.")
