"""The language registry: every language of Guatemala the interface may speak.

Names are each language's own name in ALMG spelling (see shared LANGUAGES.md); the
apostrophe is U+0027. ``code`` is the ISO 639-3 code used for catalogs and ``<html lang>``.
Chalchiteko has no ISO code of its own (ISO counts it as a variety of Awakateko), so it is
listed with a BCP 47 private-use tag and cannot have a catalog until it gets a code.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str
    autonym: str
    spanish_name: str
    mayan: bool = True

    @property
    def catalog_capable(self) -> bool:
        return "-" not in self.code


LANGUAGES: tuple[Language, ...] = (
    Language("es", "Español", "español", mayan=False),
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
)

BY_CODE: dict[str, Language] = {lang.code: lang for lang in LANGUAGES}

# Neither CLDR nor GNU gettext has plural rules for these languages; Mozilla's and Weblate's
# Mayan localisations use the two-form rule, and so do we.
PLURAL_FORMS = (2, "(n != 1)")
# Dates and numbers always follow Guatemalan Spanish conventions.
FORMAT_LOCALE = "es_GT"


def get(code: str) -> Language:
    try:
        return BY_CODE[code]
    except KeyError:
        raise ValueError(f"unknown language code {code!r}") from None
