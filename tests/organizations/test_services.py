"""Organisation and membership services: state changes, refusals and audit events."""

from __future__ import annotations

import pytest

from participa.base.errors import Conflict, Invalid
from participa.base.extensions import db
from participa.base.time import utcnow
from participa.organizations import permissions, services
from participa.organizations.models import (
    Membership,
    MembershipStatus,
    Organization,
    OrganizationKind,
)

from ..factories import audit_events, make_membership, make_organization, make_user

P, A, R = MembershipStatus.PENDING, MembershipStatus.ACCEPTED, MembershipStatus.REFUSED


def _count(model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


# Requests to join -------------------------------------------------------------------------


def test_request_creates_a_pending_membership(db_session):
    user, organization = make_user(), make_organization(managed=True)
    membership = services.request_membership(user=user, organization=organization)
    db_session.commit()
    assert membership.status == P
    assert not membership.is_manager
    assert (membership.user_id, membership.organization_id) == (user.id, organization.id)
    assert audit_events() == []  # a person's own request is not a moderator action


def test_a_second_request_is_refused_with_a_message(db_session):
    user, organization = make_user(), make_organization(managed=True)
    services.request_membership(user=user, organization=organization)
    db_session.commit()
    with pytest.raises(Conflict, match="Su solicitud está pendiente"):
        services.request_membership(user=user, organization=organization)
    db_session.rollback()
    assert _count(Membership) == 2  # the request and the manager's


def test_a_member_cannot_ask_again(db_session):
    user, organization = make_user(), make_organization()
    make_membership(user, organization, status=A)
    with pytest.raises(Conflict, match="Ya es integrante"):
        services.request_membership(user=user, organization=organization)


def test_a_refused_person_may_ask_again_on_the_same_row(db_session):
    user, organization, manager = make_user(), make_organization(managed=True), make_user()
    membership = make_membership(user, organization, status=R)
    membership.decided_at = utcnow()
    membership.decided_by_id = manager.id
    db_session.commit()
    again = services.request_membership(user=user, organization=organization)
    db_session.commit()
    assert again.id == membership.id
    assert again.status == P
    assert again.decided_at is None and again.decided_by_id is None
    assert _count(Membership) == 2  # the request and the manager's


def test_unconfirmed_person_cannot_ask(db_session):
    user = make_user(confirmed=False)
    with pytest.raises(Conflict, match="Confirme su correo"):
        services.request_membership(user=user, organization=make_organization())
    assert _count(Membership) == 0


def test_simultaneous_requests_keep_one_row(db_session, monkeypatch):
    """Two requests racing past the check: the unique constraint refuses the second, inside
    a savepoint, so the session stays usable and the answer is the translated message."""
    user, organization = make_user(), make_organization(managed=True)
    services.request_membership(user=user, organization=organization)
    db_session.commit()
    monkeypatch.setattr(permissions, "membership_of", lambda user, organization: None)
    with pytest.raises(Conflict, match="Ya pidió unirse"):
        services.request_membership(user=user, organization=organization)
    assert _count(Membership) == 2  # the request and the manager's: the transaction is still usable
    db_session.rollback()


# Decisions --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "accept, action, status", [(True, "membership.accept", A), (False, "membership.refuse", R)]
)
def test_decision_is_audited(db_session, accept, action, status):
    manager, applicant, organization = make_user(), make_user(), make_organization(acronym="AC")
    make_membership(manager, organization, manager=True)  # the service enforces who decides
    membership = make_membership(applicant, organization, status=P)
    services.decide_membership(actor=manager, membership=membership, accept=accept)
    db_session.commit()
    assert membership.status == status
    assert membership.decided_by_id == manager.id
    assert membership.decided_at is not None
    [event] = audit_events()
    assert event.action == action
    assert event.actor_id == manager.id
    assert (event.target_type, event.target_id) == ("memberships", membership.id)
    assert event.before == {"status": "pendiente"}
    assert event.after == {"status": status.value}
    assert f"usuario {applicant.id}" in event.target_label


