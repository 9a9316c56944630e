"""Who records workshops and enters what was gathered there: the MTGA (its moderators) and
administrators, as for running a round."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..base.errors import DomainError, NotAllowed, allows
from ..base.roles import can_run_rounds

NOT_STAFF = _l("Solo la MTGA registra los talleres y lo que se recogió en ellos.")


def record_refusal(user: object) -> DomainError | None:
    return None if can_run_rounds(user) else NotAllowed(NOT_STAFF)


can_record = allows(record_refusal)
