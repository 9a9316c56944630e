"""Who may do what with accounts. Pure functions of the user (and object)."""

from __future__ import annotations

from .models import User


def _signed_in(user: object) -> bool:
    return getattr(user, "is_authenticated", False) and isinstance(user, User)


def can_administer(user: object) -> bool:
    return _signed_in(user) and user.is_admin  # type: ignore[union-attr]


def can_manage_roles(user: object) -> bool:
    return can_administer(user)


def can_moderate(user: object) -> bool:
    return _signed_in(user) and (user.is_moderator or user.is_admin)  # type: ignore[union-attr]


def can_translate(user: object) -> bool:
    return _signed_in(user) and (user.is_translator or user.is_admin)  # type: ignore[union-attr]


def can_use_two_factor(user: object) -> bool:
    """Moderators and administrators may set up the two-step log-in; whoever has it may
    manage and switch it off (a role taken away leaves it in force)."""
    return _signed_in(user) and (  # type: ignore[union-attr]
        user.is_moderator or user.is_admin or user.has_two_factor  # type: ignore[union-attr]
    )
