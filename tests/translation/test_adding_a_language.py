"""Adding a language is one catalog and one configuration line (docs/translating.md, «Enabling
a language»): done here for Tz'utujil on a copy of translations/. After ``flask translate
init tzj`` and ``compile``, with ``tzj`` in LANGUAGES, the language is in the menu, pages are
open in it, /idiomas lists it, and administrators can assign its translators."""

from __future__ import annotations

import pytest
from babel.messages.pofile import read_po

from participa.base.config import Defaults
from participa.i18n import cli as translate_cli
from participa.i18n import live
from tests.factories import login_as, make_user
from tests.pages import html

LANGUAGES = [*Defaults.LANGUAGES, "tzj"]


@pytest.fixture
def app_config(tmp_path) -> dict:
    # The ``copy`` fixture (tests/i18n) makes tmp_path/translations.
    return {"LANGUAGES": LANGUAGES,
            "BABEL_TRANSLATION_DIRECTORIES": str(tmp_path / "translations")}


def test_tzutujil_takes_one_catalog_and_one_line(app, runner, copy):
    assert not (copy / "tzj").exists()
    result = runner.invoke(args=["translate", "init", "tzj"])
    assert result.exit_code == 0, result.output
    path = copy / "tzj" / "LC_MESSAGES" / "messages.po"
    text = path.read_text(encoding="utf-8")
    assert '"Language: tzj\\n"' in text
    assert '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"' in text
    with path.open("rb") as handle:
        catalog = read_po(handle, locale="tzj")
    with translate_cli.POT.open("rb") as handle:
        template = read_po(handle)
    assert len([m for m in catalog if m.id]) == len([m for m in template if m.id])
    # `update` keeps it in step like every other enabled catalog; `compile` builds it.
    for command in ("update", "compile"):
        result = runner.invoke(args=["translate", command])
        assert result.exit_code == 0, result.output
    assert (copy / "tzj" / "LC_MESSAGES" / "messages.mo").exists()
    live.forget()

    client = app.test_client()
    page = html(client.get("/"))
    assert 'hreflang="tzj"' in page  # the language menu
    page = client.get("/?lang=tzj")
    assert page.status_code == 200
    assert client.get_cookie("participa_lang").value == "tzj"
    languages_page = html(client.get("/idiomas"))
    section = languages_page.split('id="idioma-tzj"')[1].split("</section>")[0]
    assert '<span lang="tzj">Tz&#39;utujil</span>' in section
    assert "0 % (0 de" in section

    with app.app_context():
        person = make_user(email_address="admin@example.org", is_admin=True)
        person_id = person.id
    login_as(client, "admin")
    assert 'id="translate_tzj"' in html(client.get(f"/admin/usuarios/{person_id}/traduccion"))
