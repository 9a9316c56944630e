"""Who may do what with organisations. Functions of the user and the organisation, without
side effects; views enforce them, templates only show or hide."""

from __future__ import annotations

import sqlalchemy as sa

from ..accounts.models import User
from ..base.extensions import db
from ..base.roles import can_administer
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


def can_manage_members(user: object, organization: Organization) -> bool:
    """Administrators, and accepted managers of the organisation who are not blocked by the
    moderation (a block stops every action on the site, answering requests to join too)."""
    if can_administer(user):
        return True
    membership = membership_of(user, organization)
    return (membership is not None and membership.is_accepted and membership.is_manager
            and not user.is_blocked)  # type: ignore[union-attr]


def can_request_membership(user: object, organization: Organization) -> bool:
    """A confirmed person, not blocked by the moderation, with no membership yet, or whose
    request was refused."""
    if not _active(user) or not user.is_confirmed or user.is_blocked:  # type: ignore[union-attr]
        return False
    membership = membership_of(user, organization)
    return membership is None or membership.status == MembershipStatus.REFUSED


def can_act_for(user: object, organization: Organization) -> bool:
    """Speak on behalf of the organisation: only an accepted member of a verified one."""
    if not organization.is_verified:
        return False
    membership = membership_of(user, organization)
    return membership is not None and membership.is_accepted


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
