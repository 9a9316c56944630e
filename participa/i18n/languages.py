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

    @property
    def es_gt_alias(self) -> bool:
        """Whether Babel knows this language only as an alias of es_GT (``babel_locales``)."""
        return self.cldr_locale is None


LANGUAGES: tuple[Language, ...] = (
    Language("es", "Español", "español", mayan=False, cldr_locale="es_GT"),
    Language("quc", "K'iche'", "k'iche'"),
    Language("kek", "Q'eqchi'", "q'eqchi'"),
    Language("cak", "Kaqchikel", "kaqchikel"),
    Language("mam", "Mam", "mam"),
    Language("kjb", "Q'anjob'al", "q'anjob'al"),
    Language("poh", "Poqomchi'", "poqomchi'"),
    Language("acr", "Achi", "achi"),
    Language("ixl", "Ixil", "ixil"),
    Language("tzj", "Tz'utujil", "tz'utujil"),
    Language("cac", "Chuj", "chuj"),
    Language("jac", "Popti'", "popti' (jakalteko)"),
    Language("poc", "Poqomam", "poqomam"),
    Language("knj", "Akateko", "akateko"),
    Language("agu", "Awakateko", "awakateko"),
    Language("caa", "Ch'orti'", "ch'orti'"),
    Language("quv", "Sakapulteko", "sakapulteko"),
    Language("qum", "Sipakapense", "sipakapense"),
    Language("usp", "Uspanteko", "uspanteko"),
    Language("ttc", "Tektiteko", "tektiteko"),
    Language("mop", "Mopan", "mopan"),
    Language("itz", "Itza'", "itza'"),
    Language("agu-x-chalchit", "Chalchiteko", "chalchiteko"),
    Language("cab", "Garífuna", "garífuna", mayan=False),
    Language("xin", "Xinka", "xinka", mayan=False),
    # For the IRM's researchers and international observers (American English).
    Language("en", "English", "inglés", mayan=False, cldr_locale="en"),
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
