"""Who may do what in consolidation and responses. Each rule is one function that answers
with its refusal (a ``base.errors`` error) or None; the blueprint gate (``moderators_only``)
and the views ask them, the services enforce them, templates get booleans."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..base.errors import Conflict, DomainError, NotAllowed
from ..base.roles import can_moderate
from ..consultations.models import ConsultationRound
from ..plans.models import Commitment
from ..proposals.models import Proposal, Response


def _moderators_only(user: object) -> DomainError | None:
    if can_moderate(user):
        return None
    return NotAllowed(_l("Solo la moderación puede hacer esto."))


def consolidate_refusal(user: object, round: ConsultationRound | None = None  # noqa: ARG001
                        ) -> DomainError | None:
    """See the workspace of a round, compare proposals, make drafts and attach proposals."""
    return _moderators_only(user)


def can_consolidate(user: object, round: ConsultationRound | None = None) -> bool:
    return consolidate_refusal(user, round) is None


def respond_refusal(user: object, proposal: Proposal | None = None  # noqa: ARG001
                    ) -> DomainError | None:
    """Prepare a response, or correct a published one; publish a round's responses."""
    return _moderators_only(user)


def can_answer(user: object, proposal: Proposal | None = None) -> bool:
    return respond_refusal(user, proposal) is None



def can_see_unpublished(user: object) -> bool:
    """Prepared responses are the MTGA's work in progress until published."""
    return can_moderate(user)


def detach_refusal(user: object, commitment: Commitment, response: Response | None
                   ) -> DomainError | None:
    """A link may go while the proposal's response does not name its commitment."""
    if (refusal := consolidate_refusal(user)) is not None:
        return refusal
    if response is not None and response.commitment_id == commitment.id:
        return Conflict(_l("La respuesta a esta propuesta nombra este compromiso. Cambie "
                           "primero la respuesta; después podrá quitar el vínculo."))
    return None


def can_detach(user: object, commitment: Commitment, response: Response | None) -> bool:
    return detach_refusal(user, commitment, response) is None
