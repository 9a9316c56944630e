"""``flask translate``: pybabel's extract, init, update and compile with the Mayan locales
registered first (so they work for cak, kek, mam, ... and keep Plural-Forms), plus status."""

from __future__ import annotations

from pathlib import Path

import click
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po
from flask import current_app
from flask.cli import AppGroup

from . import ROOT, babel_locales
from .languages import PLURAL_FORMS

translate = AppGroup("translate", help="Catálogos de traducción (gettext).")

BABEL_CFG = ROOT / "babel.cfg"
TRANSLATIONS = ROOT / "translations"
POT = TRANSLATIONS / "messages.pot"
PLURAL_HEADER = f"nplurals={PLURAL_FORMS[0]}; plural={PLURAL_FORMS[1]};"


def _pybabel(*args: str) -> None:
    babel_locales.register_all()
    CommandLineInterface().run(["pybabel", "-q", *args])


def catalog_languages() -> list[str]:
    return [code for code in current_app.config["LANGUAGES"] if code != "es"]


def catalog_path(code: str) -> Path:
    return TRANSLATIONS / code / "LC_MESSAGES" / "messages.po"


@translate.command("extract")
def extract() -> None:
    """Extract the marked strings into translations/messages.pot."""
    _pybabel(
        "extract", "-F", str(BABEL_CFG), "-k", "_l", "--no-location", "--sort-output",
        "--project", "Participa", "--copyright-holder", "Participa",
        "--msgid-bugs-address", "traducciones@participa.localhost",
        "-o", str(POT), str(ROOT / "participa"), str(ROOT / "templates"),
    )
    click.echo(f"{POT.relative_to(ROOT)}")


@translate.command("init")
@click.argument("code")
def init(code: str) -> None:
    """Start the catalog of a language of the registry."""
    if catalog_path(code).exists():
        raise click.ClickException(f"{catalog_path(code)} already exists")
    _pybabel("init", "-i", str(POT), "-d", str(TRANSLATIONS), "-l", code)
    click.echo(f"{catalog_path(code).relative_to(ROOT)}")


@translate.command("update")
def update() -> None:
    """Merge messages.pot into every enabled language's catalog (creating missing ones)."""
    for code in catalog_languages():
        if not catalog_path(code).exists():
            _pybabel("init", "-i", str(POT), "-d", str(TRANSLATIONS), "-l", code)
    _pybabel("update", "-i", str(POT), "-d", str(TRANSLATIONS), "--no-fuzzy-matching",
             "--ignore-obsolete")
    for code in catalog_languages():
        _check_plural_forms(code)
    click.echo("ok")


@translate.command("compile")
def compile_catalogs() -> None:
    """Compile every catalog to .mo."""
    for code in catalog_languages():
        _check_plural_forms(code)
    _pybabel("compile", "-d", str(TRANSLATIONS), "--use-fuzzy")
    click.echo("ok")


@translate.command("status")
def status() -> None:
    """How much of each catalog is translated."""
    for code, translated, total in catalog_status():
        percent = 100.0 * translated / total if total else 0.0
        click.echo(f"{code}\t{translated}/{total}\t{percent:.1f}%")


def catalog_status() -> list[tuple[str, int, int]]:
    rows = []
    for code in catalog_languages():
        path = catalog_path(code)
        if not path.exists():
            rows.append((code, 0, 0))
            continue
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=code)
        messages = [m for m in catalog if m.id]
        done = [m for m in messages if _is_translated(m.string)]
        rows.append((code, len(done), len(messages)))
    return rows


def _is_translated(string: object) -> bool:
    if isinstance(string, tuple | list):
        return all(string)
    return bool(string)


def _check_plural_forms(code: str) -> None:
    text = catalog_path(code).read_text(encoding="utf-8")
    if f'"Plural-Forms: {PLURAL_HEADER}\\n"' not in text:
        raise click.ClickException(
            f"{catalog_path(code)} lost its Plural-Forms header ({PLURAL_HEADER})"
        )
