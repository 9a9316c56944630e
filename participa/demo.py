"""``flask demo load``: demo organisations and one account per role."""

from __future__ import annotations

import click
from flask.cli import AppGroup

demo = AppGroup("demo", help="Datos de demostración.")


@demo.command("load")
@click.option("--if-empty", is_flag=True, help="Only when the database has no users.")
def load(if_empty: bool) -> None:
    click.echo("demo data: not yet")
