"""The demo's translators: the translator account translates K'iche', Kaqchikel and English,
and the reviewer account reviews them (a different person approves, as the rule wants), so
``make run`` shows the workspace at work; the glossaries are seeded from the verified terms.
Demo data, like the accounts: not audited."""

from __future__ import annotations

import sqlalchemy as sa
from flask import current_app

from ..accounts.models import User
from ..base.extensions import db
from ..translation import glossary
from ..translation.models import TranslatorRole
from .organizations import REVIEWER_EMAIL, TRANSLATOR_EMAIL

LANGUAGES = ("quc", "cak", "en")


def load_translators(users: list[User]) -> int:
    """Give the demo's translator and reviewer their roles (idempotently) and seed the
    glossaries; the number of glossary terms added."""
    enabled = current_app.config["LANGUAGES"]
    for user in users:
        if user.email not in (TRANSLATOR_EMAIL, REVIEWER_EMAIL):
            continue
        for language in LANGUAGES:
            if language not in enabled:
                continue
            role = db.session.scalar(sa.select(TranslatorRole).where(
                TranslatorRole.user_id == user.id, TranslatorRole.language == language))
            if role is None:
                role = TranslatorRole(user_id=user.id, language=language)
                db.session.add(role)
            role.can_review = user.email == REVIEWER_EMAIL
            role.revoked_at = None
    db.session.flush()
    return glossary.seed()
