"""Teach Babel the Mayan interface languages.

Babel (CLDR) has no locale data for most languages of Guatemala: ``Locale.parse('cak')``
raises ``UnknownLocaleError`` and so do Flask-Babel and ``pybabel`` with a ``translations/cak``
folder. We register every catalog language without CLDR data of its own
(``Language.es_gt_alias``) as an alias of the es_GT locale data (so its dates and numbers
follow Guatemalan conventions) under its own name, and give it the two-form plural rule.
English is no alias: Babel's own ``en`` data formats it and gives it the same two-form rule.
This touches Babel's private locale cache: ``tests/i18n/test_babel_guard.py`` fails loudly if
a Babel upgrade changes that.
"""

from __future__ import annotations

from babel import Locale, localedata
from babel.messages import plurals
from babel.numbers import format_decimal

from .languages import FORMAT_LOCALE, LANGUAGES, PLURAL_FORMS

_registered: set[str] = set()


def register_all() -> None:
    for language in LANGUAGES:
        if language.es_gt_alias and language.catalog_capable:
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


def registered() -> list[str]:
    return sorted(_registered)


def check(codes: list[str] | None = None) -> None:
    """Raise if the registration no longer gives what the app relies on: every Mayan code
    parses, is named by its autonym, formats like es_GT and has the two-form plural rule.
    Languages with CLDR data of their own (es, en) are not aliases and are skipped."""
    expected_plural = f"nplurals={PLURAL_FORMS[0]}; plural={PLURAL_FORMS[1]};"
    reference = format_decimal(1234567.5, locale=FORMAT_LOCALE)
    autonyms = {language.code: language.autonym for language in LANGUAGES}
    aliases = {language.code for language in LANGUAGES if language.es_gt_alias}
    for code in codes or registered():
        if code not in aliases:
            continue
        locale = Locale.parse(code)
        if locale.language != code or locale.get_display_name() != autonyms[code]:
            raise RuntimeError(f"Babel no longer honours the Mayan locale registration ({code})")
        if format_decimal(1234567.5, locale=locale) != reference:
            raise RuntimeError(f"{code} no longer formats numbers like {FORMAT_LOCALE}")
        if str(plurals.get_plural(code)) != expected_plural:
            raise RuntimeError(f"Babel no longer honours the Mayan plural rule ({code})")


register_all()
