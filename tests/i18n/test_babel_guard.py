"""Guard for ``participa.i18n.babel_locales``: it puts every Mayan code into Babel's private locale
cache as an alias of es_GT and adds the two-form plural rule. If a Babel upgrade changes how
that cache or the plural table works, these tests fail loudly, before any page does. English is
no alias: Babel's own ``en`` data formats it (checked here too)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from babel import Locale, UnknownLocaleError, dates, numbers
from babel.messages.catalog import Catalog
from babel.messages.plurals import get_plural

from participa.base.extensions import babel
from participa.i18n import babel_locales, languages
from participa.i18n.languages import FORMAT_LOCALE

from .conftest import ALIAS_LANGUAGES, CATALOG_LANGUAGES

# Every language of the registry that can have a catalog and has no CLDR data, enabled or not.
REGISTERED = [lang.code for lang in languages.LANGUAGES
              if lang.es_gt_alias and lang.catalog_capable]


@pytest.mark.parametrize("code", REGISTERED)
def test_every_registry_language_is_registered(code):
    assert code in babel_locales.registered()
    locale = Locale.parse(code)
    assert str(locale) == code
    assert locale.language == code


@pytest.mark.parametrize("code", ALIAS_LANGUAGES)
def test_display_name_is_the_autonym(code):
    autonym = languages.get(code).autonym
    assert Locale.parse(code).get_display_name() == autonym
    assert Locale.parse(code).language_name == autonym
    assert "\u2019" not in autonym and "\u02bc" not in autonym


@pytest.mark.parametrize("code", ALIAS_LANGUAGES)
def test_numbers_follow_guatemalan_spanish(code):
    assert numbers.format_decimal(1234567.5, locale=code) == "1,234,567.5"
    assert numbers.format_decimal(1234567.5, locale=code) == numbers.format_decimal(
        1234567.5, locale=FORMAT_LOCALE
    )
    assert numbers.format_percent(0.25, locale=code) == numbers.format_percent(
        0.25, locale=FORMAT_LOCALE
    )
    assert numbers.format_currency(1500, "GTQ", locale=code) == "Q1,500.00"


@pytest.mark.parametrize("code", ALIAS_LANGUAGES)
def test_dates_follow_guatemalan_spanish(code):
    day = date(2025, 3, 14)
    assert dates.format_date(day, "long", locale=code) == "14 de marzo de 2025"
    assert dates.format_date(day, "full", locale=code) == "viernes, 14 de marzo de 2025"
    assert dates.format_date(day, "short", locale=code) == dates.format_date(
        day, "short", locale=FORMAT_LOCALE
    )
    moment = datetime(2025, 3, 14, 15, 30)
    assert dates.format_datetime(moment, "medium", locale=code) == dates.format_datetime(
        moment, "medium", locale=FORMAT_LOCALE
    )
    locale = Locale.parse(code)
    assert locale.months["format"]["wide"][1] == "enero"
    assert locale.days["format"]["wide"][0] == "lunes"


def test_kiche_no_longer_uses_the_root_fallback():
    # Babel's own quc data only has the name: dates would come out as "2025 M03 14".
    assert dates.format_date(date(2025, 3, 14), "medium", locale="quc") != "2025 M03 14"


@pytest.mark.parametrize("code", CATALOG_LANGUAGES)
def test_two_plural_forms(code):
    plural = get_plural(code)
    assert plural.num_plurals == 2
    assert plural.plural_expr == "(n != 1)"
    assert str(plural) == "nplurals=2; plural=(n != 1);"
    # What pybabel init / update / compile write into the catalog header.
    assert Catalog(locale=code).plural_forms == "nplurals=2; plural=(n != 1);"


def test_check_passes():
    babel_locales.check()
    babel_locales.check(CATALOG_LANGUAGES)


def test_english_is_babels_own_locale_not_an_alias():
    english = languages.get("en")
    assert not english.mayan and not english.es_gt_alias and english.written_by_the_project
    assert english.format_locale == "en"
    assert "en" not in babel_locales.registered()
    assert Locale.parse("en").get_display_name() == english.autonym
    day = date(2025, 3, 14)
    assert dates.format_date(day, "long", locale="en") == "March 14, 2025"
    assert dates.format_date(day, "full", locale="en") == "Friday, March 14, 2025"
    assert numbers.format_decimal(1234567.5, locale="en") == "1,234,567.5"
    assert str(get_plural("en")) == "nplurals=2; plural=(n != 1);"
    assert Catalog(locale="en").plural_forms == "nplurals=2; plural=(n != 1);"


def test_every_language_names_its_format_locale():
    assert languages.get("es").format_locale == FORMAT_LOCALE == "es_GT"
    for language in languages.LANGUAGES:
        if language.es_gt_alias:
            assert language.format_locale == language.code
        if language.catalog_capable:
            assert str(Locale.parse(language.format_locale)) == language.format_locale
    assert languages.format_locale("quc") == "quc"
    assert languages.format_locale("en") == "en"
    assert languages.format_locale("zzx") == FORMAT_LOCALE


def test_unregistered_codes_still_fail():
    # The registration is deliberate, not a catch-all: an unknown code stays unknown.
    with pytest.raises(UnknownLocaleError):
        Locale.parse("zzx")


def test_flask_babel_lists_the_catalogs(app):
    with app.app_context():
        found = {str(locale) for locale in babel.list_translations()}
    assert set(CATALOG_LANGUAGES) <= found
