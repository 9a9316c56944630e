"""``flask translate``: status, and extract / update / compile run end to end on a copy of the
translations folder (the committed catalogs are never touched)."""

from __future__ import annotations

import gettext
import hashlib
import re
import shutil
import textwrap
from io import BytesIO

import pytest
from babel.messages.pofile import read_po, write_po

from participa import ROOT
from participa.i18n import cli as translate_cli
from participa.i18n import languages, verified_terms

from .conftest import CATALOG_LANGUAGES

REAL_TRANSLATIONS = ROOT / "translations"


def digest(folder) -> str:
    hasher = hashlib.sha256()
    for path in sorted(folder.rglob("*.po*")):
        hasher.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    return hasher.hexdigest()


def read(path):
    locale = None if path.suffix == ".pot" else path.parent.parent.name
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def rewrite(path, change) -> None:
    """Edit a catalog the way a person with a PO editor would."""
    catalog = read(path)
    change(catalog)
    buffer = BytesIO()
    write_po(buffer, catalog, width=76)
    path.write_bytes(buffer.getvalue())


@pytest.fixture
def copy(tmp_path, monkeypatch):
    """translate_cli pointed at a copy of translations/ (without compiled files)."""
    target = tmp_path / "translations"
    shutil.copytree(REAL_TRANSLATIONS, target, ignore=shutil.ignore_patterns("*.mo"))
    monkeypatch.setattr(translate_cli, "TRANSLATIONS", target)
    monkeypatch.setattr(translate_cli, "POT", target / "messages.pot")
    before = digest(REAL_TRANSLATIONS)
    yield target
    assert digest(REAL_TRANSLATIONS) == before, "a test wrote to the real translations/"


def invoke(runner, *args):
    result = runner.invoke(args=["translate", *args])
    return result


def test_status_prints_every_catalog_with_a_percentage(runner):
    result = invoke(runner, "status")
    assert result.exit_code == 0, result.output
    rows = {}
    for line in result.output.splitlines():
        code, autonym, counts, percent = line.split("\t")
        done, total = (int(n) for n in counts.split("/"))
        assert re.fullmatch(r"\d{1,3}\.\d%", percent)
        assert float(percent[:-1]) == pytest.approx(100 * done / total, abs=0.05)
        assert autonym == languages.get(code).autonym
        rows[code] = (done, total)
    assert list(rows) == CATALOG_LANGUAGES
    totals = {total for _, total in rows.values()}
    assert len(totals) == 1 and totals.pop() > 100  # every catalog has every string
    for code, (done, total) in rows.items():
        if languages.get(code).written_by_the_project:
            assert done == total, f"{code}: the project's own catalog is complete"
            continue
        catalog = read(translate_cli.catalog_path(code))
        expected = sum(1 for msgid in verified_terms.applied(code)
                       if catalog.get(msgid) and not catalog.get(msgid).pluralizable)
        assert done == expected
    assert rows["cak"][0] > 10 and rows["kek"][0] == 0


