"""``flask translate``: extract, init, update, compile, status and fill-verified.

pybabel's commands run with the Mayan locales registered first (``babel_locales``), so they
work for cak, kek, mam, ... and keep the ``Plural-Forms`` header; every command that writes a
catalog checks that header afterwards and fails if it is gone.

The usual cycle after adding or changing Spanish strings::

    flask translate extract    # participa/**.py and templates/** -> translations/messages.pot
    flask translate update     # merge into every enabled catalog, then re-apply verified terms
    # then write the English of every new message in translations/en (the tests hold it to 100%)
    flask translate compile    # .po -> .mo (refuses broken placeholders and lost headers)
    flask translate status     # how much of each catalog is translated

``update`` ends by running ``fill-verified``: the terms of ``participa/i18n/verified_terms.py``
are written (with their ``# Fuente:`` comment) into every catalog whose msgid matches
exactly, so they survive re-extraction even if a string disappears and comes back.
English is written by the project itself (``Language.written_by_the_project``): it has no
verified terms, and ``status`` and the tests hold it to 100%.
"""

from __future__ import annotations

import contextlib
import gettext
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

import click
from babel.messages.frontend import ExtractMessages, InitCatalog, OptionError, UpdateCatalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from flask import current_app
from flask.cli import AppGroup

from ..base import ROOT
from . import babel_locales, languages, verified_terms
from .languages import PLURAL_FORMS

translate = AppGroup("translate", help="Catálogos de traducción (gettext).")

# Module-level so that tests can point them at a copy (monkeypatch).
BABEL_CFG = ROOT / "babel.cfg"
SOURCE_ROOT = ROOT
TRANSLATIONS = ROOT / "translations"
POT = TRANSLATIONS / "messages.pot"

PLURAL_HEADER = f"nplurals={PLURAL_FORMS[0]}; plural={PLURAL_FORMS[1]};"
# Besides pybabel's defaults (_, gettext, ngettext, pgettext, npgettext, N_, ...).
KEYWORDS = ("_l", "lazy_gettext", "lazy_ngettext:1,2", "lazy_pgettext:1c,2")
# A comment starting with this tag just above a string reaches the translators, e.g.
# ``# Traductores: botón que envía la propuesta`` or ``{# Traductores: ... #}``.
COMMENT_TAG = "Traductores:"
# The comment ``flask translate export`` writes above a text approved in the app, naming its
# translator and its reviewer: with a verified term's ``Fuente:``, the only way Mayan text
# enters a shipped catalog. A translator's approved text wins over a verified term.
APPROVAL_TAG = "Aprobada en Participa:"
WIDTH = 76
HEADER_COMMENT = """\
# Participa: textos de la interfaz (fuente en español).
# Se distribuye con la misma licencia que Participa (AGPL-3.0-or-later).
#
# Solo se llenan términos verificados con su fuente
# (participa/i18n/verified_terms.py, translations/SOURCES.md) o escritos por
# un traductor. Nunca una traducción inventada o automática: una entrada
# vacía se muestra en español. Las dos formas de plural pueden ser
# iguales. El apóstrofo es U+0027 (').
#"""
_CREATION_DATE = re.compile(r'^"POT-Creation-Date: [^"]*"\n', re.MULTILINE)


# -- paths and languages ---------------------------------------------------------------------


def catalog_languages() -> list[str]:
    """The enabled languages that have a catalog (every one but Spanish, the source)."""
    return [code for code in current_app.config["LANGUAGES"] if code != "es"]


def catalog_path(code: str) -> Path:
    return TRANSLATIONS / code / "LC_MESSAGES" / "messages.po"


def mo_path(code: str) -> Path:
    return catalog_path(code).with_suffix(".mo")


def _catalog_language(code: str) -> languages.Language:
    try:
        language = languages.get(code)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    if code == "es" or not language.catalog_capable:
        raise click.ClickException(f"{code!r} cannot have a catalog")
    return language


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


# -- pybabel ---------------------------------------------------------------------------------


def _run(command, **options) -> None:
    """Run one of pybabel's commands with the Mayan locales registered."""
    babel_locales.register_all()
    for name, value in options.items():
        setattr(command, name, value)
    try:
        command.ensure_finalized()
        command.run()
    except OptionError as error:
        raise click.ClickException(f"pybabel: {error}") from None


