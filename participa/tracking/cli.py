"""``flask tracking``: the daily flagging of overdue milestones (docs/deploy.md)."""

from __future__ import annotations

from datetime import date

import click
from flask.cli import AppGroup

from ..base.extensions import db
from ..base.time import to_local, utcnow
from . import services

tracking = AppGroup("tracking", help="Seguimiento de la implementación de los compromisos.")


@tracking.command("flag-overdue")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="La fecha de hoy (AAAA-MM-DD); por omisión, hoy en Guatemala.")
def flag_overdue(today) -> None:
    """Flag the milestones past their end date and not complete, telling the lead
    institution's members and the MTGA once per milestone (run it daily)."""
    day: date = today.date() if today is not None else to_local(utcnow()).date()
    flags = services.flag_overdue(today=day)
    db.session.commit()
    click.echo(f"{len(flags)} overdue milestone(s) flagged on {day.isoformat()}.")
