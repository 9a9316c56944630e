"""What moderation decides on (a proposal, a comment, a person): its kind, and the
fingerprint of its state that a decision is checked against. Pure functions, shared by
``services`` and ``queries`` (which never imports ``services``)."""

from __future__ import annotations

import hashlib
from typing import Any

from ..accounts.models import User
from ..comments.models import Comment
from ..content_translation.models import ContentTranslation
from ..proposals.models import Proposal

Target = Proposal | Comment | User
Content = Proposal | Comment
# What the public log names (``ModerationAction``): a target, or a translation, which
# ``content_translation`` itself hides and shows again.
Logged = Target | ContentTranslation


def kind_of(target: Target) -> str:
    if isinstance(target, Proposal):
        return "proposal"
    if isinstance(target, Comment):
        return "comment"
    if isinstance(target, User):
        return "user"
    if isinstance(target, ContentTranslation):
        return "translation"
    raise TypeError(f"not a moderation target: {target!r}")


def token_of(target: Target, newest_report_id: int | None, newest_action_id: int | None) -> str:
    """``state_token`` from what a page already loaded (see ``queries.tokens``)."""
    if isinstance(target, User):
        parts: list[Any] = [target.blocked_at, target.blocked_until, target.block_reason]
    else:
        parts = [target.moderation_state.value, target.hidden_reason]
    parts += [newest_report_id, newest_action_id]
    text = "\x1f".join("" if part is None else str(part) for part in parts)
    return hashlib.sha256(text.encode()).hexdigest()[:16]
