"""Who may attach, see and hide recordings. Each rule answers its refusal or None."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..base.errors import DomainError, NotAllowed, allows
from ..base.roles import can_moderate, signed_in
from ..content.visibility import ModerationState
from ..proposals.models import Proposal
from ..translation.permissions import role_of
from .models import Recording, Target


def attach_refusal(user: object, language: str | None = None) -> DomainError | None:
    """The MTGA (moderators and administrators) records in any language; a translator, in
    the languages she translates (``language`` None: in any of them)."""
    if can_moderate(user):
        return None
    if signed_in(user) and not getattr(user, "is_blocked", False) and getattr(
            user, "is_translator", False) and (language is None or role_of(user, language)):
        return None
    return NotAllowed(_l("Solo la MTGA y quienes traducen ese idioma añaden grabaciones."))


may_attach = allows(attach_refusal)


def hide_refusal(user: object) -> DomainError | None:
    if can_moderate(user):
        return None
    return NotAllowed(_l("Solo la moderación oculta grabaciones."))


def can_hear(user: object, recording: Recording, proposal: Proposal | None = None) -> bool:
    """Everyone hears a visible recording (one of a proposal, once the proposal is approved
    and not hidden: ``proposal``); a hidden one, its author and the moderators."""
    public = recording.moderation_state == ModerationState.VISIBLE
    if recording.target == Target.PROPOSAL:
        public = public and proposal is not None and (
            proposal.moderation_state == ModerationState.VISIBLE)
    if public:
        return True
    return can_moderate(user) or translator_hears(user, recording, proposal) or (
        signed_in(user) and getattr(user, "id", None) == recording.created_by_id)


def translator_hears(user: object, recording: Recording, proposal: Proposal | None) -> bool:
    """A proposal received as a recording, waiting for approval, is heard by the translators
    of its language too: its translation into Spanish is asked for when it arrives, and
    the MTGA judges it by what it says (docs/decisions.md)."""
    return (recording.target == Target.PROPOSAL and proposal is not None
            and proposal.moderation_state == ModerationState.PENDING
            and recording.moderation_state == ModerationState.VISIBLE
            and signed_in(user) and not getattr(user, "is_blocked", False)
            and role_of(user, recording.language) is not None)
