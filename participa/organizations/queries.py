"""The read side of organisations: one statement per list, whatever its size."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager, joinedload

from ..accounts.models import User
from ..base.extensions import db
from .models import Membership, MembershipStatus, Organization


def organizations() -> list[Organization]:
    """Every organisation, by name."""
    return list(db.session.scalars(sa.select(Organization).order_by(Organization.name)))


def members(organization: Organization) -> list[User]:
    """The accepted members, by name."""
    return list(db.session.scalars(
        sa.select(User)
        .join(Membership, Membership.user_id == User.id)
        .where(
            Membership.organization_id == organization.id,
            Membership.status == MembershipStatus.ACCEPTED,
        )
        .order_by(User.name)
    ))


def pending_requests(organization: Organization) -> list[Membership]:
    """The requests to join waiting for an answer, oldest first, with their people."""
    return list(db.session.scalars(
        sa.select(Membership)
        .where(
            Membership.organization_id == organization.id,
            Membership.status == MembershipStatus.PENDING,
        )
        .options(joinedload(Membership.user))
        .order_by(Membership.created_at, Membership.id)
    ))


def memberships(organization: Organization) -> list[Membership]:
    """Every membership, whatever its status, managers first, with their people."""
    return list(db.session.scalars(
        sa.select(Membership)
        .where(Membership.organization_id == organization.id)
        .options(joinedload(Membership.user))
        .order_by(Membership.is_manager.desc(), Membership.id)
    ))


def membership_or_404(organization: Organization, membership_id: int) -> Membership:
    """A membership loaded through its organisation: a manager of one organisation cannot
    reach another's requests (404)."""
    return db.first_or_404(
        sa.select(Membership).where(
            Membership.id == membership_id, Membership.organization_id == organization.id
        )
    )


def memberships_of(user: User) -> list[Membership]:
    """The person's memberships, whatever their status, by the organisation's name."""
    return list(db.session.scalars(
        sa.select(Membership)
        .join(Membership.organization)
        .where(Membership.user_id == user.id)
        .options(contains_eager(Membership.organization))
        .order_by(Organization.name)
    ))
