"""Teach Babel the Mayan interface languages.

Babel (CLDR) has no locale data for most languages of Guatemala: ``Locale.parse('cak')``
raises ``UnknownLocaleError`` and so do Flask-Babel and ``pybabel`` with a ``translations/cak``
folder. We register every catalog language as an alias of the es_GT locale data (so dates and
numbers follow Guatemalan conventions in every language) under its own name, and give it the
two-form plural rule. This touches Babel's private locale cache: ``tests/i18n/test_babel_guard.py``
fails loudly if a Babel upgrade changes that.
"""

from __future__ import annotations

from babel import Locale, localedata
from babel.messages import plurals

from .languages import FORMAT_LOCALE, LANGUAGES, PLURAL_FORMS

_registered: set[str] = set()


def register_all() -> None:
    for language in LANGUAGES:
        if language.mayan or language.code in {"cab", "xin"}:
            if language.catalog_capable:
                register(language.code, language.autonym)


def register(code: str, autonym: str) -> None:
    if code in _registered:
        return
    base = localedata.load(FORMAT_LOCALE)
    data = dict(base)
    data["languages"] = {**base["languages"], code: autonym}
    with localedata._cache_lock:
        localedata._cache[code] = data
    plurals.PLURALS[code] = PLURAL_FORMS
    _registered.add(code)


def check() -> None:
    """Raise if the registration no longer gives what the app relies on."""
    locale = Locale.parse("cak")
    if locale.language != "cak" or locale.get_display_name() != "Kaqchikel":
        raise RuntimeError("Babel no longer honours the Mayan locale registration")
    if str(plurals.get_plural("cak")) != "nplurals=2; plural=(n != 1);":
        raise RuntimeError("Babel no longer honours the Mayan plural rule")


register_all()
