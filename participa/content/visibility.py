"""Whether a contribution is shown to the public: moderation hides, it never deletes.

Proposals and comments carry a ``moderation_state``; the moderation feature changes it (and
records why), every list and page filters on it. It lives here, outside ``moderation``,
because the features that own the content must read it and nothing imports ``moderation``.

The rule, in one place (see docs/decisions.md, "Visibility of moderated content"):

- ``visible_filter(Model)``: the SQL condition for anything the public lists, counts,
  searches or exports (JSON, CSV, the similar-title suggestions, the round's counts).
  Hidden (``oculto``) and pending (``pendiente``) items are left out.
- ``can_see_text(user, item)``: on the pages of one item, who reads its text: everyone
  when it is visible; its author and moderators when it is hidden or pending. Anybody else
  gets a placeholder ("Oculto por moderación" and the reason) for a hidden item, and
  nothing for a pending one.
- ``initial_state(author, round)``: what a new proposal or comment starts as: pending when
  the round's pre-moderation applies to the author (an account younger than
  ``round.premoderation_account_days`` days, or unconfirmed), visible otherwise.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column

from ..base.roles import can_moderate
from ..base.time import moment_column, utcnow
from .enums import LabelledEnum, enum_column


class ModerationState(LabelledEnum):
    VISIBLE = "visible", _l("Visible")
    HIDDEN = "oculto", _l("Oculto por moderación")
    PENDING = "pendiente", _l("Esperando aprobación")


class Moderated:
    """What moderation needs of a model (proposals and comments): its state, and the reason
    and time of a hide. Moderation hides (with a reason shown to the public), never deletes;
    the moderation feature decides, through these three changes."""

    moderation_state: Mapped[ModerationState] = mapped_column(
        enum_column(ModerationState), default=ModerationState.VISIBLE, index=True
    )
    hidden_reason: Mapped[str | None] = mapped_column(sa.Text)
    hidden_at: Mapped[datetime | None] = moment_column()

    def hide(self, reason: str, at: datetime) -> None:
        self.moderation_state = ModerationState.HIDDEN
        self.hidden_reason = reason
        self.hidden_at = at

    def restore(self) -> None:
        """Shown again, intact."""
        self.moderation_state = ModerationState.VISIBLE
        self.hidden_reason = None
        self.hidden_at = None

    def approve(self) -> None:
        """Published after waiting for approval (pre-moderation)."""
        self.moderation_state = ModerationState.VISIBLE


# Queries --------------------------------------------------------------------------------


def visible_filter(model: Any) -> sa.ColumnElement[bool]:
    """The condition on ``model`` (Proposal, Comment, or an alias of one) that keeps what
    the public may see in lists, searches, counts and exports."""
    return model.moderation_state == ModerationState.VISIBLE


# One item -------------------------------------------------------------------------------


def state_of(item: Any) -> ModerationState:
    state = getattr(item, "moderation_state", None)
    return ModerationState(state) if state is not None else ModerationState.VISIBLE


def is_public(item: Any) -> bool:
    """Shown to everyone (neither hidden nor waiting for approval)."""
    return state_of(item) == ModerationState.VISIBLE


def is_hidden(item: Any) -> bool:
    return state_of(item) == ModerationState.HIDDEN


def is_pending(item: Any) -> bool:
    return state_of(item) == ModerationState.PENDING


def is_own(user: object, item: Any) -> bool:
    """The signed-in person wrote ``item``."""
    return (
        getattr(user, "is_authenticated", False)
        and getattr(user, "id", None) is not None
        and user.id == getattr(item, "author_id", None)  # type: ignore[union-attr]
    )


def can_see_text(user: object, item: Any) -> bool:
    """Whether ``user`` reads the text of ``item`` on its own page or in its thread: always
    when it is visible; when hidden or pending, only its author and moderators."""
    return is_public(item) or is_own(user, item) or can_moderate(user)


def can_see_item(user: object, item: Any) -> bool:
    """Whether ``item`` appears at all for ``user``: a hidden item keeps its place (with a
    placeholder for those who may not read it); a pending one exists only for its author and
    moderators until it is approved."""
    return not is_pending(item) or can_see_text(user, item)


def hidden_notice(item: Any) -> str:
    """"Oculto por moderación: <reason>" (the reason is escaped where it is shown)."""
    reason = (getattr(item, "hidden_reason", None) or "").strip()
    if reason:
        return gettext("Oculto por moderación: %(reason)s", reason=reason)
    return gettext("Oculto por moderación")


def hidden_comment_notice(item: Any) -> str:
    """"Comentario oculto por moderación: <reason>", in place of a hidden comment."""
    reason = (getattr(item, "hidden_reason", None) or "").strip()
    if reason:
        return gettext("Comentario oculto por moderación: %(reason)s", reason=reason)
    return gettext("Comentario oculto por moderación.")


# Pre-moderation -------------------------------------------------------------------------


def premoderation_applies(author: object, round: Any, now: datetime | None = None) -> bool:
    """The round holds content of ``author`` for approval: pre-moderation is on
    (``round.premoderation_account_days`` is set) and the account is unconfirmed or younger
    than that many days. Moderators and administrators are never held."""
    if round is None:
        return False
    days = getattr(round, "premoderation_account_days", None)
    if days is None or can_moderate(author):
        return False
    if getattr(author, "email_confirmed_at", None) is None:
        return True
    created_at = getattr(author, "created_at", None)
    if created_at is None:
        return True
    return created_at > (now or utcnow()) - timedelta(days=days)


def initial_state(author: object, round: Any, now: datetime | None = None) -> ModerationState:
    """The ``moderation_state`` a new proposal or comment of ``author`` in ``round`` (None
    for a commitment of no round) is created with."""
    if premoderation_applies(author, round, now):
        return ModerationState.PENDING
    return ModerationState.VISIBLE
