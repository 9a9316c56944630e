"""``flask voting recount``: re-derive every vote count from the vote rows."""

from __future__ import annotations

from flask.cli import AppGroup

from ..base.counts import add_recount_command
from .services import recount_votes

voting = AppGroup("voting", help="Votación de priorización.")
add_recount_command(voting, recount_votes, done="Conteos de votos corregidos",
                    help="Set every commitment's vote_count to COUNT(*) of its votes.")
