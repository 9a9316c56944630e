"""The organisation permission functions, over role x membership state."""

from __future__ import annotations

import pytest
from flask_login import AnonymousUserMixin

from participa.base.time import utcnow
from participa.organizations.models import MembershipStatus
from participa.organizations.permissions import (
    can_act_for,
    can_manage_members,
    can_request_membership,
    organizations_user_can_act_for,
)

from ..factories import make_membership, make_organization, make_user

P, A, R = MembershipStatus.PENDING, MembershipStatus.ACCEPTED, MembershipStatus.REFUSED

# (membership status or None, is_manager, verified organisation) -> expected
CASES = [
    # status, manager, verified, can_manage, can_request, can_act_for
    (None, False, True, False, True, False),
    (P, False, True, False, False, False),
    (R, False, True, False, True, False),
    (A, False, True, False, False, True),
    (A, True, True, True, False, True),
    (A, False, False, False, False, False),
    (A, True, False, True, False, False),
    (P, True, True, False, False, False),
    (R, True, True, False, True, False),
]


@pytest.mark.parametrize(
    "status, manager, verified, manage, request_, act", CASES
)
def test_member_matrix(db_session, status, manager, verified, manage, request_, act):
    user = make_user()
    organization = make_organization(verified=verified, managed=True)
    if status is not None:
        make_membership(user, organization, status=status, manager=manager)
    assert can_manage_members(user, organization) is manage
    assert can_request_membership(user, organization) is request_
    assert can_act_for(user, organization) is act


def test_anonymous_may_do_nothing(db_session):
    organization = make_organization()
    anonymous = AnonymousUserMixin()
    assert not can_manage_members(anonymous, organization)
    assert not can_request_membership(anonymous, organization)
    assert not can_act_for(anonymous, organization)
    assert organizations_user_can_act_for(anonymous) == []
    assert not can_manage_members(None, organization)


def test_admin_manages_every_organisation_but_acts_for_none(db_session):
    admin = make_user(is_admin=True)
    organization = make_organization(managed=True)
    assert can_manage_members(admin, organization)
    assert not can_act_for(admin, organization)
    assert can_request_membership(admin, organization)


def test_moderator_does_not_manage_members(db_session):
    moderator = make_user(is_moderator=True)
    assert not can_manage_members(moderator, make_organization())


def test_manager_of_another_organisation_does_not_manage(db_session):
    user = make_user()
    own, other = make_organization(), make_organization()
    make_membership(user, own, manager=True)
    assert can_manage_members(user, own)
    assert not can_manage_members(user, other)
    assert not can_act_for(user, other)


def test_unconfirmed_person_cannot_request(db_session):
    user = make_user(confirmed=False)
    assert not can_request_membership(user, make_organization())


def test_deleted_person_may_do_nothing(db_session):
    user = make_user()
    organization = make_organization()
    make_membership(user, organization, manager=True)
    user.deleted_at = utcnow()
    db_session.commit()
    assert not can_manage_members(user, organization)
    assert not can_act_for(user, organization)
    assert not can_request_membership(user, organization)
    assert organizations_user_can_act_for(user) == []


def test_organizations_user_can_act_for(db_session):
    user = make_user()
    zeta = make_organization(name="Zeta verificada")
    alfa = make_organization(name="Alfa verificada")
    unverified = make_organization(name="Beta sin verificar", verified=False)
    pending = make_organization(name="Gamma pendiente")
    refused = make_organization(name="Delta rechazada")
    other_people = make_organization(name="Épsilon de otras personas")
    make_membership(user, zeta)
    make_membership(user, alfa, manager=True)
    make_membership(user, unverified)
    make_membership(user, pending, status=P)
    make_membership(user, refused, status=R)
    make_membership(make_user(), other_people)
    assert organizations_user_can_act_for(user) == [alfa, zeta]
