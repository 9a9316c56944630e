"""Account operations. They enforce the rules of ``permissions`` (raising ``base.errors``),
flush and write audit events; the request's transaction boundary commits."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from ..audit.services import record
from ..base.errors import enforce
from ..base.extensions import db
from ..base.time import utcnow
from ..territory import checked_place
from . import passwords, permissions
from .models import RecoveryCode, Sector, User, UserSession
from .signals import account_deleted


def normalize_email(email: str) -> str:
    return email.strip().lower()


def find_by_email(email: str) -> User | None:
    return db.session.scalar(sa.select(User).where(User.email == normalize_email(email)))


def register_user(
    *, name: str, email: str, password_hash: str, sector: Sector, language: str | None
) -> User | None:
    """Create an unconfirmed account; ``None`` when the e-mail is already registered (the
    caller answers the same either way, so sign-up does not reveal who is registered)."""
    if find_by_email(email) is not None:
        return None
    user = User(
        name=name.strip(),
        email=normalize_email(email),
        password_hash=password_hash,
        sector=sector,
        preferred_language=language,
    )
    db.session.add(user)
    db.session.flush()
    return user


def confirm_email(*, user: User) -> None:
    if user.email_confirmed_at is None:
        user.email_confirmed_at = utcnow()
        db.session.flush()


def authenticate(*, email: str, password: str) -> User | None:
    """The user for these credentials, or ``None``: wrong e-mail, wrong password, deleted,
    or locked after too many failures all look the same to the caller."""
    user = find_by_email(email)
    if user is None or user.is_deleted:
        passwords.burn_time(password)
        return None
    now = utcnow()
    if user.locked_until is not None and user.locked_until > now:
        passwords.burn_time(password)
        return None
    if not passwords.verify_password(user.password_hash, password):
        user.failed_login_count += 1
        if user.failed_login_count >= current_app.config["LOCKOUT_THRESHOLD"]:
            user.locked_until = now + timedelta(seconds=current_app.config["LOCKOUT_SECONDS"])
            user.failed_login_count = 0
        db.session.flush()
        return None
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)
    user.failed_login_count = 0
    user.locked_until = None
    db.session.flush()
    return user


def set_password(*, user: User, password_hash: str) -> None:
    """New password: ends every other session and unlocks the account."""
    user.password_hash = password_hash
    user.password_changed_at = utcnow()
    user.session_epoch += 1
    user.failed_login_count = 0
    user.locked_until = None
    db.session.flush()


def end_all_sessions(*, user: User) -> None:
    user.session_epoch += 1
    db.session.flush()


def update_profile(
    *, user: User, name: str, preferred_language: str | None, notify_by_email: bool,
    department_code: str | None = None, municipality_code: str | None = None,
) -> None:
    """Save the profile. Where she lives is optional: a department alone, or a department
    and one of its municipalities (a municipality of another department is refused on its
    field)."""
    department_code, municipality_code = checked_place(department_code, municipality_code)
    user.name = name.strip()
    user.preferred_language = preferred_language
    user.notify_by_email = notify_by_email
    user.department_code = department_code
    user.municipality_code = municipality_code
    db.session.flush()


def delete_account(*, user: User) -> None:
    """Anonymise the person; what they published stays, shown as "Participante eliminado".
    The address is free to sign up again. The last administrator cannot leave. The features
    that keep something of the person forget it (``signals.account_deleted``)."""
    enforce(permissions.deletion_refusal(user))
    account_deleted.send(user)
    # The second step of their log-in, and the record of their sessions.
    db.session.execute(sa.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    db.session.execute(sa.delete(UserSession).where(UserSession.user_id == user.id))
    user.totp_secret = None
    user.totp_enabled_at = None
    user.totp_last_step = None
    user.last_login_at = None
    user.name = ""
    user.email = f"eliminado-{user.id}@participa.invalid"
    user.password_hash = "!"  # noqa: S105 - not a hash of anything: no password matches
    user.preferred_language = None
    user.is_admin = user.is_moderator = False
    user.notify_by_email = False
    user.deleted_at = utcnow()
    user.session_epoch += 1
    db.session.flush()
    record(actor=user, action="account.delete", target=user, label=f"usuario {user.id}")


ROLE_FIELDS = ("is_admin", "is_moderator")


def _roles_of(user: User) -> dict[str, bool]:
    return {field: getattr(user, field) for field in ROLE_FIELDS}


def set_roles(
    *, actor: User, user: User, is_admin: bool, is_moderator: bool
) -> None:
    """Administration and moderation; translators are per language (``translation``)."""
    enforce(permissions.roles_refusal(actor, user, is_admin=is_admin))
    before = _roles_of(user)
    after = {"is_admin": is_admin, "is_moderator": is_moderator}
    if before == after:
        return
    for field, value in after.items():
        setattr(user, field, value)
    db.session.flush()
    record(actor=actor, action="user.roles", target=user, before=before, after=after)


def create_admin(*, name: str, email: str, password_hash: str) -> User:
    """Make (or promote) an administrator from the command line; the address counts as
    confirmed because whoever runs the CLI controls the server."""
    user = find_by_email(email)
    if user is None:
        user = User(
            name=name.strip(),
            email=normalize_email(email),
            password_hash=password_hash,
            sector=Sector.CIUDADANIA,
        )
        db.session.add(user)
    before = _roles_of(user) if user.id else None
    user.is_admin = True
    user.email_confirmed_at = user.email_confirmed_at or utcnow()
    db.session.flush()
    record(
        actor=None,
        action="user.create_admin",
        target=user,
        before=before,
        after=_roles_of(user),
    )
    return user
