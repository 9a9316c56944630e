"""Who may do what with accounts: each rule once, answering with its refusal
(``base.errors``) or None; views ask, services enforce. The roles themselves
(``can_administer``, ``can_moderate``...) are in ``base.roles``, below every feature."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _

from ..base.errors import Conflict, DomainError, Invalid, NotAllowed, allows
from ..base.extensions import db
from ..base.roles import signed_in
from .blocking import blocked_message
from .models import User


def two_factor_refusal(user: object) -> DomainError | None:
    """Moderators and administrators may set up the two-step log-in; whoever has it may
    manage and switch it off (a role taken away leaves it in force). Others: the plain 403."""
    if signed_in(user) and (
        user.is_moderator or user.is_admin or user.has_two_factor  # type: ignore[attr-defined]
    ):
        return None
    return NotAllowed()


can_use_two_factor = allows(two_factor_refusal)


def two_factor_setup_refusal(user: User) -> DomainError | None:
    """Setting up (or confirming the set-up of) the second step, which is not in force yet."""
    if user.has_two_factor:
        return Conflict(_("La verificación en dos pasos ya está activa."))
    return None


def two_factor_confirm_refusal(user: User) -> DomainError | None:
    """Confirming the set-up with a code: it must have been started."""
    if refusal := two_factor_setup_refusal(user):
        return refusal
    if not user.totp_secret:
        return Conflict(_("Empiece la configuración otra vez."))
    return None


def recovery_codes_refusal(user: User) -> DomainError | None:
    """New recovery codes: only with the second step in force."""
    if not user.has_two_factor:
        return Conflict(_("La verificación en dos pasos no está activa."))
    return None


def deletion_refusal(user: User) -> DomainError | None:
    """The last administrator cannot delete their account."""
    if user.is_admin and not db.session.scalar(
        sa.select(sa.func.count(User.id)).where(
            User.is_admin.is_(True), User.deleted_at.is_(None), User.id != user.id
        )
    ):
        return Conflict(_("Usted es la única persona con el rol de administración: "
                          "dé ese rol a otra persona antes de eliminar su cuenta."))
    return None


def roles_refusal(actor: User, user: User, *, is_admin: bool) -> DomainError | None:
    """Giving or taking roles (administrators, behind the administration's gate): not to a
    deleted account, and an administrator does not take their own role away."""
    if user.is_deleted:
        return Invalid(_("No se pueden asignar roles a una cuenta eliminada."))
    if user.id == actor.id and user.is_admin and not is_admin:
        return Invalid(_("No puede quitarse a sí mismo el rol de administración."))
    return None


def blocked_refusal(user: object) -> DomainError | None:
    """A person blocked by the moderation takes no part (posting, commenting, supporting,
    voting, reporting): the 403 with the block's end and reason."""
    if signed_in(user) and user.is_blocked:  # type: ignore[attr-defined]
        return NotAllowed(blocked_message(user))  # type: ignore[arg-type]
    return None
