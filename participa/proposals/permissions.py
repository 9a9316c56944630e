"""Who may do what with proposals. Pure functions of the user, the proposal (or round) and
the time; views enforce them, templates only show or hide (as ``proposal_permissions``)."""

from __future__ import annotations

from datetime import datetime

from ..consultations.models import ConsultationRound
from ..consultations.permissions import can_participate, can_submit_proposal, can_support
from ..consultations.phases import SUBMIT_PHASE, SUPPORT_PHASE, is_open
from ..content.visibility import can_see_text, is_hidden, is_public
from .models import Proposal


def submissions_open(round: ConsultationRound, now: datetime | None = None) -> bool:
    return is_open(round, SUBMIT_PHASE, now)


def supports_open(round: ConsultationRound, now: datetime | None = None) -> bool:
    return is_open(round, SUPPORT_PHASE, now)


def can_submit(user: object, round: ConsultationRound, now: datetime | None = None) -> bool:
    return can_submit_proposal(user, round, now)


def is_author(user: object, proposal: Proposal) -> bool:
    return can_participate(user) and user.id == proposal.author_id  # type: ignore[union-attr]


def can_read(user: object, proposal: Proposal) -> bool:
    """Whether ``user`` reads the proposal's texts (``visibility.can_see_text``): everyone
    when it is visible, its author and moderators when it is hidden or pending."""
    return can_see_text(user, proposal)


def can_edit_proposal(user: object, proposal: Proposal, now: datetime | None = None) -> bool:
    """The author, while the proposals phase is open, until the first support arrives; not
    once the moderation hid it (a pending proposal may still be corrected)."""
    return (
        is_author(user, proposal)
        and not proposal.is_withdrawn
        and not is_hidden(proposal)
        and proposal.support_count == 0
        and is_open(proposal.round, SUBMIT_PHASE, now)
    )


def can_withdraw_proposal(
    user: object, proposal: Proposal, now: datetime | None = None
) -> bool:
    """The author, while the proposals phase is open (supported or not)."""
    return (
        is_author(user, proposal)
        and not proposal.is_withdrawn
        and is_open(proposal.round, SUBMIT_PHASE, now)
    )


def can_support_proposal(
    user: object, proposal: Proposal, now: datetime | None = None
) -> bool:
    """Anyone who may participate, in the proposals phase, on a visible proposal not
    withdrawn and not their own (as in Decidim: an author's support would count themselves
    twice). Hidden and pending proposals take no supports."""
    return (
        can_support(user, proposal.round, now)
        and not proposal.is_withdrawn
        and is_public(proposal)
        and user.id != proposal.author_id  # type: ignore[union-attr]
    )


def can_withdraw_support(
    user: object, proposal: Proposal, now: datetime | None = None
) -> bool:
    """Taking a support back follows the same phase; a withdrawn proposal's count is kept."""
    return can_support(user, proposal.round, now) and not proposal.is_withdrawn
