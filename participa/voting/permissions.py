"""Who may vote in the prioritisation. Pure functions of the user, the round (or commitment)
and the time; views enforce them, templates only show or hide (as ``voting_permissions``).

The limit of K votes per person is the service's to enforce (under the round's lock)."""

from __future__ import annotations

from datetime import datetime

from ..base.time import utcnow
from ..consultations.models import ConsultationRound, PhaseKind, ResultsVisibility
from ..consultations.permissions import can_participate
from ..consultations.phases import is_open, phase_of
from ..plans.models import Commitment, CommitmentStatus

VOTE_PHASE = PhaseKind.VOTE


def has_vote(round: ConsultationRound) -> bool:
    """Whether the round has a prioritisation phase at all."""
    return phase_of(round, VOTE_PHASE) is not None


def votes_open(round: ConsultationRound, now: datetime | None = None) -> bool:
    return is_open(round, VOTE_PHASE, now)


def is_candidate(commitment: Commitment, round: ConsultationRound) -> bool:
    """A draft commitment of the round: what the prioritisation votes on."""
    return commitment.round_id == round.id and commitment.status == CommitmentStatus.DRAFT


def can_vote(user: object, round: ConsultationRound, now: datetime | None = None) -> bool:
    """Signed in with a confirmed address, while the round's prioritisation phase is open."""
    return can_participate(user) and votes_open(round, now)


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

