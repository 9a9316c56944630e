"""``flask proposals recount``: re-derive every support count from the support rows."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from ..base.extensions import db
from .services import recount_supports

proposals = AppGroup("proposals", help="Propuestas y apoyos.")


@proposals.command("recount")
def recount() -> None:
    """Set every proposal's support_count to COUNT(*) of its supports."""
    fixed = recount_supports()
    db.session.commit()
    click.echo(f"Conteos de apoyos corregidos: {fixed}.")
