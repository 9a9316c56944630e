from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..base.extensions import db
from ..base.time import moment_column
from ..comments.models import Comment
from ..content.enums import LabelledEnum, enum_column
from ..content_translation.models import ContentTranslation
from ..proposals.models import Proposal

DETAILS_MAX = 2000
REASON_MAX = 2000
_ONE_TARGET = (
    "(CASE WHEN proposal_id IS NULL THEN 0 ELSE 1 END"
    " + CASE WHEN comment_id IS NULL THEN 0 ELSE 1 END"
    " + CASE WHEN user_id IS NULL THEN 0 ELSE 1 END) = 1"
)
# A decision may also be about a translation (issue 18: translations are moderated like any
# content; their reports are ``content_translation.TranslationReport``).
_ONE_ACTION_TARGET = (
    "(CASE WHEN proposal_id IS NULL THEN 0 ELSE 1 END"
    " + CASE WHEN comment_id IS NULL THEN 0 ELSE 1 END"
    " + CASE WHEN user_id IS NULL THEN 0 ELSE 1 END"
    " + CASE WHEN translation_id IS NULL THEN 0 ELSE 1 END) = 1"
)


class ReportReason(LabelledEnum):
    SPAM = "spam", _l("Publicidad o spam")
    OFFENSIVE = "ofensivo", _l("Ofensivo")
    OFF_TOPIC = "fuera_de_tema", _l("Fuera de tema")
    PERSONAL_DATA = "datos_personales", _l("Expone datos personales")
    OTHER = "otro", _l("Otro motivo")


class ReportStatus(LabelledEnum):
    OPEN = "abierto", _l("Abierto")
    DISMISSED = "descartado", _l("Descartado")
    ACTED = "atendido", _l("Atendido")


class Report(db.Model):
    """A person's report of a proposal, a comment or a user: exactly one target, one report
    per person per target (UNIQUE)."""

    __tablename__ = "reports"
    __table_args__ = (
        sa.CheckConstraint(_ONE_TARGET, name="one_target"),
        sa.UniqueConstraint("reporter_id", "proposal_id"),
        sa.UniqueConstraint("reporter_id", "comment_id"),
        sa.UniqueConstraint("reporter_id", "user_id"),
        sa.Index("ix_reports_status_created", "status", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reporter_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    proposal_id: Mapped[int | None] = mapped_column(sa.ForeignKey("proposals.id"), index=True)
    comment_id: Mapped[int | None] = mapped_column(sa.ForeignKey("comments.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)
    reason: Mapped[ReportReason] = mapped_column(enum_column(ReportReason))
    details: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[ReportStatus] = mapped_column(
        enum_column(ReportStatus), default=ReportStatus.OPEN
    )
    created_at: Mapped[datetime] = moment_column(now=True)
    resolved_at: Mapped[datetime | None] = moment_column()
    resolved_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    reporter: Mapped[User] = relationship(foreign_keys=[reporter_id])
    proposal: Mapped[Proposal | None] = relationship()
    comment: Mapped[Comment | None] = relationship()
    user: Mapped[User | None] = relationship(foreign_keys=[user_id])


class ActionKind(LabelledEnum):
    HIDE = "ocultar", _l("Ocultado")
    RESTORE = "restaurar", _l("Restaurado")
    DISMISS = "descartar_denuncias", _l("Denuncias descartadas")
    APPROVE = "aprobar", _l("Aprobado")
    BLOCK = "bloquear", _l("Cuenta bloqueada")
    UNBLOCK = "desbloquear", _l("Cuenta desbloqueada")


class ReasonTemplate(db.Model):
    """An editable, reusable moderation reason ("Contiene datos personales de terceros")."""

    __tablename__ = "moderation_reason_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(120), unique=True)
    body: Mapped[str] = mapped_column(sa.Text)
    is_active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = moment_column(now=True)


class ModerationAction(db.Model):
    """What a moderator did, and why: the public moderation log (never the reporters)."""

    __tablename__ = "moderation_actions"
    __table_args__ = (sa.CheckConstraint(_ONE_ACTION_TARGET, name="one_target"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    moderator_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    action: Mapped[ActionKind] = mapped_column(enum_column(ActionKind))
    proposal_id: Mapped[int | None] = mapped_column(sa.ForeignKey("proposals.id"), index=True)
    comment_id: Mapped[int | None] = mapped_column(sa.ForeignKey("comments.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)
    translation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("content_translations.id"), index=True
    )
    reason: Mapped[str] = mapped_column(sa.Text, default="")
    template_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("moderation_reason_templates.id")
    )
    created_at: Mapped[datetime] = moment_column(now=True, index=True)

    moderator: Mapped[User | None] = relationship(foreign_keys=[moderator_id])
    proposal: Mapped[Proposal | None] = relationship()
    comment: Mapped[Comment | None] = relationship()
    user: Mapped[User | None] = relationship(foreign_keys=[user_id])
    translation: Mapped[ContentTranslation | None] = relationship()
    template: Mapped[ReasonTemplate | None] = relationship()
