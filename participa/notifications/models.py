from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..base.extensions import db
from ..base.time import UTCDateTime, utcnow


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
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    emailed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

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
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
