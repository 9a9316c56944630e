"""The register of verified Mayan interface terms: the only Mayan text our catalogs may hold.

Each term is a Spanish msgid of ours, its translation exactly as an open source publishes it
(apostrophe normalised to U+0027, see shared LANGUAGES.md), and the source. ``flask translate
fill-verified`` (also run by ``flask translate update``) writes every ``APPLIED`` term into the
catalogs whose msgid matches **exactly**, with a translator comment ``# Fuente: ...``; nothing
else in a catalog is filled, so a string without a verified term shows in Spanish.
``tests/i18n/test_catalogs.py`` fails if a catalog holds a translation that is not here.

Never add a term you made up or "corrected": add a term only from a named source (with its
licence) or from a translator, named in ``SOURCES`` (e.g. ``Source("Traducción de <nombre>,
<organización>, <fecha>", "CC-BY-4.0", ...)``). ``WITHHELD`` keeps terms a source offers
that we decided not to use, and why, so nobody adds them back by mistake.
"""

from __future__ import annotations

from dataclasses import dataclass

APOSTROPHE = "'"
FORBIDDEN_APOSTROPHES = ("\u2019", "\u02bc")  # ’ and ʼ: catalogs use U+0027


@dataclass(frozen=True)
class Source:
    name: str
    licence: str  # SPDX identifier
    repository: str
    path: str

    @property
    def comment(self) -> str:
        """The translator comment written above each term from this source."""
        return f"Fuente: {self.name} ({self.licence})"


@dataclass(frozen=True)
class Term:
    language: str  # ISO 639-3 code of the catalog
    msgid: str  # our Spanish source string, matched exactly
    msgstr: str  # as published by the source, with U+0027 apostrophes
    source: str  # key of SOURCES
    origin: str  # where in the source: its string id or English original
    note: str = ""  # for WITHHELD terms: why we do not use it


SOURCES: dict[str, Source] = {
    "mozilla-amo": Source(
        "Mozilla addons.mozilla.org amo.po", "MPL-2.0",
        "https://github.com/mozilla/addons-frontend", "locale/cak/LC_MESSAGES/amo.po",
    ),
    "mozilla-common-voice": Source(
        "Mozilla Common Voice messages.ftl", "MPL-2.0",
        "https://github.com/common-voice/common-voice", "web/locales/cak/messages.ftl",
    ),
    "mozilla-focus-quc": Source(
        "Mozilla Firefox Focus values-quc/strings.xml", "MPL-2.0",
        "https://github.com/mozilla-mobile/focus-android",
        "app/src/main/res/values-quc/strings.xml",
    ),
    "sil-bloom-quc": Source(
        "SIL Bloom Reader values-quc/strings.xml", "MIT",
        "https://github.com/BloomBooks/BloomReader", "app/src/main/res/values-quc/strings.xml",
    ),
    "sil-bloom-mam": Source(
        "SIL Bloom Reader values-mam/strings.xml", "MIT",
        "https://github.com/BloomBooks/BloomReader", "app/src/main/res/values-mam/strings.xml",
    ),
    "cldr-kek": Source(
        "Unicode CLDR kek.xml", "Unicode-3.0",
        "https://github.com/unicode-org/cldr", "common/main/kek.xml",
    ),
}

