"""Recorded audio (issue 18, item 4): recordings in a language, with a transcript, on a
commitment, the MTGA's response to a proposal or a round's call; their files are served by
``files`` to whoever ``file_access`` lets hear them."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import Blueprint

from ..base.extensions import db
from ..base.roles import can_moderate
from ..content.visibility import ModerationState
from ..files.registry import Access, register_owner
from ..proposals.models import Proposal, Response
from ..web import slots
from . import permissions
from .models import OWNER, Recording, Target

bp = Blueprint("recordings", __name__)


def file_access(file: Any, user: Any) -> Access:
    """Public while the recording is visible (and, on a response, once it is published);
    its author and the moderators still hear a hidden one, nobody else (404). A proposal's
    recording waiting for approval is heard by its language's translators too."""
    recording = db.session.scalar(sa.select(Recording).where(Recording.file_id == file.id))
    if recording is None:
        return Access.HIDDEN
    public = recording.moderation_state == ModerationState.VISIBLE
    if public and recording.target == Target.RESPONSE:
        response = db.session.get(Response, recording.target_id)
        public = response is not None and response.is_published
    proposal = db.session.get(Proposal, recording.target_id) \
        if recording.target == Target.PROPOSAL else None
    if public and recording.target == Target.PROPOSAL:
        # A proposal received as a recording: public once the moderation approved it (and
        # while it is not hidden), as its page.
        public = proposal is not None and proposal.moderation_state == ModerationState.VISIBLE
    if public:
        return Access.PUBLIC
    if permissions.translator_hears(user, recording, proposal):
        return Access.PRIVATE
    author = recording.created_by_id
    # (a recording whose author's account is gone has none: an anonymous visitor, whose id
    # is None too, is not its author)
    if can_moderate(user) or author is not None and getattr(user, "id", None) == author:
        return Access.PRIVATE
    return Access.HIDDEN


register_owner(OWNER, file_access)

from . import views  # noqa: E402

slots.fill("commitment.aside", "recordings/_recordings.html", views.commitment_box)
slots.fill("round.links", "recordings/_recordings.html", views.round_box)
slots.fill("proposal.outcome", "recordings/_recordings.html", views.response_box)
slots.fill("proposal.recording", "recordings/_proposal_recording.html", views.proposal_box)
slots.fill("proposal.submit", "recordings/_recorded_proposal_form.html",
           views.recorded_proposal_form)
# The OGP repository's source, and content translation's kind.
from . import repository_entries, translation_kind  # noqa: E402,F401
