"""Translation in the app: who translates which language, the messages of the catalog
template, the suggestions and their review, the glossary, the translation memory, and the
version of each language's live catalog.

A suggestion becomes the catalog's text only when a different person with the review right
for its language approves it (``permissions``); approving one supersedes the previous
approved text of the same message, which stays with its history. Nothing here is deleted.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..base.extensions import db
from ..base.time import moment_column
from ..content.enums import LabelledEnum, enum_column


class Credit(LabelledEnum):
    """How a translator is credited on /idiomas and in a released catalog."""

    NAME = "nombre", _l("Mi nombre")
    ORGANIZATION = "organizacion", _l("Mi organización")
    NONE = "ninguno", _l("Sin nombre")


class RequestStatus(LabelledEnum):
    PENDING = "pendiente", lazy_pgettext("solicitud", "Pendiente")
    ACCEPTED = "aceptada", lazy_pgettext("solicitud", "Aceptada")
    DECLINED = "rechazada", lazy_pgettext("solicitud", "Rechazada")


class SuggestionStatus(LabelledEnum):
    PENDING = "pendiente", lazy_pgettext("sugerencia", "Pendiente de revisión")
    APPROVED = "aprobada", lazy_pgettext("sugerencia", "Aprobada")
    REJECTED = "rechazada", lazy_pgettext("sugerencia", "Rechazada")
    SUPERSEDED = "reemplazada", lazy_pgettext("sugerencia", "Reemplazada")


class Origin(LabelledEnum):
    """Where a suggestion's text came from."""

    TYPED = "escrita", _l("Escrita por la persona")
    MEMORY = "memoria", _l("Memoria de traducción")
    FILE = "archivo", _l("Archivo importado")
    CARRIED = "anterior", _l("Traducción del texto anterior")


class TermStatus(LabelledEnum):
    PREFERRED = "preferido", _l("Preferido")
    FORBIDDEN = "prohibido", _l("Prohibido")
    WITHHELD = "retenido", _l("Retenido")