APPLIED: tuple[Term, ...] = (
    # Kaqchikel (cak): Mozilla's localisation.
    Term("cak", "Iniciar sesión", "Titikirisäx molojri'ïl", "mozilla-amo",
         '"Log in to ..." strings: "Titikirisäx molojri\'ïl richin ..."'),
    Term("cak", "Cerrar sesión", "Titz'apïx molojri'ïl", "mozilla-amo", '"Log out"'),
    Term("cak", "Registrarse", "Titz'ib'äx B'i'aj", "mozilla-amo",
         '"Register or Log in": "Titz\'ib\'äx B\'i\'aj o Titikirisäx Molojri\'ïl"'),
    Term("cak", "Buscar", "Tikanöx", "mozilla-amo", '"Search" (search button)'),
    Term("cak", "Enviar", "Titaq", "mozilla-amo", '"Submit"'),
    Term("cak", "Guardar", "Tiyak", "mozilla-amo", '"Save"'),
    Term("cak", "Cancelar", "Tiq'at", "mozilla-amo", '"Cancel"'),
    Term("cak", "Editar", "Tinuk'", "mozilla-amo", '"Edit"'),
    Term("cak", "Eliminar", "Tiyuj", "mozilla-amo", '"Delete"'),
    Term("cak", "Confirmar", "Tijikib'äx", "mozilla-amo", '"Confirm" (dialog button)'),
    Term("cak", "Sí", "Ja'", "mozilla-common-voice", "vote-yes"),
    Term("cak", "No", "Manäq", "mozilla-common-voice", "vote-no"),
    Term("cak", "Usuario", "Okisanel", "mozilla-amo", '"User" (singular of "User"/"Users")'),
    Term("cak", "Usuarios", "Okisanela'", "mozilla-amo", '"Users"'),
    Term("cak", "Descripción", "Tzijoxkil", "mozilla-amo", '"Description"'),
    Term("cak", "Nombre", "B'i'aj", "mozilla-amo", '"Name"'),
    Term("cak", "Correo electrónico", "Rochochib'al Taqoya'l", "mozilla-amo",
         '"Email Address"'),
    Term("cak", "Notificaciones", "Taq rutzijol", "mozilla-amo", '"Notifications"'),
    Term("cak", "Privacidad", "Ichinanem", "mozilla-amo", '"Privacy"'),
    Term("cak", "Ayuda", "Tob'äl", "mozilla-common-voice", "help"),
    Term("cak", "Configuración", "Taq Runuk'ulem", "mozilla-common-voice", "settings"),
    Term("cak", "Perfil", "Ruwäch b'i'aj", "mozilla-common-voice", "profile"),
    Term("cak", "Idioma", "Ch'ab'äl", "mozilla-common-voice", "profile-form-language"),
    Term("cak", "Cambiar idioma", "Tijal ch'ab'äl", "mozilla-amo", '"Change language"'),
    Term("cak", "Siguiente", "Jun chik", "mozilla-amo", '"Next" (pagination)'),
    Term("cak", "Anterior", "Chuwäch", "mozilla-amo", '"Previous" (pagination)'),
    Term("cak", "Este campo es obligatorio.", "K'atzinel re k'ojlib'äl re'.", "mozilla-amo",
         '"This field is required"'),
    Term("cak", "Página no encontrada", "Man xilitäj ta ruxaq", "mozilla-amo",
         '"Page not found"'),
    # K'iche' (quc): Firefox Focus labels its buttons with these forms (action_cancel,
    # action_save); Bloom Reader's "delete" button.
    Term("quc", "Cancelar", "Uq'atexik", "mozilla-focus-quc",
         "action_cancel (button label; also Bloom Reader cancel)"),
    Term("quc", "Guardar", "Uk'olik", "mozilla-focus-quc", "action_save"),
    Term("quc", "Ayuda", "Tob'anem", "mozilla-focus-quc", "menu_help"),
    Term("quc", "Acerca de", "Chi rij", "mozilla-focus-quc", "menu_about"),
    Term("quc", "Idioma", "Ch'ab'al", "mozilla-focus-quc", "preference_language"),
    Term("quc", "Sí", "Je'", "mozilla-focus-quc",
         "preference_privacy_should_block_cookies_yes_option"),
    Term("quc", "No", "Ja'i'", "mozilla-focus-quc",
         "preference_privacy_should_block_cookies_no_option"),
    Term("quc", "Eliminar", "Uchupik", "sil-bloom-quc", "delete"),
    Term("quc", "Privacidad", "Echeb'alil", "mozilla-focus-quc",
         "preference_category_privacy"),
    # Mam (mam): Bloom Reader.
    Term("mam", "Cancelar", "Min lajet", "sil-bloom-mam", "cancel"),
    Term("mam", "Configuración", "Tx'ixpub'il", "sil-bloom-mam", "action_settings"),
    Term("mam", "Eliminar", "Najsal", "sil-bloom-mam", "delete"),
    # Q'eqchi' (kek): CLDR development data (U+02BC in the source, U+0027 here). CLDR gives
    # field names in lower case; they only match lower-case msgids.
    Term("kek", "Español", "Kaxlanchi'", "cldr-kek", 'language "es"'),
    Term("kek", "Guatemala", "Iximch'och'", "cldr-kek", 'territory "GT"'),
    Term("kek", "día", "kutan", "cldr-kek", 'field "day"'),
    Term("kek", "semana", "xamaan", "cldr-kek", 'field "week"'),
    Term("kek", "mes", "po", "cldr-kek", 'field "month"'),
    Term("kek", "año", "chihab'", "cldr-kek", 'field "year"'),
    Term("kek", "hoy", "anaqwan", "cldr-kek", 'relative day 0 ("today")'),
    Term("kek", "ayer", "ewer", "cldr-kek", 'relative day -1 ("yesterday")'),
)

WITHHELD: tuple[Term, ...] = (
    Term("quc", "Buscar", "Utzukuxik", "mozilla-focus-quc", "preference_category_search",
         note="In the source it names the Search settings category (a noun, 'search'); "
              "our 'Buscar' is the verb of a search action. Left for a translator."),
    Term("mam", "Aceptar", "K'amol", "sil-bloom-mam", "ok",
         note="In the source it is the OK button of a dialog; our only 'Aceptar' "
              "(organizations/forms.py) is the option to accept a membership request, shown "
              "next to 'Rechazar', which has no verified Mam term: a half-Mam choice is worse "
              "than Spanish. Reconsider for an OK button (give it a pgettext context)."),
    Term("mam", "Listo", "Ma b'ant", "sil-bloom-mam", 'done ("Ma b\'ant.", with a period)',
         note="In the source it reports that a transfer is done ('As in, Done receiving a "
              "file'), not a 'Listo' button; and the source has a final period."),
    Term("kek", "mañana", "hulaj", "cldr-kek", 'relative day +1 ("tomorrow")',
         note="'mañana' is also 'morning'; without a msgctxt we cannot tell which one a "
              "msgid means. Use pgettext for the relative day if ever needed."),
)


def sources_used() -> list[str]:
    keys = {term.source for term in APPLIED + WITHHELD}
    return [key for key in SOURCES if key in keys]


def applied(language: str) -> dict[str, Term]:
    """The terms to write into one language's catalog, by msgid."""
    return {term.msgid: term for term in APPLIED if term.language == language}


def problems() -> list[str]:
    """Inconsistencies in the register itself (checked by the tests)."""
    found = []
    seen: set[tuple[str, str]] = set()
    for term in APPLIED + WITHHELD:
        if term.source not in SOURCES:
            found.append(f"{term}: unknown source {term.source!r}")
        if any(ch in term.msgstr for ch in FORBIDDEN_APOSTROPHES):
            found.append(f"{term}: use U+0027 for the apostrophe")
        key = (term.language, term.msgid)
        if key in seen:
            found.append(f"{term}: {key} appears twice")
        seen.add(key)
    return found
