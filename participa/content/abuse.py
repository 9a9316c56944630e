"""Protections against spam that are not rate limits (``ratelimits``) or the honeypot field
(``forms.Honeypot``): the limit on links in the texts of new accounts.

An account younger than ``LINK_LIMIT_NEW_ACCOUNT_DAYS`` days may put at most ``LINK_LIMIT``
web or e-mail addresses in a proposal (all its texts together) or a comment. Beyond that the
services refuse with a translated message for the field where the limit was passed; the
views answer 422 with the form as it was typed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import ngettext

from ..base.time import utcnow

# An address: a scheme of the link filter's allowlist (participa/content/textfmt.py), or "www." that
# does not follow a scheme or a dot (so "https://www.x" counts once).
_LINK_RE = re.compile(r"(?:https?://|mailto:|(?<![\w./@-])www\.)", re.IGNORECASE)


def count_links(text: str | None) -> int:
    return len(_LINK_RE.findall(text or ""))


def link_limit(author: object, now: datetime | None = None) -> int | None:
    """How many links ``author`` may put in one text, or None (no limit: an older account,
    or the limit switched off with ``LINK_LIMIT_NEW_ACCOUNT_DAYS`` = 0)."""
    days = current_app.config.get("LINK_LIMIT_NEW_ACCOUNT_DAYS") or 0
    if days <= 0:
        return None
    created_at = getattr(author, "created_at", None)
    if created_at is not None and created_at <= (now or utcnow()) - timedelta(days=days):
        return None
    return int(current_app.config.get("LINK_LIMIT", 2))


def link_limit_problem(
    author: object, texts: Iterable[tuple[str, str | None]], now: datetime | None = None
) -> tuple[str, str] | None:
    """``(field, message)`` when the texts (``(field, text)`` pairs, counted together) hold
    more links than ``author`` may post; None when they are within the limit."""
    limit = link_limit(author, now)
    if limit is None:
        return None
    total = 0
    for field, text in texts:
        total += count_links(text)
        if total > limit:
            days = current_app.config["LINK_LIMIT_NEW_ACCOUNT_DAYS"]
            message = ngettext(
                "Las cuentas creadas hace menos de %(days)d días pueden incluir como máximo "
                "%(num)d enlace en una propuesta o un comentario. Quite algunas direcciones "
                "web y vuelva a enviarlo.",
                "Las cuentas creadas hace menos de %(days)d días pueden incluir como máximo "
                "%(num)d enlaces en una propuesta o un comentario. Quite algunas direcciones "
                "web y vuelva a enviarlo.",
                limit, days=days,
            )
            return field, message
    return None
