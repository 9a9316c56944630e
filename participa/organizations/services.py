"""Organisation and membership operations. They enforce the rules of ``permissions``, raise
``base.errors`` refusals (a field error names its form field), flush and write audit events;
the request's transaction boundary and commands commit."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _

from ..accounts.models import User
from ..accounts.signals import account_deleted
from ..audit.services import record
from ..base.errors import Conflict, Invalid, enforce
from ..base.extensions import db
from ..base.time import utcnow
from ..notifications.services import notify, notify_each, path_for
from . import permissions
from .links import is_web_url
from .models import Membership, MembershipStatus, Organization, OrganizationKind

# The notifications of requests to join (notification_kinds).
MEMBERSHIP_REQUESTED = "membership_requested"
MEMBERSHIP_DECIDED = "membership_decided"

# Memberships ------------------------------------------------------------------------------


@account_deleted.connect
def _forget_memberships(user: User, **_extra: object) -> None:
    """A deleted account belongs to no organisation (and asks to join none)."""
    memberships = sa.select(Membership).where(Membership.user_id == user.id)
    for membership in db.session.scalars(memberships):
        db.session.delete(membership)


def _membership_label(membership: Membership) -> str:
    return f"{membership.organization.label}: usuario {membership.user_id}"


def request_membership(*, user: User, organization: Organization) -> Membership:
    """Ask to join: a new pending request, or a refused one asked again."""
    enforce(permissions.requester_refusal(user))
    membership = permissions.membership_of(user, organization)
    enforce(permissions.request_again_refusal(membership.status if membership else None))
    enforce(permissions.no_manager_refusal(organization))
    if membership is None:
        membership = Membership(user_id=user.id, organization_id=organization.id)
        try:
            with db.session.begin_nested():
                db.session.add(membership)
        except sa.exc.IntegrityError:
            # Another request of the same person got in first (two clicks, two tabs).
            enforce(permissions.request_again_refusal(MembershipStatus.PENDING))
    else:
        membership.status = MembershipStatus.PENDING
        membership.created_at = utcnow()
        membership.decided_at = None
        membership.decided_by_id = None
        db.session.flush()
    _tell_managers(user=user, organization=organization)
    return membership


def _tell_managers(*, user: User, organization: Organization) -> None:
    """The organisation's managers (living accounts) hear of a request to join."""
    managers = db.session.scalars(
        sa.select(User).join(Membership, Membership.user_id == User.id)
        .where(Membership.organization_id == organization.id,
               Membership.is_manager.is_(True),
               Membership.status == MembershipStatus.ACCEPTED,
               User.deleted_at.is_(None))
        .order_by(User.id)
    )
    notify_each(managers, kind=MEMBERSHIP_REQUESTED, actor=user,
                params={"organization_id": organization.id, "organization": organization.name,
                        "person": user.name},
                link=path_for("organizations.requests", organization_id=organization.id))


def _decided(membership: Membership, *, actor: User, status: MembershipStatus) -> None:
    membership.status = status
    membership.decided_at = utcnow()
    membership.decided_by_id = actor.id
    db.session.flush()


def decide_membership(*, actor: User, membership: Membership, accept: bool) -> None:
    """Accept or refuse a pending request (``actor`` answers the organisation's requests)."""
    enforce(permissions.manage_members_refusal(actor, membership.organization))
    if membership.status != MembershipStatus.PENDING:
        raise Conflict(_("Esta solicitud ya fue atendida."))
    new_status = MembershipStatus.ACCEPTED if accept else MembershipStatus.REFUSED
    before = {"status": membership.status.value}
    _decided(membership, actor=actor, status=new_status)
    record(
        actor=actor,
        action="membership.accept" if accept else "membership.refuse",
        target=membership,
        before=before,
        after={"status": new_status.value},
        label=_membership_label(membership),
    )
    organization = membership.organization
    requester = db.session.get(User, membership.user_id)
    if requester is not None and not requester.is_deleted:
        notify(user=requester, kind=MEMBERSHIP_DECIDED, actor=actor,
               params={"organization_id": organization.id, "organization": organization.name,
                       "accepted": accept},
               link=path_for("organizations.show", organization_id=organization.id))


