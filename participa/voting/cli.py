"""``flask voting recount``: re-derive every vote count from the vote rows."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from ..base.extensions import db
from .services import recount_votes

voting = AppGroup("voting", help="Votación de priorización.")


@voting.command("recount")
def recount() -> None:
    """Set every commitment's vote_count to COUNT(*) of its votes."""
    fixed = recount_votes()
    db.session.commit()
    click.echo(f"Conteos de votos corregidos: {fixed}.")
