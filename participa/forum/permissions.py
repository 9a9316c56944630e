"""Who keeps the forum's record: the MTGA (its moderators) and administrators, as for
running a round (``base.roles.can_run_rounds``)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..base.errors import DomainError, NotAllowed, allows
from ..base.roles import can_run_rounds

NOT_STAFF = _l("Solo la MTGA y las administradoras llevan el registro de la Mesa Técnica.")


def manage_refusal(user: object) -> DomainError | None:
    return None if can_run_rounds(user) else NotAllowed(NOT_STAFF)


can_manage = allows(manage_refusal)