@pytest.mark.parametrize("status", [A, R])
def test_a_decided_request_cannot_be_decided_again(db_session, status):
    membership = make_membership(make_user(), make_organization(), status=status)
    with pytest.raises(Conflict, match="ya fue atendida"):
        services.decide_membership(actor=make_user(is_admin=True), membership=membership,
                                   accept=True)
    assert membership.status == status
    assert audit_events() == []


# Managers ---------------------------------------------------------------------------------


def test_add_manager_creates_an_accepted_membership(db_session):
    admin, user, organization = make_user(is_admin=True), make_user(), make_organization()
    membership = services.add_manager(actor=admin, organization=organization, user=user)
    db_session.commit()
    assert membership.status == A and membership.is_manager
    [event] = audit_events("membership.manager")
    assert event.actor_id == admin.id
    assert event.before is None
    assert event.after == {"status": "aceptada", "is_manager": True}


@pytest.mark.parametrize("status", [P, R, A])
def test_add_manager_updates_an_existing_membership(db_session, status):
    admin, user, organization = make_user(is_admin=True), make_user(), make_organization()
    existing = make_membership(user, organization, status=status)
    membership = services.add_manager(actor=admin, organization=organization, user=user)
    db_session.commit()
    assert membership.id == existing.id
    assert membership.status == A and membership.is_manager
    [event] = audit_events("membership.manager")
    assert event.before == {"status": status.value, "is_manager": False}
    assert event.after == {"status": "aceptada", "is_manager": True}
    assert _count(Membership) == 1


def test_add_manager_twice_is_refused(db_session):
    admin, user, organization = make_user(is_admin=True), make_user(), make_organization()
    make_membership(user, organization, manager=True)
    with pytest.raises(Invalid) as error:
        services.add_manager(actor=admin, organization=organization, user=user)
    assert error.value.field == "email"
    assert audit_events() == []


# Organisations ----------------------------------------------------------------------------


def _create(actor, **overrides):
    values = {"name": "Acción Ciudadana", "acronym": "AC", "kind": OrganizationKind.OSC,
              "website": "https://accionciudadana.org.gt"}
    return services.create_organization(actor=actor, **{**values, **overrides})


def test_create_organization_is_audited(db_session):
    admin = make_user(is_admin=True)
    organization = _create(admin, name="  Acción   Ciudadana ", acronym=" AC ")
    db_session.commit()
    assert organization.name == "Acción Ciudadana"
    assert organization.acronym == "AC"
    assert not organization.is_verified
    [event] = audit_events("organization.create")
    assert event.actor_id == admin.id
    assert (event.target_type, event.target_id) == ("organizations", organization.id)
    assert event.before is None
    assert event.after == {
        "name": "Acción Ciudadana", "acronym": "AC", "kind": "osc",
        "website": "https://accionciudadana.org.gt", "is_verified": False,
    }


def test_blank_acronym_and_website_are_stored_as_none(db_session):
    organization = _create(make_user(is_admin=True), acronym="  ", website="")
    assert organization.acronym is None and organization.website is None


@pytest.mark.parametrize("name", ["Acción Ciudadana", "acción ciudadana", " Acción Ciudadana "])
def test_duplicate_name_is_a_field_error(db_session, name):
    admin = make_user(is_admin=True)
    make_organization(name="Acción Ciudadana")
    with pytest.raises(Invalid) as error:
        _create(admin, name=name)
    assert error.value.field == "name"
    assert "Ya hay una organización con ese nombre" in str(error.value)
    assert _count(Organization) == 1
    assert audit_events() == []


def test_duplicate_name_race_is_a_field_error(db_session, monkeypatch):
    """If another admin commits the same name between the check and the insert, the unique
    constraint answers, in a savepoint, with the same field error."""
    admin = make_user(is_admin=True)
    make_organization(name="Acción Ciudadana")
    def no_check(*, name, acronym, website, exclude_id=None):
        return name, acronym, website

    monkeypatch.setattr(services, "_clean", no_check)
    with pytest.raises(Invalid) as error:
        _create(admin)
    assert error.value.field == "name"
    assert _count(Organization) == 1


