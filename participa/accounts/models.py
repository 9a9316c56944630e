from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column

from ..base.extensions import db
from ..base.time import moment_column, utcnow
from ..content.enums import LabelledEnum, enum_column


class Sector(LabelledEnum):
    CIUDADANIA = "ciudadania", _l("Ciudadanía")
    SOCIEDAD_CIVIL = "sociedad_civil", _l("Sociedad civil")
    INSTITUCION_PUBLICA = "institucion_publica", _l("Institución pública")
    ACADEMIA = "academia", _l("Academia")
    SECTOR_PRIVADO = "sector_privado", _l("Sector privado")
    COOPERACION_INTERNACIONAL = "cooperacion_internacional", _l("Cooperación internacional")


# The group of ``User``'s deferred columns that packages above add for the signed-in person's
# own pages (the unread count of the menu: notifications.models): loaded with her session, in
# its one statement, when she reads a page (``sessions.load``), never with anyone else.
WITH_SESSION = "with_session"


class User(db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    sector: Mapped[Sector] = mapped_column(enum_column(Sector))
    preferred_language: Mapped[str | None] = mapped_column(sa.String(16))
    # Where she lives, if she says (participa.territory's codes): never shown publicly, only
    # counted in the statistics, and not by department below their threshold.
    department_code: Mapped[str | None] = mapped_column(sa.String(2))
    municipality_code: Mapped[str | None] = mapped_column(sa.String(4))
    is_admin: Mapped[bool] = mapped_column(default=False)
    is_moderator: Mapped[bool] = mapped_column(default=False)
    notify_by_email: Mapped[bool] = mapped_column(default=True)
    email_confirmed_at: Mapped[datetime | None] = moment_column()
    created_at: Mapped[datetime] = moment_column(now=True)
    last_login_at: Mapped[datetime | None] = moment_column()
    password_changed_at: Mapped[datetime] = moment_column(now=True)
    # Raised to end every session of the person (log-out everywhere, password change, block).
    session_epoch: Mapped[int] = mapped_column(default=0)
    failed_login_count: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None] = moment_column()
    deleted_at: Mapped[datetime | None] = moment_column()
    # Blocked by a moderator: cannot post, comment, support, vote or report. No end date
    # means until unblocked.
    blocked_at: Mapped[datetime | None] = moment_column(index=True)
    blocked_until: Mapped[datetime | None] = moment_column()
    block_reason: Mapped[str | None] = mapped_column(sa.Text)
    # Two-step log-in (TOTP, participa/accounts/two_factor.py): the base32 secret, set when
    # set-up starts and in force once confirmed (``totp_enabled_at``); the time step of the
    # last code accepted (a code works once); consecutive wrong codes (locks the account at
    # TOTP_MAX_FAILURES, like wrong passwords, but not reset by a right password).
    totp_secret: Mapped[str | None] = mapped_column(sa.String(64))
    totp_enabled_at: Mapped[datetime | None] = moment_column()
    totp_last_step: Mapped[int | None] = mapped_column(sa.BigInteger)
    totp_failed_count: Mapped[int] = mapped_column(default=0, server_default="0")

    # Flask-Login
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.deleted_at is None

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return f"{self.id}:{self.session_epoch}"

    @property
    def is_confirmed(self) -> bool:
        return self.email_confirmed_at is not None

    @property
    def is_blocked(self) -> bool:
        if self.blocked_at is None:
            return False
        return self.blocked_until is None or self.blocked_until > utcnow()

    @property
    def has_two_factor(self) -> bool:
        return self.totp_enabled_at is not None

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def display_name(self) -> str:
        return gettext("Participante eliminado") if self.is_deleted else self.name

    @property
    def role_labels(self) -> list[str]:
        labels = []
        if self.is_admin:
            labels.append(gettext("Administración"))
        if self.is_moderator:
            labels.append(gettext("Moderación (MTGA)"))
        return labels

    def __repr__(self) -> str:
        return f"<User {self.id}>"


class RecoveryCode(db.Model):
    """A single-use code that replaces the authenticator app once (a lost phone). Only its
    argon2 hash is stored; the person sees the codes once, when they are made."""

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    code_hash: Mapped[str] = mapped_column(sa.String(255))
    created_at: Mapped[datetime] = moment_column(now=True)
    used_at: Mapped[datetime | None] = moment_column()


class UserSession(db.Model):
    """One signed-in session, open from log-in until log-out or a timeout
    (``participa/accounts/sessions.py``). Only a digest of its key is stored: the key itself
    travels in the person's cookies."""

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    key_digest: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = moment_column(now=True)
    ended_at: Mapped[datetime | None] = moment_column()
