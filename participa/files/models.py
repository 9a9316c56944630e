"""Uploaded files, kept in the database (docs/decisions.md, "Where uploaded files are kept").

Two tables: ``file_blobs`` holds each distinct content once, named by its SHA-256 (the same
bytes uploaded twice are stored once); ``stored_files`` holds each upload: who sent it, when,
its cleaned name, the media type read from its content, and the feature that owns it
(``owner``), which decides who may see it (``files.registry``). Nothing here is ever deleted:
moderation hides the thing a file belongs to, and the file answers 404 to the public.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from ..base.extensions import db
from ..base.time import moment_column
from ..content.enums import enum_column
from .sniffing import FileKind


class FileBlob(db.Model):
    """The bytes of a file, once per distinct content."""

    __tablename__ = "file_blobs"

    sha256: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    size: Mapped[int] = mapped_column()
    data: Mapped[bytes] = mapped_column(sa.LargeBinary, deferred=True)


# PostgreSQL: the bytes are already compressed (audio, images, zips) and served in ranges;
# EXTERNAL storage keeps them out of line uncompressed, so substr() reads only the chunks a
# range asks for (the PostgreSQL manual, "TOAST"). The migration says the same.
sa.event.listen(
    FileBlob.__table__, "after_create",
    sa.DDL("ALTER TABLE file_blobs ALTER COLUMN data SET STORAGE EXTERNAL")
    .execute_if(dialect="postgresql"),
)


class StoredFile(db.Model):
    """One upload: what serving needs (type, size, name, digest for the ETag) and whose it is."""

    __tablename__ = "stored_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(sa.ForeignKey("file_blobs.sha256"), index=True)
    size: Mapped[int] = mapped_column()
    # Read from the content (files.sniffing), one of sniffing.MEDIA_TYPES.
    media_type: Mapped[str] = mapped_column(sa.String(100))
    kind: Mapped[FileKind] = mapped_column(enum_column(FileKind))
    # The name the person's file had, cleaned (files.names): for Content-Disposition.
    name: Mapped[str] = mapped_column(sa.String(160))
    # The feature that owns the file and answers who may see it (files.registry).
    owner: Mapped[str] = mapped_column(sa.String(40))
    created_at: Mapped[datetime] = moment_column(now=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)

    @property
    def etag(self) -> str:
        return self.sha256