def extract_messages() -> bool:
    """Write translations/messages.pot; False if nothing but its creation date would change."""
    # From the source root, so that the locations are relative paths (participa/...).
    with tempfile.TemporaryDirectory() as tmp, contextlib.chdir(SOURCE_ROOT):
        output = Path(tmp) / "messages.pot"
        _run(
            ExtractMessages(),
            mapping_file=str(BABEL_CFG),
            input_paths=["."],
            output_file=str(output),
            keywords=list(KEYWORDS),
            add_comments=[COMMENT_TAG],
            add_location="file",  # where a message is used, without line numbers that churn
            sort_output=True,
            width=WIDTH,
            project="Participa",
            copyright_holder="Participa",
            msgid_bugs_address="traducciones@participa.localhost",
            header_comment=HEADER_COMMENT,
        )
        text = output.read_text(encoding="utf-8")
    if POT.exists():
        old = POT.read_text(encoding="utf-8")
        if _CREATION_DATE.sub("", old) == _CREATION_DATE.sub("", text):
            return False
    POT.parent.mkdir(parents=True, exist_ok=True)
    POT.write_text(text, encoding="utf-8")
    return True


def _require_pot() -> None:
    if not POT.exists():
        raise click.ClickException(f"{_shown(POT)} is missing: run `flask translate extract`")


def init_catalog(code: str) -> Path:
    _catalog_language(code)
    _require_pot()
    if catalog_path(code).exists():
        raise click.ClickException(f"{_shown(catalog_path(code))} already exists")
    _run(InitCatalog(), input_file=str(POT), output_dir=str(TRANSLATIONS), locale=code,
         width=WIDTH)
    check_catalog_header(code)
    return catalog_path(code)


def update_catalog(code: str) -> None:
    """Merge messages.pot into one catalog (translations of vanished strings are dropped)."""
    _require_pot()
    _run(
        UpdateCatalog(),
        input_file=str(POT),
        output_dir=str(TRANSLATIONS),
        locale=code,
        width=WIDTH,
        no_fuzzy_matching=True,  # a guessed "similar" translation is an invented one
        ignore_obsolete=True,
        ignore_pot_creation_date=True,
    )
    check_catalog_header(code)


# -- verified terms --------------------------------------------------------------------------


@dataclass
class FillResult:
    code: str
    filled: list[str] = field(default_factory=list)  # msgids holding a verified term
    written: list[str] = field(default_factory=list)  # msgids changed by this run
    replaced: list[tuple[str, str]] = field(default_factory=list)  # (msgid, old msgstr)
    unregistered: list[str] = field(default_factory=list)  # translated, not in the register
    approved: list[str] = field(default_factory=list)  # msgids approved in the app (export)


def read_catalog(code: str, data: bytes | None = None):
    if data is None:
        data = catalog_path(code).read_bytes()
    return read_po(BytesIO(data), locale=code)


def po_bytes(catalog) -> bytes:
    buffer = BytesIO()
    write_po(buffer, catalog, width=WIDTH, ignore_obsolete=True)
    return buffer.getvalue()


def _is_translated(string: object) -> bool:
    if isinstance(string, tuple | list):
        return all(string)
    return bool(string)


def _has_translation(string: object) -> bool:
    if isinstance(string, tuple | list):
        return any(string)
    return bool(string)


def is_approved_in_app(message) -> bool:
    return any(comment.startswith(APPROVAL_TAG) for comment in message.user_comments)


def fill_verified(code: str) -> FillResult:
    """Write the verified terms of ``code`` into its catalog, each with its source comment."""
    result = FillResult(code)
    path = catalog_path(code)
    original = path.read_bytes()
    catalog = read_catalog(code, original)
    terms = verified_terms.applied(code)
    own = languages.get(code).written_by_the_project
    for message in catalog:
        if not message.id or own:
            continue
        if is_approved_in_app(message):
            result.approved.append(str(message.id))
            continue
        term = None
        if isinstance(message.id, str) and not message.context:
            term = terms.get(message.id)
        if term is None:
            if _has_translation(message.string):
                result.unregistered.append(str(message.id))
            continue
        comment = verified_terms.SOURCES[term.source].comment
        comments = [c for c in message.user_comments if not c.startswith("Fuente:")]
        comments.append(comment)
        if message.string != term.msgstr:
            if message.string:
                result.replaced.append((message.id, message.string))
            result.written.append(message.id)
        message.string = term.msgstr
        message.user_comments = comments
        message.flags.discard("fuzzy")
        result.filled.append(message.id)
    data = po_bytes(catalog)
    if data != original:
        path.write_bytes(data)
    check_catalog_header(code)
    return result


def _echo_fill(result: FillResult) -> None:
    click.echo(f"{result.code}: {len(result.filled)} verified terms "
               f"({len(result.written)} written)")
    for msgid, old in result.replaced:
        click.echo(f"  {result.code}: {msgid!r} had {old!r}; the register wins", err=True)
    for msgid in result.unregistered:
        click.echo(f"  {result.code}: {msgid!r} is translated but not in "
                   "participa/i18n/verified_terms.py", err=True)


