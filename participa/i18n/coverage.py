"""How much of the interface each language translates: cheap enough for every page (the
language menu shows it), so no database.

The messages are those of ``translations/messages.pot``, read once per process and again only
when the file changes; a message with a plural counts once, translated when all its forms
are. The translations are the language's live catalog (``live``): the compiled catalog merged
with the texts approved in the app. ``share(code)`` answers from what this process already
holds (the merge of the last request in that language, else the compiled catalog) and never
asks the database; ``share(code, fresh=True)`` brings the merge up to date first (one small
query per language, for /idiomas). Each answer is kept per language and catalog version.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from flask import current_app
from flask_babel import Domain, force_locale, get_domain

from . import cli, live
from .languages import PLURAL_FORMS, format_locale

_lock = threading.Lock()
# A message of the template: its catalog key, and its Spanish forms when it has a plural.
Message = tuple[str, tuple[str, ...] | None]
# (mtime_ns, size) of the template -> its messages
_template: tuple[tuple[int, int], tuple[Message, ...]] | None = None


@dataclass(frozen=True)
class Share:
    """``translated`` of ``total`` messages."""

    translated: int
    total: int

    @property
    def percent(self) -> int:
        """Whole percent, rounded down: 100 only when everything is translated, and a
        language with a few messages shows 0 % rather than a rounded-up 1 %."""
        return 100 * self.translated // self.total if self.total else 0

    @property
    def exact_percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 0.0


def template_messages() -> tuple[Message, ...]:
    """The template's messages as (catalog key, Spanish plural forms or None), cached by the
    file's stamp."""
    global _template
    try:
        stat = cli.POT.stat()
    except FileNotFoundError:
        return ()
    stamp = (stat.st_mtime_ns, stat.st_size)
    known = _template
    if known is not None and known[0] == stamp:
        return known[1]
    with _lock:
        with cli.POT.open("rb") as handle:
            catalog = read_po(handle)
        messages = []
        for message in catalog:
            if not message.id:
                continue
            plural = isinstance(message.id, tuple | list)
            msgid = message.id[0] if plural else message.id
            key = f"{message.context}\x04{msgid}" if message.context else msgid
            messages.append((key, tuple(message.id) if plural else None))
        _template = (stamp, tuple(messages))
        return _template[1]


def count(catalog: dict, messages: tuple[Message, ...], nplurals: int) -> int:
    """How many of ``messages`` a gettext catalog's entries translate. A plural message is
    translated when every form is; Babel compiles an untranslated plural with the Spanish
    forms themselves, so forms that are exactly the Spanish ones do not count."""
    done = 0
    for key, spanish in messages:
        if spanish is None:
            done += bool(catalog.get(key))
            continue
        forms = [catalog.get((key, index)) for index in range(nplurals)]
        fallback = [spanish[min(index, len(spanish) - 1)] for index in range(nplurals)]
        done += all(forms) and forms != fallback
    return done


def _cache() -> dict:
    return current_app.extensions.setdefault("participa.coverage", {})


def _compiled(code: str) -> Translations | NullTranslations:
    """The language's compiled catalog, as Flask-Babel loaded it (without the live texts);
    Flask-Babel keeps it for the app's life, and so does this app's cache."""
    cache = _cache()
    key = ("compiled", code)
    if key not in cache:
        with force_locale(format_locale(code)):
            cache[key] = Domain.get_translations(get_domain())
    return cache[key]


def share(code: str, *, fresh: bool = False) -> Share:
    """How much of the interface ``code`` translates (Spanish, the source: everything)."""
    messages = template_messages()
    if code == "es":
        return Share(len(messages), len(messages))
    compiled = _compiled(code)
    if fresh:
        live.with_approved(code, compiled)
    merged = live.known(code, compiled)
    version, catalog = merged if merged is not None else (None, compiled)
    # The template's file, the compiled catalog (Flask-Babel keeps it for the process) and
    # the live version.
    stamp = (_template[0] if _template else None, id(compiled), version)
    cache = _cache()
    known = cache.get(code)
    if known is not None and known[0] == stamp:
        return known[1]
    entries = getattr(catalog, "_catalog", {})
    result = Share(count(entries, messages, PLURAL_FORMS[0]), len(messages))
    cache[code] = (stamp, result)
    return result


def shares(codes: list[str], *, fresh: bool = False) -> dict[str, Share]:
    return {code: share(code, fresh=fresh) for code in codes}


class Shares:
    """Each enabled language's share, computed when a template first asks (the language
    menu on every page): ``language_coverage[code].percent``."""

    def __init__(self) -> None:
        self._known: dict[str, Share] = {}

    def __getitem__(self, code: str) -> Share:
        if code not in self._known:
            self._known[code] = share(code)
        return self._known[code]
