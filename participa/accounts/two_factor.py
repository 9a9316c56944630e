"""Two-step log-in with an authenticator app (TOTP, RFC 6238) for moderators and
administrators: set-up confirmed with a code, single-use recovery codes, a code accepted only
once, and a lockout after consecutive wrong codes. Services enforce the rules of
``permissions``, flush and write audit events; views commit where they must (before mail,
before a new session, or to keep a failure).

Administrators must use it when ``REQUIRE_ADMIN_TOTP`` is on (the default in production;
see docs/decisions.md): until they set it up, every page but their account's sends them to
the set-up page.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from enum import Enum

import sqlalchemy as sa
from flask import current_app

from ..audit.services import record
from ..base.errors import enforce
from ..base.extensions import db
from ..base.time import utcnow
from . import passwords, permissions, totp
from .models import RecoveryCode, User

RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i
RECOVERY_LENGTH = 10  # about 50 bits, hashed with argon2 like a password


class Outcome(Enum):
    ACCEPTED = "accepted"
    REFUSED = "refused"
    LOCKED = "locked"  # already locked: nothing was checked
    LOCKED_NOW = "locked_now"  # this wrong code reached the limit


def required_for(user: User) -> bool:
    """Whether this account may not work without the second step."""
    return bool(user.is_admin and current_app.config["REQUIRE_ADMIN_TOTP"])


def _label(user: User) -> str:
    return f"usuario {user.id}"


def start_setup(*, user: User) -> None:
    """A new secret to put into the app; not in force until a code confirms it. Starting
    again replaces an unconfirmed secret."""
    enforce(permissions.two_factor_setup_refusal(user))
    user.totp_secret = totp.new_secret()
    db.session.flush()


def enable(*, user: User, code: str, now: float | None = None) -> list[str] | None:
    """Confirm the set-up with a code of the app: the second step is in force, every other
    session ends, and the recovery codes are returned (shown once). ``None``: wrong code."""
    enforce(permissions.two_factor_confirm_refusal(user))
    step = totp.matching_step(user.totp_secret, code, now=now)
    if step is None:
        return None
    user.totp_enabled_at = utcnow()
    user.totp_last_step = step
    user.totp_failed_count = 0
    user.session_epoch += 1
    codes = _replace_recovery_codes(user)
    db.session.flush()
    record(actor=user, action="totp.enable", target=user, label=_label(user),
           after={"recovery_codes": len(codes)})
    return codes


def disable(*, user: User) -> None:
    """Back to the password alone (the view has checked it again); other sessions end."""
    if not user.has_two_factor and not user.totp_secret:
        return
    was_enabled = user.has_two_factor
    user.totp_secret = None
    user.totp_enabled_at = None
    user.totp_last_step = None
    user.totp_failed_count = 0
    db.session.execute(sa.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    if was_enabled:
        user.session_epoch += 1
    db.session.flush()
    if was_enabled:
        record(actor=user, action="totp.disable", target=user, label=_label(user))


def new_recovery_codes(*, user: User) -> list[str]:
    """Replace every recovery code (the earlier ones stop working)."""
    enforce(permissions.recovery_codes_refusal(user))
    codes = _replace_recovery_codes(user)
    db.session.flush()
    record(actor=user, action="totp.recovery_codes", target=user, label=_label(user),
           after={"recovery_codes": len(codes)})
    return codes


def remaining_recovery_codes(user: User) -> int:
    return db.session.scalar(
        sa.select(sa.func.count(RecoveryCode.id))
        .where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
    ) or 0


def _replace_recovery_codes(user: User) -> list[str]:
    db.session.execute(sa.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    count = current_app.config["TOTP_RECOVERY_CODES"]
    codes = ["".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))
             for _ in range(count)]
    db.session.add_all(
        RecoveryCode(user_id=user.id, code_hash=passwords.hash_password(code)) for code in codes
    )
    return [f"{code[:5]}-{code[5:]}" for code in codes]


def _normalize_recovery(code: str) -> str:
    return totp.normalize(code).lower()


def is_locked(user: User) -> bool:
    return user.locked_until is not None and user.locked_until > utcnow()


def verify_login_code(*, user: User, code: str, now: float | None = None) -> Outcome:
    """The second step of a log-in. A code counts once: its time step must be later than
    the last one accepted (a conditional UPDATE, so two simultaneous posts of one code
    cannot both pass)."""
    if is_locked(user) or not user.has_two_factor:
        return Outcome.LOCKED
    step = totp.matching_step(user.totp_secret or "", code, now=now)
    if step is not None:
        accepted = db.session.execute(
            sa.update(User)
            .where(User.id == user.id,
                   sa.or_(User.totp_last_step.is_(None), User.totp_last_step < step))
            .values(totp_last_step=step, totp_failed_count=0)
            .execution_options(synchronize_session=False)
        ).rowcount
        db.session.expire(user, ["totp_last_step", "totp_failed_count"])
        if accepted == 1:
            return Outcome.ACCEPTED
    return _failure(user)


def use_recovery_code(*, user: User, code: str) -> Outcome:
    """A recovery code instead of the app's: works once; audited."""
    if is_locked(user) or not user.has_two_factor:
        return Outcome.LOCKED
    typed = _normalize_recovery(code)
    if len(typed) == RECOVERY_LENGTH:
        unused = db.session.scalars(
            sa.select(RecoveryCode)
            .where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
            .order_by(RecoveryCode.id)
        ).all()
        for stored in unused:
            if not passwords.verify_password(stored.code_hash, typed):
                continue
            used = db.session.execute(
                sa.update(RecoveryCode)
                .where(RecoveryCode.id == stored.id, RecoveryCode.used_at.is_(None))
                .values(used_at=utcnow())
                .execution_options(synchronize_session=False)
            ).rowcount
            if used != 1:
                break
            user.totp_failed_count = 0
            db.session.flush()
            record(actor=user, action="totp.recovery_use", target=user, label=_label(user),
                   after={"remaining": remaining_recovery_codes(user)})
            return Outcome.ACCEPTED
    return _failure(user)


def _failure(user: User) -> Outcome:
    """One more wrong code (an SQL increment: exact under concurrency); at the threshold the
    account locks like after too many wrong passwords, and a correct password does not
    reset this count."""
    db.session.execute(
        sa.update(User).where(User.id == user.id)
        .values(totp_failed_count=User.totp_failed_count + 1)
        .execution_options(synchronize_session=False)
    )
    db.session.expire(user, ["totp_failed_count"])
    if user.totp_failed_count < current_app.config["TOTP_MAX_FAILURES"]:
        return Outcome.REFUSED
    user.totp_failed_count = 0
    user.locked_until = utcnow() + timedelta(seconds=current_app.config["LOCKOUT_SECONDS"])
    db.session.flush()
    record(actor=None, action="totp.lockout", target=user, label=_label(user))
    return Outcome.LOCKED_NOW
