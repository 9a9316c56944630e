"""The workspace's messages kept in step with ``translations/messages.pot`` without anyone
running ``flask translate sync``: before the workspace lists or shows messages, ``in_step``
syncs when the template's digest differs from the one this process last synced into this
database, or when the database does not hold as many present messages as the template (a
database made or emptied since). A sync is idempotent, so two processes doing it at once
only repeat each other's work."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from ..base.extensions import db
from ..i18n import cli as catalogs
from .catalog import read_template, sync
from .models import SourceMessage

_lock = threading.Lock()
# (mtime_ns, size) of the template -> (its digest, how many messages it holds)
_template: dict[Path, tuple[tuple[int, int], str, int]] = {}
# The database's address -> the digest this process last synced into it.
_synced: dict[str, str] = {}


def _digest(path: Path) -> tuple[str, int]:
    stat = path.stat()
    stamp = (stat.st_mtime_ns, stat.st_size)
    known = _template.get(path)
    if known is None or known[0] != stamp:
        data = path.read_bytes()
        count = len(read_template(path))
        known = (stamp, hashlib.sha256(data).hexdigest(), count)
        _template[path] = known
    return known[1], known[2]


def in_step(path: Path | None = None) -> bool:
    """Sync the template into the database if needed and commit; True when it synced.

    The workspace calls it from GET requests, which the transaction boundary never commits
    (``web.transaction``): this commit is on purpose. It writes only the template's own
    messages, the same whoever asks and whenever, so a GET that makes it changes nothing a
    person did; nothing else is pending in the session at that point."""
    path = path or catalogs.POT
    digest, count = _digest(path)
    where = db.engine.url.render_as_string(hide_password=True)
    present = db.session.scalar(
        sa.select(sa.func.count(SourceMessage.id)).where(SourceMessage.present.is_(True)))
    if _synced.get(where) == digest and present == count:
        return False
    with _lock:
        try:
            sync(read_template(path))
            db.session.commit()
        except IntegrityError:
            # Another process inserted the same new messages first: theirs stand.
            db.session.rollback()
        _synced[where] = digest
    return True