def add_manager(*, actor: User, organization: Organization, user: User | None) -> Membership:
    """Make the person an accepted member and manager of the organisation (``user``: the
    account of the address the administrator typed, None when there is none)."""
    enforce(permissions.new_manager_refusal(user))
    membership = permissions.membership_of(user, organization)
    if membership is None:
        membership = Membership(user_id=user.id, organization_id=organization.id)
        db.session.add(membership)
        before = None
    elif membership.is_accepted and membership.is_manager:
        raise Invalid(_("Esa persona ya es responsable de esta organización."), field="email")
    else:
        before = {"status": membership.status.value, "is_manager": membership.is_manager}
    membership.is_manager = True
    _decided(membership, actor=actor, status=MembershipStatus.ACCEPTED)
    record(
        actor=actor,
        action="membership.manager",
        target=membership,
        before=before,
        after={"status": membership.status.value, "is_manager": True},
        label=_membership_label(membership),
    )
    return membership


# Organisations ----------------------------------------------------------------------------


def _fields(organization: Organization) -> dict[str, Any]:
    return {
        "name": organization.name,
        "acronym": organization.acronym,
        "kind": organization.kind.value,
        "website": organization.website,
    }


def _clean(
    *, name: str, acronym: str | None, website: str | None, exclude_id: int | None = None
) -> tuple[str, str | None, str | None]:
    name = " ".join(name.split())
    acronym = (acronym or "").strip() or None
    website = (website or "").strip() or None
    if not name:
        raise Invalid(_("Este campo es obligatorio."), field="name")
    if website is not None and not is_web_url(website):
        raise Invalid(
            _("Escriba una dirección web válida, que empiece por https://"), field="website"
        )
    query = sa.select(Organization.id).where(sa.func.lower(Organization.name) == name.lower())
    if exclude_id is not None:
        query = query.where(Organization.id != exclude_id)
    if db.session.scalar(query) is not None:
        raise _name_taken()
    return name, acronym, website


def _name_taken() -> Invalid:
    return Invalid(_("Ya hay una organización con ese nombre."), field="name")


@contextmanager
def _unique_name() -> Iterator[None]:
    """Make the changes in a savepoint: a name that someone else took since the check is a
    field error, and the rest of the transaction stays usable."""
    try:
        with db.session.begin_nested():
            yield
    except sa.exc.IntegrityError:
        raise _name_taken() from None


def create_organization(
    *,
    actor: User | None,
    name: str,
    acronym: str | None,
    kind: OrganizationKind,
    website: str | None,
    verified: bool = False,
) -> Organization:
    name, acronym, website = _clean(name=name, acronym=acronym, website=website)
    organization = Organization(
        name=name,
        acronym=acronym,
        kind=kind,
        website=website,
        is_verified=verified,
        verified_at=utcnow() if verified else None,
    )
    with _unique_name():
        db.session.add(organization)
    record(
        actor=actor,
        action="organization.create",
        target=organization,
        after={**_fields(organization), "is_verified": verified},
    )
    return organization


def update_organization(
    *,
    actor: User,
    organization: Organization,
    name: str,
    acronym: str | None,
    kind: OrganizationKind,
    website: str | None,
) -> None:
    name, acronym, website = _clean(
        name=name, acronym=acronym, website=website, exclude_id=organization.id
    )
    before = _fields(organization)
    with _unique_name():
        organization.name = name
        organization.acronym = acronym
        organization.kind = kind
        organization.website = website
    after = _fields(organization)
    if before == after:
        return
    changed = [key for key in after if before[key] != after[key]]
    record(
        actor=actor,
        action="organization.update",
        target=organization,
        before={key: before[key] for key in changed},
        after={key: after[key] for key in changed},
    )


def set_verified(*, actor: User, organization: Organization, verified: bool) -> None:
    """Verify or unverify; only verified organisations' members may act on their behalf."""
    if organization.is_verified == verified:
        return
    before = {"is_verified": organization.is_verified}
    organization.is_verified = verified
    organization.verified_at = utcnow() if verified else None
    db.session.flush()
    record(
        actor=actor,
        action="organization.verify" if verified else "organization.unverify",
        target=organization,
        before=before,
        after={"is_verified": verified},
    )
