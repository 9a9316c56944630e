from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import WITH_SESSION, User
from ..base.extensions import db
from ..base.time import moment_column
from ..content.enums import LabelledEnum, enum_column


class Notification(db.Model):
    """An in-app notification. It stores a ``kind`` and its parameters, not text: the
    message is rendered when shown, in the reader's interface language."""

    __tablename__ = "notifications"
    __table_args__ = (sa.Index("ix_notifications_user_created", "user_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(sa.String(40))
    params: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    # The page the notification is about (a path of our own site).
    link: Mapped[str | None] = mapped_column(sa.String(255))
    created_at: Mapped[datetime] = moment_column(now=True)
    read_at: Mapped[datetime | None] = moment_column()
    emailed_at: Mapped[datetime | None] = moment_column()
    # The e-mail that tells of it (None: the kind is never e-mailed, or the person wants no
    # e-mail at all): the immediate one, then the digest's when it went to a digest.
    outbox_id: Mapped[int | None] = mapped_column(sa.ForeignKey("outbox.id"), index=True)

    user: Mapped[User] = relationship()
    outbox: Mapped[OutboxMessage | None] = relationship()


# The person's unread count, for the menu of every page she reads: a deferred column of her
# row, loaded only with her session on a page read (accounts.sessions, ``WITH_SESSION``), in
# the statement that loads her, so the menu asks nothing of its own (``queries.unread_count``);
# read in that request's transaction, it is exact. Anyone else's row never loads it.
User.unread_notifications = sa.orm.column_property(
    sa.select(sa.func.count(Notification.id))
    .where(Notification.user_id == User.id, Notification.read_at.is_(None))
    .correlate_except(Notification)
    .scalar_subquery(),
    deferred=True, group=WITH_SESSION,
)


class Delivery(LabelledEnum):
    """How a person hears of a kind of notification by e-mail (the in-app list always has
    everything)."""

    NOW = "al_momento", _l("Un correo al momento")
    DIGEST = "resumen", _l("Un resumen diario")
    NONE = "ninguno", _l("Sin correo")


class Preference(db.Model):
    """A person's choice for one kind of notification; no row: the kind's default."""

    __tablename__ = "notification_preferences"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    delivery: Mapped[Delivery] = mapped_column(enum_column(Delivery))
    updated_at: Mapped[datetime] = moment_column(now=True)


class OutboxStatus(LabelledEnum):
    PENDING = "pendiente", _l("Por enviar")
    SENT = "enviado", _l("Enviado")
    # The person chose the daily digest for the kind: the digest command gathers it.
    DIGEST = "resumen", _l("Para el resumen")
    DIGESTED = "resumido", _l("En un resumen")
    # Not sent: the person wants no e-mail of the kind (any more), or cannot receive it.
    SKIPPED = "omitido", _l("Omitido")


class OutboxMessage(db.Model):
    """One e-mail to send, written in the transaction of the event it tells of, and sent by
    ``flask mail worker`` (``notifications.outbox``). It holds no text: the worker renders
    it from its notifications in the recipient's language when it sends it."""

    __tablename__ = "outbox"
    __table_args__ = (sa.Index("ix_outbox_due", "status", "available_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    # The kind of its notifications, or DIGEST_KIND for a daily digest.
    kind: Mapped[str] = mapped_column(sa.String(40))
    status: Mapped[OutboxStatus] = mapped_column(enum_column(OutboxStatus),
                                                 default=OutboxStatus.PENDING)
    attempts: Mapped[int] = mapped_column(default=0)
    # Not before (the back-off after a failure).
    available_at: Mapped[datetime] = moment_column(now=True)
    # The lease of the worker sending it: another worker takes it only after it expires.
    claimed_until: Mapped[datetime | None] = moment_column()
    claimed_by: Mapped[str | None] = mapped_column(sa.String(64))
    last_error: Mapped[str | None] = mapped_column(sa.String(500))
    created_at: Mapped[datetime] = moment_column(now=True)
    sent_at: Mapped[datetime | None] = moment_column()

    user: Mapped[User] = relationship()


class Follow(db.Model):
    """A person following something: a proposal, a commitment (draft or published) or a
    round (``target_type``/``target_id``, a kind registered in ``following``). The row is
    kept when she stops following (``active`` false), so that writing, supporting or
    commenting there again does not make her follow it again: a stop is remembered."""

    __tablename__ = "follows"
    __table_args__ = (
        sa.UniqueConstraint("user_id", "target_type", "target_id"),
        sa.Index("ix_follows_target", "target_type", "target_id", "active"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    target_type: Mapped[str] = mapped_column(sa.String(20))
    target_id: Mapped[int] = mapped_column()
    active: Mapped[bool] = mapped_column(default=True)
    # Whether she chose it (the button) or it came with taking part (writing, supporting,
    # commenting).
    automatic: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = moment_column(now=True)
    updated_at: Mapped[datetime] = moment_column(now=True)
