"""The language registry: every language of Guatemala the interface may speak, and English.

Names are each language's own name in ALMG spelling (see shared LANGUAGES.md); the
apostrophe is U+0027. ``code`` is the ISO 639-3 code used for catalogs and ``<html lang>``.
Chalchiteko has no ISO code of its own (ISO counts it as a variety of Awakateko), so it is
listed with a BCP 47 private-use tag and cannot have a catalog until it gets a code.

Each language also names the Babel locale that formats its dates and numbers
(``format_locale``): Spanish uses es_GT, English Babel's own ``en`` data (English dates in
English sentences), and every other language its own code, which ``babel_locales`` registers
as an alias of the es_GT data (CLDR has none for them).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str
    autonym: str
    spanish_name: str
    # Its name in English, for the English interface (the IRM's researchers).
    english_name: str
    mayan: bool = True
    # A Babel locale with CLDR data of its own, or None: the code, as an es_GT alias.
    cldr_locale: str | None = None

    @property
    def catalog_capable(self) -> bool:
        return "-" not in self.code

    @property
    def format_locale(self) -> str:
        """The Babel locale of this language's dates and numbers."""
        return self.cldr_locale or self.code

    @property
    def written_by_the_project(self) -> bool:
        """Spanish (the source) and English are the only languages we write ourselves;
        every other catalog holds only verified terms and human translators' work."""
        return self.code in {"es", "en"}

    def name_in(self, interface: str) -> str:
        """Its name in a sentence of the interface language ``interface``: the Spanish name in
        Spanish, the English name in English, and in every other language its own name, which
        every reader recognises (a Mayan catalog has no names of the other languages)."""
        if interface == "es":
            return self.spanish_name
        if interface == "en":
            return self.english_name
        return self.autonym

    @property
    def es_gt_alias(self) -> bool:
        """Whether Babel knows this language only as an alias of es_GT (``babel_locales``)."""
        return self.cldr_locale is None


LANGUAGES: tuple[Language, ...] = (
    Language("es", "Español", "español", "Spanish", mayan=False, cldr_locale="es_GT"),
    Language("quc", "K'iche'", "k'iche'", "K'iche'"),
    Language("kek", "Q'eqchi'", "q'eqchi'", "Q'eqchi'"),
    Language("cak", "Kaqchikel", "kaqchikel", "Kaqchikel"),
    Language("mam", "Mam", "mam", "Mam"),
    Language("kjb", "Q'anjob'al", "q'anjob'al", "Q'anjob'al"),
    Language("poh", "Poqomchi'", "poqomchi'", "Poqomchi'"),
    Language("acr", "Achi", "achi", "Achi"),
    Language("ixl", "Ixil", "ixil", "Ixil"),
    Language("tzj", "Tz'utujil", "tz'utujil", "Tz'utujil"),
    Language("cac", "Chuj", "chuj", "Chuj"),
    Language("jac", "Popti'", "popti' (jakalteko)", "Popti' (Jakaltek)"),
    Language("poc", "Poqomam", "poqomam", "Poqomam"),
    Language("knj", "Akateko", "akateko", "Akatek"),
    Language("agu", "Awakateko", "awakateko", "Awakatek"),
    Language("caa", "Ch'orti'", "ch'orti'", "Ch'orti'"),
    Language("quv", "Sakapulteko", "sakapulteko", "Sakapultek"),
    Language("qum", "Sipakapense", "sipakapense", "Sipakapense"),
    Language("usp", "Uspanteko", "uspanteko", "Uspantek"),
    Language("ttc", "Tektiteko", "tektiteko", "Tektitek"),
    Language("mop", "Mopan", "mopan", "Mopan"),
    Language("itz", "Itza'", "itza'", "Itza'"),
    Language("agu-x-chalchit", "Chalchiteko", "chalchiteko", "Chalchitek"),
    Language("cab", "Garífuna", "garífuna", "Garifuna", mayan=False),
    Language("xin", "Xinka", "xinka", "Xinka", mayan=False),
    # For the IRM's researchers and international observers (American English).
    Language("en", "English", "inglés", "English", mayan=False, cldr_locale="en"),
)

BY_CODE: dict[str, Language] = {lang.code: lang for lang in LANGUAGES}

# Neither CLDR nor GNU gettext has plural rules for these languages; Mozilla's and Weblate's
# Mayan localisations use the two-form rule, and so do we.
PLURAL_FORMS = (2, "(n != 1)")
# Dates and numbers of Spanish and of every language without CLDR data of its own (the
# es_GT aliases) follow Guatemalan Spanish conventions.
FORMAT_LOCALE = "es_GT"


def format_locale(code: str) -> str:
    """The Babel locale formatting the dates and numbers of interface language ``code``."""
    language = BY_CODE.get(code)
    return language.format_locale if language is not None else FORMAT_LOCALE


def get(code: str) -> Language:
    try:
        return BY_CODE[code]
    except KeyError:
        raise ValueError(f"unknown language code {code!r}") from None
