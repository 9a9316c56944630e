"""Human translations of what people and the MTGA write (issue 18, items 2 and 3).

A ``ContentTranslation`` is one translator's text of an item (a proposal, the MTGA's
response to a proposal, a commitment's title and summary, a round's call; other packages
register more kinds: ``kinds.register``) into one language. It is shown only once another
translator with the review right approves it; a revision is a new row, and the newest
approved one is what readers see, so nothing is overwritten or deleted. It remembers a
digest of the original it translated: when the original changes, the digest no longer
matches and the translation is shown as outdated until someone revises it. Translations are
moderated like any content (``Moderated``: hidden, never deleted).

A ``TranslationRequest`` asks for an item in a language (the MTGA, or an author for her own
text); translators of that language take it, oldest first, and deliver a translation.

Items are named by ``target_kind`` and ``target_id``: the kinds are a registry, so an upper
package (audio transcripts) adds its own without a column here.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_pgettext
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..base.extensions import db
from ..base.time import moment_column
from ..content.enums import LabelledEnum, enum_column
from ..content.language import LANGUAGE_MAX
from ..content.visibility import Moderated

KIND_MAX = 32
DIGEST_LENGTH = 64


class TranslationStatus(LabelledEnum):
    PENDING = "por_revisar", lazy_pgettext("traducción", "Por revisar")
    APPROVED = "aprobada", lazy_pgettext("traducción", "Aprobada")
    REJECTED = "rechazada", lazy_pgettext("traducción", "Rechazada")


class TranslationRequestStatus(LabelledEnum):
    OPEN = "abierta", lazy_pgettext("pedido de traducción", "Abierto")
    TAKEN = "tomada", lazy_pgettext("pedido de traducción", "En traducción")
    DELIVERED = "entregada", lazy_pgettext("pedido de traducción", "Entregado")
    CANCELLED = "cancelada", lazy_pgettext("pedido de traducción", "Cancelado")


class TranslationRequest(db.Model):
    __tablename__ = "translation_requests"
    __table_args__ = (
        sa.Index("ix_translation_requests_language_status_created", "language", "status",
                 "created_at", "id"),
        sa.Index("ix_translation_requests_target", "target_kind", "target_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    target_kind: Mapped[str] = mapped_column(sa.String(KIND_MAX))
    target_id: Mapped[int] = mapped_column()
    # The language asked for, and the one the item was written in when asked.
    language: Mapped[str] = mapped_column(sa.String(LANGUAGE_MAX))
    source_language: Mapped[str] = mapped_column(sa.String(LANGUAGE_MAX))
    requested_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = moment_column(now=True)
    status: Mapped[TranslationRequestStatus] = mapped_column(
        enum_column(TranslationRequestStatus), default=TranslationRequestStatus.OPEN
    )
    taken_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    taken_at: Mapped[datetime | None] = moment_column()
    delivered_at: Mapped[datetime | None] = moment_column()

    requested_by: Mapped[User] = relationship(foreign_keys=[requested_by_id])
    taken_by: Mapped[User | None] = relationship(foreign_keys=[taken_by_id])

    @property
    def label(self) -> str:
        return f"{self.target_kind} {self.target_id} → {self.language}"


class ContentTranslation(Moderated, db.Model):
    __tablename__ = "content_translations"
    __table_args__ = (
        sa.Index("ix_content_translations_target", "target_kind", "target_id", "language"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    target_kind: Mapped[str] = mapped_column(sa.String(KIND_MAX))
    target_id: Mapped[int] = mapped_column()
    language: Mapped[str] = mapped_column(sa.String(LANGUAGE_MAX))
    source_language: Mapped[str] = mapped_column(sa.String(LANGUAGE_MAX))
    # The translated texts by field of the item ({"title": ..., "problem": ...}).
    texts: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    # A digest of the original's texts it translated (``kinds.Source.digest``).
    source_digest: Mapped[str] = mapped_column(sa.String(DIGEST_LENGTH))
    translator_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    request_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("translation_requests.id"), index=True
    )
    # The translation it revises (None for a first one).
    revises_id: Mapped[int | None] = mapped_column(sa.ForeignKey("content_translations.id"))
    status: Mapped[TranslationStatus] = mapped_column(
        enum_column(TranslationStatus), default=TranslationStatus.PENDING
    )
    reviewer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    reviewed_at: Mapped[datetime | None] = moment_column()
    review_note: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = moment_column(now=True)

    translator: Mapped[User] = relationship(foreign_keys=[translator_id])
    reviewer: Mapped[User | None] = relationship(foreign_keys=[reviewer_id])
    request: Mapped[TranslationRequest | None] = relationship()

    @property
    def is_approved(self) -> bool:
        return self.status == TranslationStatus.APPROVED

    @property
    def label(self) -> str:
        return f"{self.target_kind} {self.target_id} ({self.language})"


class TranslationReportStatus(LabelledEnum):
    OPEN = "abierta", lazy_pgettext("denuncia", "Abierta")
    DISMISSED = "descartada", lazy_pgettext("denuncia", "Descartada")
    ACTED = "atendida", lazy_pgettext("denuncia", "Atendida")


class TranslationReport(db.Model):
    """A reader's report of a shown translation (a wrong or offensive text): one per person
    and translation. The MTGA sees the reported translations in its moderation queue
    (``moderation``) and hides the translation or dismisses the reports there."""

    __tablename__ = "translation_reports"
    __table_args__ = (sa.UniqueConstraint("reporter_id", "translation_id"),
                      sa.Index("ix_translation_reports_status_translation", "status",
                               "translation_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    translation_id: Mapped[int] = mapped_column(sa.ForeignKey("content_translations.id"))
    reporter_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    reason: Mapped[str] = mapped_column(sa.Text)
    status: Mapped[TranslationReportStatus] = mapped_column(
        enum_column(TranslationReportStatus), default=TranslationReportStatus.OPEN
    )
    created_at: Mapped[datetime] = moment_column(now=True)
    resolved_at: Mapped[datetime | None] = moment_column()
    resolved_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    translation: Mapped[ContentTranslation] = relationship()
