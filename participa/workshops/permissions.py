"""Who records workshops and enters what was gathered there: the MTGA (its moderators) and
administrators, as for running a round."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..base.errors import DomainError, NotAllowed, allows
from ..base.roles import can_run_rounds
from ..base.time import local_zone
from ..consultations.models import PhaseKind
from ..consultations.phases import phase_of
from .models import Workshop

NOT_STAFF = _l("Solo la MTGA registra los talleres y lo que se recogió en ellos.")


def record_refusal(user: object) -> DomainError | None:
    return None if can_run_rounds(user) else NotAllowed(NOT_STAFF)


can_record = allows(record_refusal)


def held_during(workshop: Workshop, kind: PhaseKind) -> bool:
    """Whether the workshop was held during its round's phase ``kind`` (days in Guatemala):
    what was gathered there belongs to that phase (proposals, or comments on drafts)."""
    phase = phase_of(workshop.round, kind)
    zone = local_zone()
    return phase is not None and (phase.starts_at.astimezone(zone).date() <= workshop.held_on
                                  <= phase.ends_at.astimezone(zone).date())