def test_extract_update_compile_keep_plural_forms_and_verified_terms(runner, copy):
    cak = copy / "cak" / "LC_MESSAGES" / "messages.po"

    # Someone lost a verified term, and the Mam catalog and the template are gone.
    def forget(catalog):
        catalog["Iniciar sesión"].string = ""
        catalog["Iniciar sesión"].user_comments = []

    rewrite(cak, forget)
    shutil.rmtree(copy / "mam")
    (copy / "messages.pot").unlink()

    result = invoke(runner, "extract")
    assert result.exit_code == 0, result.output
    with (copy / "messages.pot").open("rb") as handle:
        template = read_po(handle)
    assert template["Iniciar sesión"] is not None
    assert template[("%(num)d organización", "%(num)d organizaciones")].pluralizable

    result = invoke(runner, "update")
    assert result.exit_code == 0, result.output
    for code in CATALOG_LANGUAGES:
        path = copy / code / "LC_MESSAGES" / "messages.po"
        text = path.read_text(encoding="utf-8")
        assert '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"' in text
        assert f'"Language: {code}\\n"' in text
        catalog = read(path)
        for msgid, term in verified_terms.applied(code).items():
            if catalog.get(msgid) is not None and not catalog.get(msgid).pluralizable:
                assert catalog[msgid].string == term.msgstr
                assert verified_terms.SOURCES[term.source].comment in catalog[msgid].user_comments
    assert read(cak)["Iniciar sesión"].string == "Titikirisäx molojri'ïl"
    assert read(copy / "mam" / "LC_MESSAGES" / "messages.po")["Cancelar"].string == "Min lajet"

    result = invoke(runner, "compile")
    assert result.exit_code == 0, result.output
    with (copy / "cak" / "LC_MESSAGES" / "messages.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    assert compiled.info()["plural-forms"] == "nplurals=2; plural=(n != 1);"
    assert compiled.info()["language"] == "cak"
    assert compiled.gettext("Iniciar sesión") == "Titikirisäx molojri'ïl"
    assert compiled.gettext("Cómo funciona") == "Cómo funciona"  # untranslated: Spanish
    assert [compiled.plural(n) for n in (0, 1, 2, 5)] == [1, 0, 1, 1]
    for code in CATALOG_LANGUAGES:
        with (copy / code / "LC_MESSAGES" / "messages.mo").open("rb") as handle:
            assert gettext.GNUTranslations(handle).info()["plural-forms"] == (
                "nplurals=2; plural=(n != 1);"
            )


def test_pybabel_update_keeps_the_source_comments(copy):
    """Without fill-verified: pybabel's own merge keeps translator comments and strings."""
    cak = copy / "cak" / "LC_MESSAGES" / "messages.po"
    before = {m.id: (m.string, m.user_comments) for m in read(cak) if m.string}
    assert before
    translate_cli.extract_messages()
    translate_cli.update_catalog("cak")
    after = {m.id: (m.string, m.user_comments) for m in read(cak) if m.string}
    assert after == before


def test_a_verified_term_comes_back_with_its_string(runner, copy):
    pot = copy / "messages.pot"
    cak = copy / "cak" / "LC_MESSAGES" / "messages.po"

    def drop(catalog):  # a template where "Cancelar" is no longer used
        catalog.delete("Cancelar")

    rewrite(pot, drop)
    translate_cli.update_catalog("cak")
    assert read(cak).get("Cancelar") is None  # pybabel dropped it (--ignore-obsolete)

    assert invoke(runner, "extract").exit_code == 0  # someone uses "Cancelar" again
    result = invoke(runner, "update")
    assert result.exit_code == 0, result.output
    message = read(cak)["Cancelar"]
    assert message.string == "Tiq'at"
    assert message.user_comments == ["Fuente: Mozilla addons.mozilla.org amo.po (MPL-2.0)"]


def test_extract_does_not_touch_an_unchanged_template(runner, copy):
    assert invoke(runner, "extract").exit_code == 0
    first = (copy / "messages.pot").read_bytes()
    result = invoke(runner, "extract")
    assert result.exit_code == 0
    assert "sin cambios" in result.output
    assert (copy / "messages.pot").read_bytes() == first


def test_extraction_covers_python_templates_and_plurals(runner, tmp_path, monkeypatch):
    source = tmp_path / "src"
    (source / "participa").mkdir(parents=True)
    (source / "templates" / "email").mkdir(parents=True)
    (source / "tests").mkdir()
    (source / "participa" / "module.py").write_text(textwrap.dedent('''\
        from flask_babel import gettext as _, lazy_gettext as _l, lazy_ngettext, ngettext
        from flask_babel import pgettext

        LABEL = _l("Cadena perezosa de prueba")


        def view(n):
            # Traductores: comentario para quien traduce
            _("Cadena inmediata de prueba")
            ngettext("%(num)d prueba", "%(num)d pruebas", n)
            lazy_ngettext("%(num)d apoyo", "%(num)d apoyos", n)
            return pgettext("botón", "Aceptar prueba")
    '''), encoding="utf-8")
    (source / "templates" / "page.html").write_text(textwrap.dedent('''\
        {{ _("Plantilla html") }}
        {{ ngettext("%(num)d voto", "%(num)d votos", n) }}
        {% trans %}Bloque trans{% endtrans %}
        {% trans count=n %}{{ count }} comentario{% pluralize %}{{ count }} comentarios{%
        endtrans %}
    '''), encoding="utf-8")
    (source / "templates" / "email" / "note.txt").write_text(
        'Subject: {{ _("Plantilla de correo") }}\n', encoding="utf-8"
    )
    (source / "tests" / "test_x.py").write_text('_("No se extrae")\n', encoding="utf-8")
    monkeypatch.setattr(translate_cli, "SOURCE_ROOT", source)
    monkeypatch.setattr(translate_cli, "POT", tmp_path / "out" / "messages.pot")

    result = invoke(runner, "extract")
    assert result.exit_code == 0, result.output
    with (tmp_path / "out" / "messages.pot").open("rb") as handle:
        template = read_po(handle)
    ids = {(m.context, m.id) for m in template if m.id}
    assert ids == {
        (None, "Cadena perezosa de prueba"),
        (None, "Cadena inmediata de prueba"),
        (None, ("%(num)d prueba", "%(num)d pruebas")),
        (None, ("%(num)d apoyo", "%(num)d apoyos")),
        ("botón", "Aceptar prueba"),
        (None, "Plantilla html"),
        (None, ("%(num)d voto", "%(num)d votos")),
        (None, "Bloque trans"),
        (None, ("%(count)s comentario", "%(count)s comentarios")),
        (None, "Plantilla de correo"),
    }
    message = template["Cadena inmediata de prueba"]
    assert message.auto_comments == ["Traductores: comentario para quien traduce"]
    # Where each message is used, for the translators (file names, without churning lines).
    assert message.locations == [("participa/module.py", None)]
    assert "python-format" in template[("%(num)d prueba", "%(num)d pruebas")].flags


def test_extract_fails_on_a_broken_template(runner, tmp_path, monkeypatch):
    (tmp_path / "src" / "templates").mkdir(parents=True)
    (tmp_path / "src" / "templates" / "broken.html").write_text(
        '{% if x %}{{ _("Sin cerrar") }}', encoding="utf-8"
    )
    monkeypatch.setattr(translate_cli, "SOURCE_ROOT", tmp_path / "src")
    monkeypatch.setattr(translate_cli, "POT", tmp_path / "messages.pot")
    result = invoke(runner, "extract")
    assert result.exit_code != 0
    assert not (tmp_path / "messages.pot").exists()


def test_compile_refuses_broken_placeholders_and_fill_reports_unverified_text(runner, copy):
    kek = copy / "kek" / "LC_MESSAGES" / "messages.po"

    def break_it(catalog):
        catalog["Hola, %(name)s:"].string = "%(nombre)s:"

    rewrite(kek, break_it)
    result = invoke(runner, "compile")
    assert result.exit_code == 1
    assert "Hola, %(name)s:" in result.output
    assert not (copy / "kek" / "LC_MESSAGES" / "messages.mo").exists()

    result = invoke(runner, "fill-verified")
    assert result.exit_code == 0
    assert "'Hola, %(name)s:' is translated but not in participa/i18n/verified_terms.py" in (
        result.output
    )


def test_fuzzy_entries_are_not_compiled(runner, copy):
    cak = copy / "cak" / "LC_MESSAGES" / "messages.po"

    def fuzzy(catalog):
        catalog["Guardar"].flags.add("fuzzy")

    rewrite(cak, fuzzy)
    assert invoke(runner, "compile").exit_code == 0
    with (copy / "cak" / "LC_MESSAGES" / "messages.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    assert compiled.gettext("Guardar") == "Guardar"
    assert compiled.gettext("Cancelar") == "Tiq'at"
    # fill-verified clears the flag of a verified term.
    assert invoke(runner, "fill-verified").exit_code == 0
    assert "fuzzy" not in read(cak)["Guardar"].flags


def test_a_lost_plural_forms_header_stops_compile_and_update_restores_it(runner, copy):
    cak = copy / "cak" / "LC_MESSAGES" / "messages.po"
    text = cak.read_text(encoding="utf-8")
    cak.write_text(text.replace('"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n', ""),
                   encoding="utf-8")
    result = invoke(runner, "compile")
    assert result.exit_code == 1
    assert "lost its Plural-Forms header" in result.output

    assert invoke(runner, "update").exit_code == 0
    assert '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"' in cak.read_text(encoding="utf-8")
    assert invoke(runner, "compile").exit_code == 0


def test_init(runner, copy):
    result = invoke(runner, "init", "xx")
    assert result.exit_code != 0 and "unknown language code" in result.output
    result = invoke(runner, "init", "agu-x-chalchit")
    assert result.exit_code != 0 and "cannot have a catalog" in result.output
    result = invoke(runner, "init", "cak")
    assert result.exit_code != 0 and "already exists" in result.output

    # A language of the registry that is not enabled yet (Q'anjob'al).
    result = invoke(runner, "init", "kjb")
    assert result.exit_code == 0, result.output
    text = (copy / "kjb" / "LC_MESSAGES" / "messages.po").read_text(encoding="utf-8")
    assert '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"' in text
    assert '"Language: kjb\\n"' in text
    for message in read(copy / "kjb" / "LC_MESSAGES" / "messages.po"):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert not message.id or not any(strings)


def test_init_english_keeps_babels_own_header(runner, copy):
    # English is no es_GT alias: Babel's en data gives the same two-form rule natively.
    shutil.rmtree(copy / "en")
    result = invoke(runner, "init", "en")
    assert result.exit_code == 0, result.output
    text = (copy / "en" / "LC_MESSAGES" / "messages.po").read_text(encoding="utf-8")
    assert '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"' in text
    assert '"Language: en\\n"' in text
    assert "verified terms" in result.output and "is translated but not in" not in result.output


def test_fill_verified_leaves_the_english_catalog_alone(runner, copy):
    english = copy / "en" / "LC_MESSAGES" / "messages.po"
    before = english.read_bytes()
    result = invoke(runner, "fill-verified")
    assert result.exit_code == 0, result.output
    assert "en: 0 verified terms (0 written)" in result.output
    assert "  en: " not in result.output  # no "translated but not in the register" lines
    assert english.read_bytes() == before