class TranslatorRole(db.Model):
    """A person translates one language; ``can_review`` lets them approve others' work.
    A revoked role keeps its row (``revoked_at``) so the history of who did what stays."""

    __tablename__ = "translator_roles"
    __table_args__ = (sa.UniqueConstraint("user_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    language: Mapped[str] = mapped_column(sa.String(16))
    can_review: Mapped[bool] = mapped_column(default=False)
    credit: Mapped[Credit] = mapped_column(enum_column(Credit), default=Credit.NAME)
    granted_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    granted_at: Mapped[datetime] = moment_column(now=True)
    revoked_at: Mapped[datetime | None] = moment_column()

    user: Mapped[User] = relationship(foreign_keys=[user_id])

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def label(self) -> str:
        return f"{self.language}: usuario {self.user_id}"


# Whether the person translates any language: computed with the person's row (a correlated
# EXISTS in the statement that loads them), so the menu asks no query of its own, and never
# stored, so it cannot disagree with the roles. Translation adds it to ``User`` from above,
# as accounts knows nothing of translators.
User.is_translator = sa.orm.column_property(
    sa.select(TranslatorRole.id)
    .where(TranslatorRole.user_id == User.id, TranslatorRole.revoked_at.is_(None))
    .correlate_except(TranslatorRole)
    .exists()
)


class TranslatorRequest(db.Model):
    """A person asks, from their profile, to translate a language; administrators decide."""

    __tablename__ = "translator_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    language: Mapped[str] = mapped_column(sa.String(16))
    motivation: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[RequestStatus] = mapped_column(
        enum_column(RequestStatus), default=RequestStatus.PENDING, index=True
    )
    created_at: Mapped[datetime] = moment_column(now=True)
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = moment_column()
    decision_note: Mapped[str] = mapped_column(sa.Text, default="")

    user: Mapped[User] = relationship(foreign_keys=[user_id])

    @property
    def label(self) -> str:
        return f"{self.language}: usuario {self.user_id}"


class SourceMessage(db.Model):
    """One message of the catalog template (``translations/messages.pot``), kept in step by
    ``sync``. A message that left the template stays, with ``present`` false, so the
    translations made for it keep their history and can be carried to its successor."""

    __tablename__ = "source_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    # sha256 of context + "\x04" + msgid: unique whatever the length of the text.
    key: Mapped[str] = mapped_column(sa.String(64), unique=True)
    context: Mapped[str | None] = mapped_column(sa.String(200))
    msgid: Mapped[str] = mapped_column(sa.Text)
    msgid_plural: Mapped[str | None] = mapped_column(sa.Text)
    locations: Mapped[str] = mapped_column(sa.Text, default="")  # "path:line" per line
    comments: Mapped[str] = mapped_column(sa.Text, default="")  # the translators' notes
    python_format: Mapped[bool] = mapped_column(default=False)
    present: Mapped[bool] = mapped_column(default=True, index=True)
    first_seen_at: Mapped[datetime] = moment_column(now=True)
    last_seen_at: Mapped[datetime] = moment_column(now=True)

    @property
    def label(self) -> str:
        return self.msgid[:200]

    @property
    def catalog_key(self) -> str:
        """The key of this message in a gettext catalog (without the plural index)."""
        return f"{self.context}\x04{self.msgid}" if self.context else self.msgid


class Suggestion(db.Model):
    """A proposed translation of one message into one language, with its history."""

    __tablename__ = "translation_suggestions"
    __table_args__ = (
        sa.Index("ix_translation_suggestions_language_status", "language", "status",
                 "message_id"),
        sa.Index("ix_translation_suggestions_message", "message_id", "language"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(sa.ForeignKey("source_messages.id"))
    language: Mapped[str] = mapped_column(sa.String(16))
    # The text, one entry per plural form (a single entry for a message without plural).
    forms: Mapped[list[str]] = mapped_column(sa.JSON)
    # The Spanish it translates, as it was when suggested: "outdated" when it differs.
    source_msgid: Mapped[str] = mapped_column(sa.Text)
    identical_ok: Mapped[bool] = mapped_column(default=False)
    origin: Mapped[Origin] = mapped_column(enum_column(Origin), default=Origin.TYPED)
    origin_detail: Mapped[str] = mapped_column(sa.String(300), default="")
    status: Mapped[SuggestionStatus] = mapped_column(
        enum_column(SuggestionStatus), default=SuggestionStatus.PENDING
    )
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = moment_column(now=True)
    reviewer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    reviewed_at: Mapped[datetime | None] = moment_column()
    review_note: Mapped[str] = mapped_column(sa.Text, default="")

    message: Mapped[SourceMessage] = relationship()
    author: Mapped[User] = relationship(foreign_keys=[author_id])
    reviewer: Mapped[User | None] = relationship(foreign_keys=[reviewer_id])

    @property
    def is_outdated(self) -> bool:
        return self.source_msgid != self.message.msgid

    @property
    def label(self) -> str:
        return f"{self.language}: {self.message.msgid[:180]}"


class GlossaryTerm(db.Model):
    """A Spanish term and how a language renders it: preferred, forbidden (flagged in a
    suggestion) or withheld (a source offers it and we decided not to use it, and why)."""

    __tablename__ = "glossary_terms"
    __table_args__ = (sa.Index("ix_glossary_terms_language_term", "language", "term"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    language: Mapped[str] = mapped_column(sa.String(16))
    term: Mapped[str] = mapped_column(sa.String(200))
    translation: Mapped[str] = mapped_column(sa.String(200))
    note: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[TermStatus] = mapped_column(enum_column(TermStatus))
    source: Mapped[str] = mapped_column(sa.String(300), default="")
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = moment_column(now=True)

    @property
    def label(self) -> str:
        return f"{self.language}: {self.term}"


class MemoryEntry(db.Model):
    """A pair from an openly licensed human translation, imported with
    ``flask translate import-memory``. Only ever a suggestion: a translator accepts it and a
    reviewer approves it before anyone sees it on a page."""

    __tablename__ = "translation_memory"
    __table_args__ = (
        sa.UniqueConstraint("language", "source_hash", "target_hash", "source_name"),
        sa.Index("ix_translation_memory_language_length", "language", "source_length"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    language: Mapped[str] = mapped_column(sa.String(16))
    source_text: Mapped[str] = mapped_column(sa.Text)
    target_text: Mapped[str] = mapped_column(sa.Text)
    # sha256 of the texts (the unique constraint, whatever their length) and the source's
    # length (close matches are looked for among texts of a similar length).
    source_hash: Mapped[str] = mapped_column(sa.String(64))
    target_hash: Mapped[str] = mapped_column(sa.String(64))
    source_length: Mapped[int] = mapped_column()
    source_name: Mapped[str] = mapped_column(sa.String(200))
    licence: Mapped[str] = mapped_column(sa.String(64))
    origin: Mapped[str] = mapped_column(sa.String(300), default="")
    imported_at: Mapped[datetime] = moment_column(now=True)


class CatalogVersion(db.Model):
    """Bumped at every approval: each server reads it once per request in that language and
    reloads the language's approved texts when it changed (``live``)."""

    __tablename__ = "catalog_versions"

    language: Mapped[str] = mapped_column(sa.String(16), primary_key=True)
    version: Mapped[int] = mapped_column(default=0)
    changed_at: Mapped[datetime] = moment_column(now=True)
