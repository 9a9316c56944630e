"""What a release ships for a language: the translated entries of
``translations/<code>/LC_MESSAGES/messages.po`` (verified terms and exported approvals), by
``SourceMessage.key``. Read once per process and again only when the file changes (its
modification time and size), so the workspace's lists cost no file reading per request."""

from __future__ import annotations

import threading

from babel.messages.pofile import read_po

from ..i18n import cli as catalogs
from .catalog import message_key

_lock = threading.Lock()
# language -> ((mtime_ns, size), {key: forms})
_cache: dict[str, tuple[tuple[int, int], dict[str, list[str]]]] = {}


def translations(language: str) -> dict[str, list[str]]:
    """The shipped catalog's translated, not fuzzy, entries: their forms by message key."""
    path = catalogs.catalog_path(language)
    try:
        stat = path.stat()
    except FileNotFoundError:
        return {}
    stamp = (stat.st_mtime_ns, stat.st_size)
    known = _cache.get(language)
    if known is not None and known[0] == stamp:
        return known[1]
    with _lock:
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=None)
        found: dict[str, list[str]] = {}
        for entry in catalog:
            if not entry.id or entry.fuzzy:
                continue
            forms = list(entry.string) if isinstance(entry.string, tuple | list) \
                else [entry.string]
            if not forms or not all(forms):
                continue
            msgid = entry.id[0] if isinstance(entry.id, tuple | list) else entry.id
            found[message_key(entry.context, msgid)] = forms
        _cache[language] = (stamp, found)
        return found
