"""Plain factory functions. Call them inside an app context (the ``db_session`` fixture)."""

from __future__ import annotations

import email
import itertools
import re
from email.message import EmailMessage
from pathlib import Path

import sqlalchemy as sa
from flask import current_app

from participa.accounts import passwords
from participa.accounts.models import Sector, User
from participa.audit.models import AuditEvent
from participa.extensions import db
from participa.organizations.models import (
    Membership,
    MembershipStatus,
    Organization,
    OrganizationKind,
)
from participa.timeutil import utcnow

PASSWORD = "una frase larga de prueba"
_counter = itertools.count(1)


def make_user(
    *,
    name: str | None = None,
    email_address: str | None = None,
    password: str = PASSWORD,
    confirmed: bool = True,
    sector: Sector = Sector.CIUDADANIA,
    preferred_language: str | None = None,
    **roles: bool,
) -> User:
    n = next(_counter)
    user = User(
        name=name or f"Persona {n}",
        email=(email_address or f"persona{n}@example.org").lower(),
        password_hash=passwords.hash_password(password),
        sector=sector,
        preferred_language=preferred_language,
        email_confirmed_at=utcnow() if confirmed else None,
        **roles,
    )
    db.session.add(user)
    db.session.commit()
    return user


def make_organization(
    *,
    name: str | None = None,
    acronym: str | None = None,
    kind: OrganizationKind = OrganizationKind.OSC,
    verified: bool = True,
) -> Organization:
    n = next(_counter)
    organization = Organization(
        name=name or f"Organización {n}",
        acronym=acronym,
        kind=kind,
        is_verified=verified,
        verified_at=utcnow() if verified else None,
    )
    db.session.add(organization)
    db.session.commit()
    return organization


def make_membership(
    user: User,
    organization: Organization,
    *,
    status: MembershipStatus = MembershipStatus.ACCEPTED,
    manager: bool = False,
) -> Membership:
    membership = Membership(
        user_id=user.id, organization_id=organization.id, status=status, is_manager=manager
    )
    db.session.add(membership)
    db.session.commit()
    return membership


def login(client, email_address: str, password: str = PASSWORD, **extra):
    return client.post(
        "/cuenta/entrar", data={"email": email_address, "password": password, **extra}
    )


def mails(app=None) -> list[EmailMessage]:
    """Every message the file mail backend wrote, oldest first."""
    directory = Path((app or current_app).config["MAIL_FILE_DIR"])
    if not directory.exists():
        return []
    return [
        email.message_from_bytes(path.read_bytes(), _class=EmailMessage,
                                 policy=email.policy.default)
        for path in sorted(directory.glob("*.eml"))
    ]


def body(message: EmailMessage) -> str:
    return message.get_content()


def link_in(message: EmailMessage) -> str:
    """The first link of our own site in a message, as a path."""
    match = re.search(r"https?://[^/\s]+(/\S+)", body(message))
    assert match, body(message)
    return match.group(1)


def audit_events(action: str | None = None) -> list[AuditEvent]:
    """The audit events written so far (of one action, if given), oldest first."""
    statement = sa.select(AuditEvent).order_by(AuditEvent.id)
    if action is not None:
        statement = statement.where(AuditEvent.action == action)
    return list(db.session.scalars(statement))
