"""The roles of a person: administration and moderation (the MTGA). Translators and
reviewers are per language, rows of ``translation.models.TranslatorRole``.

Pure functions of the user object (a signed-in ``accounts.models.User`` or Flask-Login's
anonymous user), below every feature that asks them: ``content.visibility`` (moderators read
hidden text), the blueprint guards, and each feature's rules. They read only the person's
role flags, so they need no import of the accounts package.
"""

from __future__ import annotations


def signed_in(user: object) -> bool:
    """A signed-in person (Flask-Login's anonymous user is not)."""
    return bool(getattr(user, "is_authenticated", False))


def can_administer(user: object) -> bool:
    return signed_in(user) and bool(getattr(user, "is_admin", False))


def can_manage_roles(user: object) -> bool:
    return can_administer(user)


def can_run_rounds(user: object) -> bool:
    """The MTGA runs its own consultation rounds: the schedule (opening and closing each
    phase, the vote among them), the vote's rules, and publishing the plan. Its moderators
    hold this right (and administrators); one predicate, so a separate role later is one
    edit (docs/decisions.md, "Who runs a round")."""
    return can_moderate(user)


def can_moderate(user: object) -> bool:
    return signed_in(user) and bool(
        getattr(user, "is_moderator", False) or getattr(user, "is_admin", False)
    )
