"""Who may do what with accounts. Pure functions of the user. The roles themselves
(``can_administer``, ``can_moderate``...) are in ``base.roles``, below every feature."""

from __future__ import annotations

from ..base.roles import signed_in


def can_use_two_factor(user: object) -> bool:
    """Moderators and administrators may set up the two-step log-in; whoever has it may
    manage and switch it off (a role taken away leaves it in force)."""
    return signed_in(user) and bool(
        user.is_moderator or user.is_admin or user.has_two_factor  # type: ignore[attr-defined]
    )
