"""What content translation tells the features above it (blinker, like
``accounts.signals``): this package imports no feature above it.

``translation_moderated`` is sent by ``services.hide_translation``,
``restore_translation`` and ``dismiss_translation_reports`` with the translation as sender,
inside the decision's transaction, after the change is flushed and audited, with
``moderator`` (the User who decided), ``decision`` ("hide", "restore" or "dismiss"),
``reason`` (the hiding's reason, else "") and ``now``. Moderation connects to it: it writes
the decision in the public moderation log and tells the translator, as it does for a comment.
Receivers flush or add; they never commit."""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

translation_moderated = _signals.signal("translation-moderated")
