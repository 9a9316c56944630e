"""``flask plans``: the historical record of action plans."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from ..base.errors import DomainError
from ..base.extensions import db
from . import services

plans = AppGroup("plans", help="Planes de acción y compromisos.")


@plans.command("import-ogp")
def import_ogp() -> None:
    """Import (or update) the 4 plans and 108 OGP commitments of Guatemala."""
    try:
        counts = services.import_ogp_record()
    except DomainError as error:  # the data files, or the database, disagree with the record
        db.session.rollback()
        raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(counts.summary())
