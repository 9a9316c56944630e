"""Our static files, versioned by content.

Every URL of a static file that the app builds carries a digest of the file (``?v=...``):
a browser keeps such a file a year without asking again (``immutable``), and a release that
changes the file changes its URL. On a phone over 3G that saves the round trip of asking
whether the stylesheet changed on every page. A request whose ``v`` is not the file's
digest (a page from before a release) gets the file as it is now, to be checked next time.
In production nginx serves them (deploy/nginx.conf): it cannot compute the digest, so it
keeps any URL with a ``v`` a year and checks the others.
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path
from stat import S_ISREG

from flask import Flask, Response, request

VERSION_ARG = "v"
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"


@lru_cache(maxsize=256)
def _digest(path: str, mtime_ns: int, size: int) -> str:  # noqa: ARG001 - part of the key
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]


@lru_cache(maxsize=1024)
def _inside(folder: str, filename: str) -> str | None:
    """The resolved path of ``filename`` inside ``folder``, None outside it (resolving
    costs more than the rest: every page links two static files)."""
    base = Path(folder).resolve()
    path = (base / filename).resolve()
    return str(path) if base in path.parents else None


def digest(app: Flask, filename: str) -> str | None:
    """The digest of ``static/<filename>``; None when there is no such file."""
    path = _inside(app.static_folder or "", filename)
    if path is None:
        return None
    try:
        stat = os.stat(path)
    except OSError:
        return None
    if not S_ISREG(stat.st_mode):
        return None
    return _digest(path, stat.st_mtime_ns, stat.st_size)


def register(app: Flask) -> None:
    @app.url_defaults
    def _versioned(endpoint: str, values: dict) -> None:
        if endpoint == "static" and VERSION_ARG not in values:
            version = digest(app, values.get("filename", ""))
            if version is not None:
                values[VERSION_ARG] = version

    @app.after_request
    def _cache(response: Response) -> Response:
        if request.endpoint == "static" and response.status_code in (200, 304):
            wanted = request.args.get(VERSION_ARG)
            filename = (request.view_args or {}).get("filename", "")
            fresh = wanted is not None and wanted == digest(app, filename)
            response.headers["Cache-Control"] = IMMUTABLE if fresh else REVALIDATE
        return response
