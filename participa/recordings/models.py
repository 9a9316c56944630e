"""Recorded audio (issue 18, item 4): a recording in a language, with an optional transcript,
attached by a translator of that language or the MTGA to a commitment, to the MTGA's response
to a proposal, or to a round's call. The bytes are a ``files.StoredFile`` (owner
``grabacion``); moderation hides a recording (kept, never deleted), and its file then answers
404 to the public."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..base.extensions import db
from ..base.time import moment_column
from ..content.enums import LabelledEnum, enum_column
from ..content.language import LANGUAGE_MAX
from ..content.visibility import Moderated
from ..files.models import StoredFile

OWNER = "grabacion"
TRANSCRIPT_MAX = 20_000


class Target(LabelledEnum):
    """What a recording belongs to; the value is the address's word."""

    COMMITMENT = "compromiso", _l("Compromiso")
    RESPONSE = "respuesta", _l("Respuesta de la MTGA")
    CALL = "convocatoria", _l("Convocatoria de la consulta")
    PROPOSAL = "propuesta", _l("Propuesta recibida como grabación")


class Recording(Moderated, db.Model):
    __tablename__ = "recordings"
    __table_args__ = (sa.Index("ix_recordings_target", "target", "target_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    file_id: Mapped[int] = mapped_column(sa.ForeignKey("stored_files.id"), unique=True)
    target: Mapped[Target] = mapped_column(enum_column(Target))
    target_id: Mapped[int] = mapped_column()
    language: Mapped[str] = mapped_column(sa.String(LANGUAGE_MAX))
    transcript: Mapped[str] = mapped_column(sa.Text, default="")
    duration_seconds: Mapped[int] = mapped_column()
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = moment_column(now=True)

    file: Mapped[StoredFile] = relationship()
    created_by: Mapped[User | None] = relationship()

    @property
    def label(self) -> str:
        return f"{self.target.value} {self.target_id}: {self.file.name if self.file else ''}"
