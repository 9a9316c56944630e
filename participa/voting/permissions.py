"""Who may vote in the prioritisation. Pure functions of the user, the round (or commitment)
and the time. The rule (``vote_refusal``, for a vote and for taking it back) answers the
refusal or None: views ask it, services ``enforce`` it; the pages get booleans from their
views.

The limit of K votes per person is the service's to enforce (under the round's lock)."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l

from ..base.errors import Conflict, DomainError
from ..base.time import utcnow
from ..consultations.models import ConsultationRound, PhaseKind, ResultsVisibility
from ..consultations.permissions import participation_refusal
from ..consultations.phases import closed_refusal, is_open, phase_of
from ..plans.models import Commitment, CommitmentStatus

VOTE_PHASE = PhaseKind.VOTE
NOT_A_CANDIDATE = _l("Solo se puede votar por los borradores de compromiso de esta consulta.")
NOT_ON_BALLOT = _l(
    "Este borrador se creó cuando la votación ya estaba en curso: no está entre las "
    "opciones de esta votación."
)


def has_vote(round: ConsultationRound) -> bool:
    """Whether the round has a prioritisation phase at all."""
    return phase_of(round, VOTE_PHASE) is not None


def votes_open(round: ConsultationRound, now: datetime | None = None) -> bool:
    return is_open(round, VOTE_PHASE, now)


def is_candidate(commitment: Commitment, round: ConsultationRound) -> bool:
    """A draft commitment of the round: what the prioritisation votes on."""
    return commitment.round_id == round.id and commitment.status == CommitmentStatus.DRAFT


def vote_refusal(
    user: object, round: ConsultationRound, commitment: Commitment | None = None,
    now: datetime | None = None,
) -> DomainError | None:
    """Anyone who may participate, while the round's prioritisation phase is open, for a
    draft commitment of the round (``commitment`` None: any of them). The same rule takes a
    vote back."""
    refusal = participation_refusal(user) or closed_refusal(round, VOTE_PHASE, now)
    if refusal is not None:
        return refusal
    if commitment is not None and not is_candidate(commitment, round):
        return Conflict(NOT_A_CANDIDATE)
    return None


def can_vote(user: object, round: ConsultationRound, now: datetime | None = None) -> bool:
    """Signed in with a confirmed address, while the round's prioritisation phase is open."""
    return vote_refusal(user, round, now=now) is None


def results_visible(round: ConsultationRound, now: datetime | None = None) -> bool:
    """The counts are public live (``en_vivo``) from the moment the vote opens, or only once
    it has closed (``al_cierre``, the default). A round without a vote has no results."""
    phase = phase_of(round, VOTE_PHASE)
    if phase is None:
        return False
    now = now or utcnow()
    if phase.ends_at <= now:
        return True
    return round.results_visibility == ResultsVisibility.LIVE and phase.starts_at <= now

