"""The committed catalogs: present, with the right headers, in step with messages.pot, and
holding no Mayan text but the verified terms of participa/i18n/verified_terms.py. English, which
the project writes itself, is held to the opposite rule: every message translated."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from babel.messages.pofile import read_po

from participa import ROOT
from participa.i18n import cli as translate_cli
from participa.i18n import verified_terms
from participa.i18n.cli import PLURAL_HEADER

from .conftest import CATALOG_LANGUAGES, VERIFIED_ONLY_LANGUAGES

# The catalogs the project writes itself (English): complete, every plural form filled.
COMPLETE_LANGUAGES = [code for code in CATALOG_LANGUAGES if code not in VERIFIED_ONLY_LANGUAGES]

PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc]|%[sdifr]|\{\w*\}")


def placeholders(text: str) -> Counter:
    return Counter(PLACEHOLDER.findall(text))


def read(code: str):
    with translate_cli.catalog_path(code).open("rb") as handle:
        return read_po(handle, locale=code)


def filled(catalog):
    """(message, [(msgid, msgstr), ...]) for every entry with some translation."""
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if any(strings):
            pairs = [(ids[min(i, len(ids) - 1)], s) for i, s in enumerate(strings) if s]
            yield message, pairs


def test_the_template_exists_and_has_our_strings():
    assert translate_cli.POT.exists()
    with translate_cli.POT.open("rb") as handle:
        template = read_po(handle)
    ids = {m.id for m in template if m.id}
    # From Python (_l), from templates/*.html and from templates/email/*.txt.
    assert "Este campo es obligatorio." in ids
    assert "Iniciar sesión" in ids
    assert len(ids) > 100


@pytest.mark.parametrize("code", CATALOG_LANGUAGES)
def test_catalog_exists_with_its_headers(code):
    path = translate_cli.catalog_path(code)
    assert path.exists(), f"run `flask translate update` to create {path}"
    text = path.read_text(encoding="utf-8")
    assert f'"Plural-Forms: {PLURAL_HEADER}\\n"' in text
    assert f'"Language: {code}\\n"' in text
    catalog = read(code)
    assert catalog.plural_forms == "nplurals=2; plural=(n != 1);"
    assert catalog.num_plurals == 2
    assert str(catalog.locale) == code
    assert not catalog.fuzzy  # a fuzzy header makes pybabel skip the whole catalog


@pytest.mark.parametrize("code", CATALOG_LANGUAGES)
def test_catalog_is_in_step_with_the_template(code):
    with translate_cli.POT.open("rb") as handle:
        template = read_po(handle)
    expected = {(m.id, m.context) for m in template if m.id}
    found = {(m.id, m.context) for m in read(code) if m.id}
    assert found == expected, "run `flask translate update` after `flask translate extract`"


@pytest.mark.parametrize("code", CATALOG_LANGUAGES)
def test_placeholders_of_filled_entries_match(code):
    for _message, pairs in filled(read(code)):
        for msgid, msgstr in pairs:
            assert placeholders(msgstr) == placeholders(msgid), (code, msgid, msgstr)
    assert translate_cli.catalog_errors(code) == []


@pytest.mark.parametrize("code", CATALOG_LANGUAGES)
def test_filled_entries_add_no_markup(code):
    # {{ _("...") }} returns Markup: a translation is inserted into the page unescaped.
    for _message, pairs in filled(read(code)):
        for msgid, msgstr in pairs:
            for char in "<>&\"":
                assert msgstr.count(char) == msgid.count(char), (code, msgid, msgstr)


@pytest.mark.parametrize("code", VERIFIED_ONLY_LANGUAGES)
def test_only_verified_terms_or_named_approvals_are_filled(code):
    """No shipped Mayan message without a named source (the register) or a named human
    approval (``flask translate export``: its date, translator and reviewer)."""
    register = verified_terms.applied(code)
    for message, pairs in filled(read(code)):
        if translate_cli.is_approved_in_app(message):
            comments = message.user_comments
            assert any(c.startswith("Traducción: ") for c in comments), (code, message.id)
            assert any(c.startswith("Revisión: ") for c in comments), (code, message.id)
            assert "fuzzy" not in message.flags
            assert not any("[" + code + "]" in text for _, text in pairs), "a test's text"
            continue
        assert isinstance(message.id, str) and not message.context, (
            f"{code}: {message.id!r} is translated but the register has no such term"
        )
        term = register.get(message.id)
        assert term is not None, (
            f"{code}: {message.id!r} is translated but not in participa/i18n/verified_terms.py"
        )
        assert pairs == [(term.msgid, term.msgstr)]
        assert verified_terms.SOURCES[term.source].comment in message.user_comments
        assert "fuzzy" not in message.flags


@pytest.mark.parametrize("code", CATALOG_LANGUAGES)
def test_every_matching_verified_term_is_filled(code):
    catalog = read(code)
    for msgid, term in verified_terms.applied(code).items():
        message = catalog.get(msgid)
        if message is not None and not message.pluralizable \
                and not translate_cli.is_approved_in_app(message):
            assert message.string == term.msgstr, f"run `flask translate fill-verified` ({code})"


@pytest.mark.parametrize("code", CATALOG_LANGUAGES)
def test_withheld_terms_stay_out(code):
    catalog = read(code)
    for term in verified_terms.WITHHELD:
        if term.language == code and catalog.get(term.msgid) is not None:
            assert catalog.get(term.msgid).string == ""


@pytest.mark.parametrize("code", CATALOG_LANGUAGES)
def test_plain_apostrophes_only(code):
    text = translate_cli.catalog_path(code).read_text(encoding="utf-8")
    for forbidden in verified_terms.FORBIDDEN_APOSTROPHES:
        assert forbidden not in text, f"{code}: use U+0027, not U+{ord(forbidden):04X}"


def test_english_is_enabled_and_written_by_the_project():
    assert "en" in COMPLETE_LANGUAGES
    assert "en" not in VERIFIED_ONLY_LANGUAGES
    assert verified_terms.applied("en") == {}


@pytest.mark.parametrize("code", COMPLETE_LANGUAGES)
def test_the_projects_own_catalogs_are_complete(code):
    with translate_cli.POT.open("rb") as handle:
        template = {(m.id if isinstance(m.id, str) else m.id[0], m.context): m
                    for m in read_po(handle) if m.id}
    catalog = read(code)
    assert catalog.num_plurals == 2
    missing = []
    for (msgid, context), source in template.items():
        message = catalog.get(msgid, context=context)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if source.pluralizable:
            assert isinstance(message.string, tuple) and len(strings) == 2, (code, msgid)
        if not all(s.strip() for s in strings) or message.fuzzy:
            missing.append(msgid)
    assert missing == [], (
        f"{code} is written by the project and kept at 100%: translate these {len(missing)} "
        f"messages (both plural forms) in {translate_cli.catalog_path(code).relative_to(ROOT)}"
        f" after `flask translate update`: {missing[:10]}"
    )
    errors = translate_cli.catalog_errors(code)
    assert errors == []


def outer_spaces(text: str) -> tuple[str, str]:
    return text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]


@pytest.mark.parametrize("code", COMPLETE_LANGUAGES)
def test_the_projects_own_catalogs_keep_outer_spaces_and_use_their_quotes(code):
    for _message, pairs in filled(read(code)):
        for msgid, msgstr in pairs:
            assert outer_spaces(msgstr) == outer_spaces(msgid), (code, msgid, msgstr)
            assert "\u00ab" not in msgstr and "\u00bb" not in msgstr, (code, msgid, msgstr)


def test_the_register_is_consistent():
    assert verified_terms.problems() == []
    for term in verified_terms.APPLIED + verified_terms.WITHHELD:
        assert placeholders(term.msgstr) == placeholders(term.msgid)
        assert term.msgstr.strip() == term.msgstr and term.msgstr


def test_some_terms_reach_the_catalogs():
    # The register is not dead weight: the sign-in terms are in use today.
    assert read("cak").get("Iniciar sesión").string == "Titikirisäx molojri'ïl"
    assert read("cak").get("Este campo es obligatorio.").string == (
        "K'atzinel re k'ojlib'äl re'."
    )
    assert read("quc").get("Acerca de").string == "Chi rij"
    assert read("quc").get("Buscar") is None or read("quc").get("Buscar").string == ""


def test_sources_are_attributed():
    text = (translate_cli.TRANSLATIONS / "SOURCES.md").read_text(encoding="utf-8")
    for key in verified_terms.sources_used():
        source = verified_terms.SOURCES[key]
        assert source.name in text and source.licence in text and source.repository in text
    for term in verified_terms.APPLIED + verified_terms.WITHHELD:
        assert term.msgstr in text, f"add {term.msgstr!r} ({term.language}) to SOURCES.md"
