"""``flask forum check``: the daily warning when the Mesa Técnica has not met for six
months (OGP's Standard 1; docs/deploy.md)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from ..base.time import to_local, utcnow
from . import services

forum = AppGroup("forum", help="La Mesa Técnica de Gobierno Abierto.")


@forum.command("check")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="La fecha de hoy (AAAA-MM-DD); por omisión, hoy en Guatemala.")
def check(today) -> None:
    """Warn (exit status 1) when the forum has not met in the last six months."""
    day = today.date() if today is not None else to_local(utcnow()).date()
    late, last = services.overdue(day)
    if not late:
        click.echo(f"The forum last met on {last.isoformat()}.")
        return
    since = last.isoformat() if last else "never"
    click.echo(f"WARNING: the Mesa Técnica has not met for six months (last meeting: "
               f"{since}).", err=True)
    raise SystemExit(1)
