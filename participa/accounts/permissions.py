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