# -- checks and compilation ------------------------------------------------------------------


def check_catalog_header(code: str) -> None:
    """Fail loudly if a catalog lost its Plural-Forms or Language header."""
    text = catalog_path(code).read_text(encoding="utf-8")
    if f'"Plural-Forms: {PLURAL_HEADER}\\n"' not in text:
        raise click.ClickException(
            f"{_shown(catalog_path(code))} lost its Plural-Forms header ({PLURAL_HEADER})"
        )
    if f'"Language: {code}\\n"' not in text:
        raise click.ClickException(f"{_shown(catalog_path(code))} lost 'Language: {code}'")


def catalog_errors(code: str) -> list[str]:
    """pybabel's checks (placeholders of python-format strings, number of plural forms)."""
    catalog = read_catalog(code)
    return [f"{message.id!r}: {error}" for message, errors in catalog.check()
            for error in errors]


def compile_catalog(code: str) -> Path:
    """Compile one catalog to .mo; fuzzy entries are left out (they are guesses)."""
    check_catalog_header(code)
    errors = catalog_errors(code)
    if errors:
        raise click.ClickException(f"{_shown(catalog_path(code))}:\n  " + "\n  ".join(errors))
    catalog = read_catalog(code)
    target = mo_path(code)
    handle, tmpname = tempfile.mkstemp(dir=target.parent, prefix=".messages-", suffix=".mo")
    try:
        with os.fdopen(handle, "wb") as output:
            write_mo(output, catalog, use_fuzzy=False)
        os.replace(tmpname, target)
    except BaseException:
        if os.path.exists(tmpname):
            os.remove(tmpname)
        raise
    check_mo(code)
    return target


def check_mo(code: str) -> None:
    with mo_path(code).open("rb") as handle:
        info = gettext.GNUTranslations(handle).info()
    if info.get("plural-forms") != PLURAL_HEADER or info.get("language") != code:
        raise click.ClickException(
            f"{_shown(mo_path(code))} has Plural-Forms {info.get('plural-forms')!r} and "
            f"Language {info.get('language')!r}; expected {PLURAL_HEADER!r} and {code!r}"
        )


def _existing_catalogs() -> Iterator[str]:
    """The enabled catalog languages one by one, each checked when its turn comes: a
    missing catalog stops the command there (``flask translate update`` creates it)."""
    for code in catalog_languages():
        if not catalog_path(code).exists():
            raise click.ClickException(f"{_shown(catalog_path(code))} is missing: "
                                       "run `flask translate update`")
        yield code


def catalog_status(codes: list[str]) -> list[tuple[str, int, int]]:
    """(code, translated, total) per catalog; fuzzy entries do not count as translated."""
    rows = []
    for code in codes:
        path = catalog_path(code)
        if not path.exists():
            rows.append((code, 0, 0))
            continue
        messages = [m for m in read_catalog(code) if m.id]
        done = [m for m in messages if _is_translated(m.string) and not m.fuzzy]
        rows.append((code, len(done), len(messages)))
    return rows


# -- commands --------------------------------------------------------------------------------


@translate.command("extract")
def extract() -> None:
    """Extract the marked strings into translations/messages.pot."""
    changed = extract_messages()
    click.echo(f"{_shown(POT)}{'' if changed else ' (sin cambios)'}")


@translate.command("init")
@click.argument("code")
def init(code: str) -> None:
    """Start the catalog of a language of the registry."""
    click.echo(_shown(init_catalog(code)))
    _echo_fill(fill_verified(code))


@translate.command("update")
def update() -> None:
    """Merge messages.pot into every enabled catalog (creating missing ones), then
    re-apply the verified terms."""
    for code in catalog_languages():
        if catalog_path(code).exists():
            update_catalog(code)
        else:
            click.echo(_shown(init_catalog(code)))
        _echo_fill(fill_verified(code))
    click.echo("ok")


@translate.command("fill-verified")
def fill_verified_command() -> None:
    """Write the terms of participa/i18n/verified_terms.py into the enabled catalogs."""
    for code in _existing_catalogs():
        _echo_fill(fill_verified(code))


@translate.command("compile")
def compile_catalogs() -> None:
    """Compile every enabled catalog to .mo."""
    for code in _existing_catalogs():
        compile_catalog(code)
    click.echo("ok")


@translate.command("status")
def status() -> None:
    """How much of each catalog is translated."""
    for code, translated, total in catalog_status(catalog_languages()):
        percent = 100.0 * translated / total if total else 0.0
        autonym = languages.get(code).autonym
        click.echo(f"{code}\t{autonym}\t{translated}/{total}\t{percent:.1f}%")
