"""Who records workshops and enters what was gathered there: the MTGA (its moderators) and
administrators, as for running a round."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..base.errors import Conflict, DomainError, NotAllowed, allows
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


def entry_refusal(user: object, workshop: Workshop, kind: PhaseKind, *, published: str,
                  outside: str) -> DomainError | None:
    """The MTGA enters what was gathered at ``workshop`` for its round's phase ``kind``
    (proposals, comments on drafts) when the workshop was held during that phase (days in
    Guatemala), at any time until the round's plan is published: typing up what was
    gathered takes days after the phase closes. ``published`` and ``outside`` are the
    messages of the two conflicts, which the entering feature words for what it enters."""
    refusal = record_refusal(user)
    if refusal is not None:
        return refusal
    if workshop.round.published_at is not None:
        return Conflict(published)
    if not held_during(workshop, kind):
        return Conflict(outside)
    return None
