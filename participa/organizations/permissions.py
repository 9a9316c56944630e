"""Who may do what with organisations. Functions of the user and the organisation, without
side effects: each rule answers with its refusal (``base.errors``) or None; views ask it,
services enforce it, templates get the answer from the view."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _

from ..accounts.models import User
from ..base.errors import Conflict, DomainError, Invalid, NotAllowed, allows
from ..base.extensions import db
from ..base.roles import can_administer, signed_in
from .models import Membership, MembershipStatus, Organization


def _active(user: object) -> bool:
    return (
        isinstance(user, User)
        and getattr(user, "is_authenticated", False)
        and not user.is_deleted
    )


def membership_of(user: object, organization: Organization) -> Membership | None:
    """The person's membership row in this organisation, whatever its status."""
    if not _active(user) or organization.id is None:
        return None
    return db.session.scalar(
        sa.select(Membership).where(
            Membership.user_id == user.id,  # type: ignore[union-attr]
            Membership.organization_id == organization.id,
        )
    )


def manage_members_refusal(user: object, organization: Organization) -> DomainError | None:
    """Who answers the organisation's requests to join: administrators, and accepted
    managers of the organisation who are not blocked by the moderation (a block stops every
    action on the site, answering requests to join too). Anyone else: the plain 403."""
    if can_administer(user):
        return None
    membership = membership_of(user, organization)
    if (membership is not None and membership.is_accepted and membership.is_manager
            and not user.is_blocked):  # type: ignore[union-attr]
        return None
    return NotAllowed()


can_manage_members = allows(manage_members_refusal)


def requester_refusal(user: object) -> DomainError | None:
    """Whether this person may ask to join organisations at all: signed in, not deleted, not
    blocked by the moderation (a request reaches the managers, and blocked people take no
    part), with a confirmed address."""
    if not signed_in(user):
        return NotAllowed(_("Inicie sesión para continuar."))
    if user.is_deleted:  # type: ignore[union-attr]
        return Conflict(_("Esta cuenta fue eliminada."))
    if user.is_blocked:  # type: ignore[union-attr]
        return NotAllowed(_("Mientras la moderación mantenga bloqueada su cuenta, no puede "
                            "pedir unirse a una organización."))
    if not user.is_confirmed:  # type: ignore[union-attr]
        return Conflict(
            _("Confirme su correo electrónico para poder pedir unirse a una organización.")
        )
    return None


NO_MANAGERS = _(
    "Esta organización todavía no tiene en Participa una persona responsable que responda "
    "las solicitudes para unirse. Si usted la representa, escriba a la Mesa Técnica de "
    "Gobierno Abierto para que la administración la nombre."
)


def no_manager_refusal(organization: Organization) -> DomainError | None:
    """An organisation takes requests to join only while someone can answer them: an
    accepted manager whose account was not deleted. Without one, a request would wait for
    nobody; the page says whom to write to instead."""
    manager = db.session.scalar(
        sa.select(Membership.id)
        .join(User, User.id == Membership.user_id)
        .where(Membership.organization_id == organization.id,
               Membership.is_manager.is_(True),
               Membership.status == MembershipStatus.ACCEPTED,
               User.deleted_at.is_(None))
        .limit(1)
    )
    return Conflict(NO_MANAGERS) if manager is None else None


def request_again_refusal(status: MembershipStatus | None) -> DomainError | None:
    """Given the status of the person's membership (None: they have none), whether they may
    ask (again): with none, or after a refusal; not while a request is pending or once
    accepted."""
    if status is None or status == MembershipStatus.REFUSED:
        return None
    if status == MembershipStatus.PENDING:
        return Conflict(_("Ya pidió unirse a esta organización. Su solicitud está pendiente."))
    return Conflict(_("Ya es integrante de esta organización."))


def membership_request_refusal(user: object, organization: Organization) -> DomainError | None:
    """The rule of asking to join: the person (``requester_refusal``), their row
    (``request_again_refusal``), then someone to answer (``no_manager_refusal``).
    ``services.request_membership`` enforces every part."""
    if refusal := requester_refusal(user):
        return refusal
    membership = membership_of(user, organization)
    return (request_again_refusal(membership.status if membership is not None else None)
            or no_manager_refusal(organization))


can_request_membership = allows(membership_request_refusal)


def new_manager_refusal(user: User | None) -> DomainError | None:
    """Who may be made a manager (by an administrator): an account that exists and is not
    deleted; the refusal goes beside the e-mail field of the form."""
    if user is None:
        return Invalid(_("No hay ninguna cuenta con ese correo electrónico."), field="email")
    if user.is_deleted:
        return Invalid(_("Esta cuenta fue eliminada."), field="email")
    return None


def can_act_for(user: object, organization: Organization) -> bool:
    """Speak on behalf of the organisation: only an accepted member of a verified one."""
    if not organization.is_verified:
        return False
    membership = membership_of(user, organization)
    return membership is not None and membership.is_accepted


def acting_for_refusal(user: object, organization: Organization | None) -> DomainError | None:
    """Speaking for ``organization`` (None: for oneself) on a proposal or a comment."""
    if organization is not None and not can_act_for(user, organization):
        return Invalid(
            _("Solo puede hablar en nombre de una organización verificada de la que es "
              "integrante."),
            field="organization",
        )
    return None


def organizations_user_can_act_for(user: object) -> list[Organization]:
    """The verified organisations where the person is an accepted member, by name."""
    if not _active(user):
        return []
    return list(
        db.session.scalars(
            sa.select(Organization)
            .join(Membership, Membership.organization_id == Organization.id)
            .where(
                Membership.user_id == user.id,  # type: ignore[union-attr]
                Membership.status == MembershipStatus.ACCEPTED,
                Organization.is_verified.is_(True),
            )
            .order_by(Organization.name)
        )
    )