def test_rename_race_is_a_field_error(db_session, monkeypatch):
    admin = make_user(is_admin=True)
    make_organization(name="SEGEPLAN")
    organization = make_organization(name="INAP")

    def no_check(*, name, acronym, website, exclude_id=None):
        return name, acronym, website

    monkeypatch.setattr(services, "_clean", no_check)
    with pytest.raises(Invalid) as error:
        services.update_organization(actor=admin, organization=organization, name="SEGEPLAN",
                                     acronym=None, kind=organization.kind, website=None)
    assert error.value.field == "name"
    assert organization.name == "INAP"  # the savepoint's rollback restored it
    assert audit_events() == []


@pytest.mark.parametrize(
    "website", ["javascript:alert(1)", "data:text/html,x", "ftp://example.org", "example.org"]
)
def test_unsafe_website_is_refused_by_the_service_too(db_session, website):
    with pytest.raises(Invalid) as error:
        _create(make_user(is_admin=True), website=website)
    assert error.value.field == "website"
    assert _count(Organization) == 0


def test_update_organization_audits_only_what_changed(db_session):
    admin = make_user(is_admin=True)
    organization = make_organization(name="Guatecivica", kind=OrganizationKind.ACADEMIA)
    services.update_organization(
        actor=admin, organization=organization, name="Guatecívica", acronym=None,
        kind=OrganizationKind.OSC, website="https://example.org",
    )
    db_session.commit()
    assert (organization.name, organization.kind) == ("Guatecívica", OrganizationKind.OSC)
    [event] = audit_events("organization.update")
    assert event.actor_id == admin.id
    assert event.before == {"name": "Guatecivica", "kind": "academia", "website": None}
    assert event.after == {"name": "Guatecívica", "kind": "osc", "website": "https://example.org"}


def test_update_without_changes_writes_no_event(db_session):
    organization = make_organization(name="INAP", acronym="INAP")
    services.update_organization(
        actor=make_user(is_admin=True), organization=organization, name="INAP",
        acronym="INAP", kind=organization.kind, website=None,
    )
    assert audit_events() == []


def test_update_to_another_organisations_name_is_refused(db_session):
    make_organization(name="SEGEPLAN")
    organization = make_organization(name="INAP")
    with pytest.raises(Invalid) as error:
        services.update_organization(
            actor=make_user(is_admin=True), organization=organization, name="segeplan",
            acronym=None, kind=organization.kind, website=None,
        )
    assert error.value.field == "name"
    db_session.rollback()
    assert db.session.get(Organization, organization.id).name == "INAP"


def test_verify_and_unverify_are_audited(db_session):
    admin = make_user(is_admin=True)
    organization = make_organization(verified=False)
    services.set_verified(actor=admin, organization=organization, verified=True)
    db_session.commit()
    assert organization.is_verified and organization.verified_at is not None
    services.set_verified(actor=admin, organization=organization, verified=False)
    db_session.commit()
    assert not organization.is_verified and organization.verified_at is None
    verify, unverify = audit_events()
    assert (verify.action, verify.before, verify.after) == (
        "organization.verify", {"is_verified": False}, {"is_verified": True})
    assert (unverify.action, unverify.before, unverify.after) == (
        "organization.unverify", {"is_verified": True}, {"is_verified": False})
    assert verify.actor_id == unverify.actor_id == admin.id


def test_verifying_a_verified_organisation_changes_nothing(db_session):
    organization = make_organization(verified=True)
    services.set_verified(actor=make_user(is_admin=True), organization=organization,
                          verified=True)
    assert audit_events() == []


def test_an_organisation_without_a_manager_takes_no_requests(db_session):
    """Nobody would answer them (issue 15, item 13): the page says whom to write to."""
    user, organization = make_user(), make_organization()
    with pytest.raises(Conflict, match="todavía no tiene en Participa una persona responsable"):
        services.request_membership(user=user, organization=organization)
    db_session.rollback()
    assert _count(Membership) == 0
    # A manager whose account was deleted answers nothing either; a living one does.
    gone = make_user()
    make_membership(gone, organization, manager=True)
    gone.deleted_at = utcnow()
    db_session.commit()
    assert permissions.no_manager_refusal(organization) is not None
    make_membership(make_user(), organization, manager=True)
    assert permissions.no_manager_refusal(organization) is None
    assert services.request_membership(user=user, organization=organization).status == P
