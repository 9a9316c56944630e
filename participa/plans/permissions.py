"""Who may do what with commitments. Pure functions; views enforce them, templates only show
or hide."""

from __future__ import annotations

from ..base.roles import can_moderate
from .models import Commitment, CommitmentStatus, CommitmentVersion


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
