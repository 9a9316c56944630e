"""Live catalogs: translations approved in the app, shown on the next page load on every
worker and every server, without a restart.

The compiled catalog (``translations/<code>/LC_MESSAGES/messages.mo``) is what a release
ships. The translation feature (above this package) registers a ``Source`` of approved
texts; each process keeps, per language, the compiled catalog merged with them and the
version it was built at. A request in a language other than Spanish reads that language's
version once (one small query); when another worker or server approved something since,
the merge is built again. Spanish, the source language, never asks.
"""

from __future__ import annotations

import threading
from typing import Protocol

from babel.support import Translations
from flask import g

from ..base.availability import database_unavailable

# A catalog key: "msgid", "context\x04msgid", or (msgid, plural index) for a plural form.
CatalogKey = str | tuple[str, int]


class Source(Protocol):
    def version(self, language: str) -> int:
        """A number that changes whenever the language's approved texts change."""

    def approved(self, language: str) -> dict[CatalogKey, str]:
        """The language's approved texts, by catalog key."""


_source: Source | None = None
_lock = threading.Lock()
# language -> (version, the compiled catalog it was merged with, the merged catalog)
_merged: dict[str, tuple[int, Translations, Translations]] = {}


def provide(source: Source | None) -> None:
    """Register where approved texts come from (the translation feature does, once)."""
    global _source
    _source = source
    _merged.clear()


def forget() -> None:
    """Drop every merged catalog (tests that change a compiled catalog underneath)."""
    _merged.clear()


def _version(language: str) -> int:
    """The language's version, read once per request (or app context)."""
    versions = g.setdefault("_catalog_versions", {})
    if language not in versions:
        versions[language] = _source.version(language)  # type: ignore[union-attr]
    return versions[language]


def catalog_version(language: str) -> int:
    """The version of the language's approved texts (0 for Spanish, the source, and
    without a source): part of the key of a kept fragment in that language."""
    if language == "es" or _source is None or database_unavailable():
        return 0
    return _version(language)


def with_approved(language: str, compiled: Translations) -> Translations:
    """``compiled`` with the language's approved texts on top, as of now."""
    if _source is None or language == "es":
        return compiled
    if database_unavailable():  # what this process merged last, without asking
        last = _merged.get(language)
        return last[2] if last is not None and last[1] is compiled else compiled
    version = _version(language)
    known = _merged.get(language)
    if known is not None and known[0] == version and known[1] is compiled:
        return known[2]
    with _lock:
        known = _merged.get(language)
        if known is not None and known[0] == version and known[1] is compiled:
            return known[2]
        merged = _merge(compiled, _source.approved(language))
        _merged[language] = (version, compiled, merged)
        return merged


def known(language: str, compiled: Translations) -> tuple[int, Translations] | None:
    """The version and merged catalog this process built last for the language on
    ``compiled``, without asking anyone (None: none yet). It may be behind another server's
    approvals until the next request in that language (``i18n.coverage``)."""
    found = _merged.get(language)
    if found is None or found[1] is not compiled:
        return None
    return found[0], found[2]


def _merge(compiled: Translations, approved: dict[CatalogKey, str]) -> Translations:
    merged = Translations()
    merged._catalog = {**getattr(compiled, "_catalog", {}), **approved}
    merged.plural = getattr(compiled, "plural", merged.plural)
    merged._info = dict(getattr(compiled, "_info", {}))
    merged.files = list(getattr(compiled, "files", []))
    return merged
