"""``GET /archivos/<id>``: a stored file, to whoever its owner lets see it.

HTTP ranges (206 with Content-Range; 416 with ``bytes */size`` for a range outside the file;
several ranges or another unit are ignored, as RFC 9110 allows, and answer the whole file),
a strong ETag (the SHA-256: 304 for If-None-Match, If-Range honoured), a year of immutable
caching for public files and none for private ones, ``nosniff`` and only the media types
``sniffing`` answers (never one a browser runs), a Content-Disposition with a safe name:
inline for what a browser shows (audio, images, PDF), an attachment for the rest.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import quote

from flask import Response, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..base.errors import NotFound
from ..base.extensions import db
from . import bp
from .models import StoredFile
from .registry import Access, access_for
from .services import read_range
from .sniffing import MEDIA_TYPES, FileKind

PUBLIC_CACHE = "public, max-age=31536000, immutable"
PRIVATE_CACHE = "private, no-store"
_INLINE = {"application/pdf"}


@bp.get("/archivos/<int:file_id>")
def serve(file_id: int) -> Response:
    file = db.session.get(StoredFile, file_id)
    access = Access.HIDDEN if file is None else access_for(file, current_user)
    if file is None or access is Access.HIDDEN:
        raise NotFound(_l("No existe ese archivo."))
    response = Response(status=200)
    headers = response.headers
    headers["Content-Type"] = (file.media_type if file.media_type in MEDIA_TYPES
                               else "application/octet-stream")
    headers["Content-Disposition"] = disposition(file)
    headers["Accept-Ranges"] = "bytes"
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Cache-Control"] = PUBLIC_CACHE if access is Access.PUBLIC else PRIVATE_CACHE
    response.set_etag(file.etag)
    if request.if_none_match.contains(file.etag):
        response.status_code = 304
        return response
    span = _requested_range(file)
    if span == "unsatisfiable":
        response.status_code = 416
        headers["Content-Range"] = f"bytes */{file.size}"
        return response
    start, stop = span if span else (0, file.size)
    response.set_data(read_range(file, start, stop - start))
    if span:
        response.status_code = 206
        headers["Content-Range"] = f"bytes {start}-{stop - 1}/{file.size}"
    return response


def _requested_range(file: StoredFile) -> tuple[int, int] | str | None:
    """(start, stop) of a single byte range to answer, "unsatisfiable", or None: the whole
    file (no Range, another unit, several ranges, or an If-Range for another version)."""
    header = request.headers.get("Range")
    if not header:
        return None
    if_range = request.if_range
    if (if_range.etag or if_range.date) and if_range.etag != file.etag:
        return None
    parsed = request.range
    if parsed is None:  # malformed
        return "unsatisfiable" if header.strip().lower().startswith("bytes=") else None
    if parsed.units != "bytes" or len(parsed.ranges) != 1:
        return None
    span = parsed.range_for_length(file.size)
    return span if span is not None and span[0] < span[1] else "unsatisfiable"


def disposition(file: StoredFile) -> str:
    """``inline; filename="Informe Solola.pdf"; filename*=UTF-8''Informe%20Solol%C3%A1.pdf``:
    an ASCII name for old clients, the real one (RFC 6266, 8187) for the rest."""
    shown = file.kind in (FileKind.AUDIO, FileKind.IMAGE) or file.media_type in _INLINE
    ascii_name = unicodedata.normalize("NFKD", file.name).encode("ascii", "ignore").decode()
    ascii_name = "".join(ch if ch.isprintable() and ch not in '"\\' else "_"
                         for ch in ascii_name) or "archivo"
    return (f'{"inline" if shown else "attachment"}; filename="{ascii_name}"; '
            f"filename*=UTF-8''{quote(file.name, safe='')}")
