"""Who may do what with commitments. Pure functions; the rule of editing a draft
(``draft_refusal``) answers the refusal or None: views enforce it, the versions service
enforces its part about the commitment (``draft_state_refusal``) on the locked row."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..base.errors import Conflict, DomainError, NotAllowed
from ..base.roles import can_administer, can_moderate
from .models import Commitment, CommitmentStatus, CommitmentVersion

NOT_A_DRAFT = _l("Este compromiso ya no es un borrador: sus versiones no se pueden modificar.")
NOT_A_DRAFT_TITLE = _l("Este compromiso no es un borrador")


def is_draft(commitment: Commitment) -> bool:
    return commitment.status == CommitmentStatus.DRAFT


def can_edit_drafts(user: object) -> bool:
    """Moderators of the MTGA (and admins) edit draft commitments."""
    return can_moderate(user)


def can_edit_draft(user: object, commitment: Commitment) -> bool:
    """A moderator, on a commitment that is still a draft (published ones are the record)."""
    return can_edit_drafts(user) and is_draft(commitment)


def can_mark_final(user: object, version: CommitmentVersion, latest_number: int) -> bool:
    """The newest version of a draft, not yet final."""
    return (
        can_edit_draft(user, version.commitment)
        and version.number == latest_number
        and not version.is_final
    )


def draft_state_refusal(status: CommitmentStatus) -> DomainError | None:
    """Only a draft's versions change (a published commitment is the record): 409."""
    if status != CommitmentStatus.DRAFT:
        return Conflict(NOT_A_DRAFT, title=NOT_A_DRAFT_TITLE)
    return None


def draft_refusal(user: object, commitment: Commitment) -> DomainError | None:
    """A moderator (403 for anyone else), on a commitment that is still a draft (409)."""
    if not can_edit_drafts(user):
        return NotAllowed()
    return draft_state_refusal(commitment.status)


IRM_DRAFT = _l("Un borrador no tiene revisión del IRM: el IRM revisa los compromisos publicados.")


def can_review_irm(user: object) -> bool:
    """Administrators enter what the IRM says of a commitment."""
    return can_administer(user)


def irm_refusal(user: object, status: CommitmentStatus) -> DomainError | None:
    """An administrator (403 otherwise), on a published commitment (409 for a draft)."""
    if not can_review_irm(user):
        return NotAllowed()
    if status == CommitmentStatus.DRAFT:
        return Conflict(IRM_DRAFT)
    return None
