"""Storing an upload: ``store(upload, kinds=..., max_bytes=..., user=..., owner=...)``.

Reads at most ``max_bytes + 1`` bytes (never the whole stream of whoever sends more),
reads the type from the content (``sniffing``), refuses with ``Invalid(field=...)`` and a
message naming the accepted types or the limit, keeps each distinct content once (its
SHA-256 names it) and adds the upload's row. It flushes; the caller's transaction commits
(so a refused form stores nothing, bytes included).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any, BinaryIO, Protocol

import sqlalchemy as sa
from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l
from sqlalchemy.dialects import postgresql, sqlite

from ..base.errors import Invalid
from ..base.extensions import db
from .models import FileBlob, StoredFile
from .names import clean_name
from .registry import is_registered
from .sniffing import ACCEPTED_NAMES, FileKind, Sniffed, sniff

CHUNK = 64 * 1024


class Upload(Protocol):
    """What ``store`` reads: werkzeug's FileStorage, or anything with a name and a stream."""

    filename: str | None
    stream: BinaryIO


def size_text(size: int) -> str:
    """``15 MB``, ``500 kB``: a limit as a person reads it, in her language's numbers."""
    if size >= 1_000_000:
        return f"{format_decimal(round(size / 1_000_000, 1))} MB"
    return f"{format_decimal(round(size / 1000, 1))} kB"


def accepted_text(kinds: Iterable[FileKind]) -> str:
    return ", ".join(ACCEPTED_NAMES[kind] for kind in kinds)


def read_limited(stream: BinaryIO, max_bytes: int, *, field: str) -> bytes:
    """The stream's bytes, refused as soon as they pass ``max_bytes``."""
    parts: list[bytes] = []
    total = 0
    while True:
        part = stream.read(min(CHUNK, max_bytes + 1 - total))
        if not part:
            break
        parts.append(part)
        total += len(part)
        if total > max_bytes:
            raise Invalid(_l("El archivo pasa del límite de %(limit)s.",
                             limit=size_text(max_bytes)), field=field)
    return b"".join(parts)


def check_upload(upload: Upload | None, *, kinds: Iterable[FileKind], max_bytes: int,
                 field: str = "file") -> tuple[bytes, Sniffed]:
    """The upload's bytes and what they are, or the refusal (nothing stored)."""
    kinds = tuple(kinds)
    if upload is None or not upload.filename:  # a form sent without a file
        raise Invalid(_l("Elija un archivo."), field=field)
    data = read_limited(upload.stream, max_bytes, field=field)
    if not data:
        raise Invalid(_l("El archivo está vacío."), field=field)
    found = sniff(data)
    if found is None or found.kind not in kinds:
        raise Invalid(_l("Este archivo no es de un tipo aceptado. Se aceptan: %(types)s.",
                         types=accepted_text(kinds)), field=field)
    return data, found


def store(upload: Upload | None, *, kinds: Iterable[FileKind], max_bytes: int, user: Any,
          owner: str, field: str = "file") -> StoredFile:
    """Store an upload for the feature ``owner`` (registered in ``files.registry``): the new
    row, flushed. Refuses with ``Invalid(field=field)`` a missing or empty file, one larger
    than ``max_bytes``, or one whose content is none of ``kinds``."""
    if not is_registered(owner):
        raise ValueError(f"no feature registered the owner {owner!r} of files")
    data, found = check_upload(upload, kinds=kinds, max_bytes=max_bytes, field=field)
    return store_bytes(data, found, name=getattr(upload, "filename", None), user=user,
                       owner=owner)


def store_bytes(data: bytes, found: Sniffed, *, name: str | None, user: Any,
                owner: str) -> StoredFile:
    """The row of checked bytes (``check_upload``): their content once, the upload's row."""
    digest = hashlib.sha256(data).hexdigest()
    _insert_blob(digest, data)
    file = StoredFile(sha256=digest, size=len(data), media_type=found.media_type,
                      kind=found.kind, name=clean_name(name, found.extension), owner=owner,
                      created_by_id=getattr(user, "id", None))
    db.session.add(file)
    db.session.flush()
    return file


def _insert_blob(digest: str, data: bytes) -> None:
    """INSERT ... ON CONFLICT DO NOTHING: the same bytes, uploaded twice or at once by two
    people, are stored once."""
    dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    db.session.execute(
        dialect.insert(FileBlob).values(sha256=digest, size=len(data), data=data)
        .on_conflict_do_nothing(index_elements=["sha256"])
    )


def read_range(file: StoredFile, start: int, length: int) -> bytes:
    """``length`` bytes of the file from ``start`` (0-based), read in SQL: a range of a
    large recording never loads the rest."""
    return db.session.scalar(
        sa.select(sa.func.substr(FileBlob.data, start + 1, length))
        .where(FileBlob.sha256 == file.sha256)
    ) or b""
