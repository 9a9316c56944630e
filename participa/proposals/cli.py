"""``flask proposals recount``: re-derive every support count from the support rows."""

from __future__ import annotations

from flask.cli import AppGroup

from ..base.counts import add_recount_command
from .services import recount_supports

proposals = AppGroup("proposals", help="Propuestas y apoyos.")
add_recount_command(proposals, recount_supports, done="Conteos de apoyos corregidos",
                    help="Set every proposal's support_count to COUNT(*) of its supports.")
