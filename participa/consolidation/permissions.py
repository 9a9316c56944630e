"""Who may do what in consolidation and responses. Pure functions of the user and the
objects; the blueprint gate (``moderators_only``) and the views enforce them, templates only
show or hide (as the global ``consolidation_permissions``)."""

from __future__ import annotations

from ..base.roles import can_moderate
from ..consultations.models import ConsultationRound
from ..plans.models import Commitment
from ..proposals.models import Proposal, Response


def can_consolidate(user: object, round: ConsultationRound | None = None) -> bool:  # noqa: ARG001
    """See the workspace of a round, compare proposals, make drafts and attach proposals."""
    return can_moderate(user)


def can_answer(user: object, proposal: Proposal | None = None) -> bool:  # noqa: ARG001
    """Prepare a response, or correct a published one."""
    return can_moderate(user)


def can_publish_responses(user: object, round: ConsultationRound | None = None) -> bool:  # noqa: ARG001
    return can_moderate(user)


def can_see_unpublished(user: object) -> bool:
    """Prepared responses are the MTGA's work in progress until published."""
    return can_moderate(user)


def link_is_removable(commitment: Commitment, response: Response | None) -> bool:
    """A link may go while the proposal's response does not name its commitment."""
    return response is None or response.commitment_id != commitment.id


def can_detach(user: object, commitment: Commitment, response: Response | None) -> bool:
    return can_moderate(user) and link_is_removable(commitment, response)
