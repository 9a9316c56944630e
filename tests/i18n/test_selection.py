"""Choosing the interface language: language links (``?lang=``, the header's menu, /idioma),
the profile, Accept-Language, and the ``language()`` context manager; dates and numbers stay
es_GT in every language but English."""

from __future__ import annotations

import html
import re
from datetime import UTC, date, datetime
from urllib.parse import parse_qsl, urlsplit

import pytest
from babel.messages.pofile import read_po
from flask import render_template
from flask_babel import format_date, format_datetime, format_decimal, gettext, ngettext

from participa.accounts.models import User
from participa.base.extensions import db
from participa.i18n import cli as translate_cli
from participa.i18n import verified_terms
from participa.i18n.selection import SESSION_KEY, language
from participa.i18n.selection import interface_language as current_language

from ..factories import login, make_open_round, make_user
from ..pages import interface_language
from .conftest import ALIAS_LANGUAGES, CATALOG_LANGUAGES, VERIFIED_ONLY_LANGUAGES

ENABLED = ["es", *CATALOG_LANGUAGES]
UNTRANSLATED = "Construyamos juntos el Plan de Acción de Gobierno Abierto"


def html_lang(response) -> str:
    """The interface language the page was rendered in (its language menu's choice)."""
    code = interface_language(response.get_data(as_text=True))
    assert code, response.get_data(as_text=True)[:200]
    return code


def choose(client, code: str, path: str = "/"):
    """Follow the language link of ``code`` on ``path``."""
    return client.get(f"{path}{'&' if '?' in path else '?'}lang={code}")


def text_nodes(page: str) -> set[str]:
    """The page's text, unescaped (gettext output in templates is Markup, so a translation
    comes out raw; strings passed through variables are escaped: ' becomes &#39;)."""
    return {html.unescape(node).strip() for node in re.findall(r">([^<>]+)<", page)
            if node.strip()}


@pytest.mark.parametrize("code", ENABLED)
def test_a_language_link_switches_the_page_language_for_the_visit(client, code):
    response = choose(client, code)
    assert response.status_code == 200  # the page itself, never a redirect
    assert html_lang(response) == code
    home = client.get("/")
    assert html_lang(home) == code
    html = home.get_data(as_text=True)
    assert (f'<a href="/?lang={code}" hreflang="{code}" lang="{code}" aria-current="true"'
            in html)
    # Kept in a plain cookie: choosing a language opens no session (issue 20).
    assert client.get_cookie("participa_lang").value == code
    assert client.get_cookie("participa_session") is None


@pytest.mark.parametrize("code", VERIFIED_ONLY_LANGUAGES)
def test_verified_terms_show_and_the_rest_falls_back_to_spanish(client, code):
    spanish = text_nodes(client.get("/").get_data(as_text=True))
    choose(client, code)
    page = client.get("/").get_data(as_text=True)
    nodes = text_nodes(page)
    shown = 0
    with translate_cli.POT.open("rb") as handle:
        gettext_ids = {m.id for m in read_po(handle) if m.id}
    for msgid, term in verified_terms.applied(code).items():
        # Only gettext strings: the autonyms of the menu (Español, ...) are not translated.
        if msgid in spanish and msgid in gettext_ids:
            assert term.msgstr in nodes, (code, msgid)
            assert msgid not in nodes, (code, msgid)
            shown += 1
    # Strings without a verified term are shown in Spanish, never left blank.
    assert UNTRANSLATED in nodes
    assert "Mesa Técnica de Gobierno Abierto de Guatemala" in nodes
    if code in {"cak", "quc"}:
        assert shown >= 3


def test_kaqchikel_sign_in_on_the_home_page(client):
    choose(client, "cak")
    page = client.get("/").get_data(as_text=True)
    # The header link and the home page button; {{ _("...") }} gives Markup, so the
    # apostrophe (U+0027) is not escaped here (autonyms in the menu come out as &#39;).
    assert page.count("Titikirisäx molojri'ïl</a>") == 2
    assert page.count("Titz'ib'äx B'i'aj</a>") == 2
    assert "Kaqchikel</a>" in page and "K&#39;iche&#39;</a>" in page
    assert "Iniciar sesión" not in page and "Registrarse" not in page
    assert UNTRANSLATED in page


def test_accept_language_is_used_without_a_choice(client):
    response = client.get("/", headers={"Accept-Language": "cak, es;q=0.8, en;q=0.5"})
    assert html_lang(response) == "cak"
    assert "Titikirisäx molojri'ïl" in text_nodes(response.get_data(as_text=True))


def test_accept_language_without_any_enabled_language_gives_spanish(client):
    response = client.get("/", headers={"Accept-Language": "fr-FR, de;q=0.8"})
    assert html_lang(response) == "es"
    assert "Iniciar sesión" in response.get_data(as_text=True)


def test_no_preference_at_all_gives_spanish(client):
    assert html_lang(client.get("/")) == "es"


def test_the_session_choice_beats_accept_language(client):
    choose(client, "mam")
    assert html_lang(client.get("/", headers={"Accept-Language": "cak, es"})) == "mam"


def test_the_profile_beats_accept_language(app, client):
    with app.app_context():
        user = make_user(preferred_language="quc")
        email = user.email
    assert login(client, email).status_code == 302
    response = client.get("/", headers={"Accept-Language": "cak, es"})
    assert html_lang(response) == "quc"


def test_the_session_choice_beats_the_profile(app, client):
    with app.app_context():
        user = make_user(preferred_language="quc")
        email = user.email
    login(client, email)
    with client.session_transaction() as session:
        session[SESSION_KEY] = "kek"
    assert html_lang(client.get("/")) == "kek"


def test_a_link_while_signed_in_is_the_visits_and_leaves_the_profile(app, client):
    """A GET writes nothing: the profile keeps its language (e-mails, notifications)."""
    with app.app_context():
        user = make_user(preferred_language="mam")
        user_id, email = user.id, user.email
    login(client, email)
    assert html_lang(choose(client, "cak", "/cuenta/")) == "cak"
    assert html_lang(client.get("/")) == "cak"
    with app.app_context():
        assert db.session.get(User, user_id).preferred_language == "mam"
    # A new session (another device) starts in the profile's language.
    other = app.test_client()
    login(other, email)
    assert html_lang(other.get("/")) == "mam"


@pytest.mark.parametrize("code", ["xx", "kjb", "agu-x-chalchit", "", "es_GT", "<script>"])
def test_an_unknown_or_disabled_language_is_ignored(client, code):
    choose(client, "mam")
    response = choose(client, code, "/organizaciones/")
    assert response.status_code == 200
    assert html_lang(response) == "mam"
    assert client.get_cookie("participa_lang").value == "mam"
    fresh = client.application.test_client()
    assert html_lang(choose(fresh, code)) == "es"
    assert fresh.get_cookie("participa_lang") is None


def test_an_unusable_profile_language_is_ignored(app, client):
    with app.app_context():
        user = make_user(preferred_language="kjb")  # in the registry but not enabled
        email = user.email
    login(client, email)
    assert html_lang(client.get("/")) == "es"


def test_a_stale_session_language_is_ignored(client):
    with client.session_transaction() as session:
        session[SESSION_KEY] = "zzz"
    assert html_lang(client.get("/", headers={"Accept-Language": "kek"})) == "kek"


def test_links_keep_the_page_and_its_arguments(app, client):
    with app.app_context():
        round_id = make_open_round().id
    path = f"/consultas/{round_id}/propuestas?sort=most_supported&q=agua"
    response = choose(client, "quc", path)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    links = re.findall(r'<a href="([^"]*)" hreflang="([^"]+)" lang="([^"]+)"', page)
    header = links[:len(ENABLED)]
    assert [(hreflang, lang) for _, hreflang, lang in header] == [(c, c) for c in ENABLED]
    for href, code, _ in header:
        parts = urlsplit(html.unescape(href))
        assert parts.path == f"/consultas/{round_id}/propuestas" and not parts.netloc
        assert parse_qsl(parts.query) == [("sort", "most_supported"), ("q", "agua"),
                                          ("lang", code)]
        assert choose(client, code, html.unescape(href).split("&lang=")[0]).status_code == 200


def test_every_page_declares_its_alternates(app, client):
    page = client.get("/organizaciones/?lang=cak").get_data(as_text=True)
    alternates = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', page)
    assert alternates == [
        *((code, f"http://localhost/organizaciones/?lang={code}") for code in ENABLED),
        ("x-default", "http://localhost/organizaciones/"),
    ]


def test_the_language_page_lists_the_links_back_to_where_one_was(client):
    page = client.get("/idioma?next=/organizaciones/%3Fpage%3D2").get_data(as_text=True)
    assert "<form" not in page.split('<main id="contenido"')[1]
    hrefs = [html.unescape(h) for h in re.findall(r'<a href="([^"]*)" hreflang=', page)]
    assert hrefs[len(ENABLED):] == [f"/organizaciones/?page=2&lang={code}" for code in ENABLED]
    assert client.post("/idioma", data={"lang": "cak"}).status_code == 405


@pytest.mark.parametrize("code", ["es", *ALIAS_LANGUAGES])
def test_dates_and_numbers_are_guatemalan_spanish_in_every_language(app, code):
    with app.test_request_context("/", headers={"Accept-Language": code}):
        assert current_language() == code
        assert format_decimal(1234567.5) == "1,234,567.5"
        assert format_date(date(2025, 3, 14), "long") == "14 de marzo de 2025"
        assert format_date(date(2025, 3, 14), "full") == "viernes, 14 de marzo de 2025"
        # Shown in America/Guatemala (UTC-6).
        moment = datetime(2025, 3, 14, 18, 30, tzinfo=UTC)
        assert format_datetime(moment, "d 'de' MMMM, HH:mm") == "14 de marzo, 12:30"


def test_the_language_context_manager_renders_in_that_language(app):
    with app.test_request_context("/"):
        assert current_language() == "es"
        assert gettext("Iniciar sesión") == "Iniciar sesión"
        with language("cak") as code:
            assert code == "cak"
            assert current_language() == "cak"
            assert gettext("Iniciar sesión") == "Titikirisäx molojri'ïl"
            assert gettext(UNTRANSLATED) == UNTRANSLATED
            assert ngettext("%(num)d organización", "%(num)d organizaciones", 3) == (
                "3 organizaciones"
            )
            page = render_template("core/about.html")
            assert '<html lang="cak">' in page
            assert format_decimal(1234567.5) == "1,234,567.5"
            with language("quc"):
                assert gettext("Acerca de") == "Chi rij"
            assert gettext("Acerca de") == "Acerca de"  # no cak term: Spanish
        assert current_language() == "es"
        assert gettext("Iniciar sesión") == "Iniciar sesión"
        assert '<html lang="es">' in render_template("core/about.html")


@pytest.mark.parametrize("code", [None, "", "xx", "kjb"])
def test_the_language_context_manager_falls_back_to_spanish(app, code):
    with app.test_request_context("/", headers={"Accept-Language": "cak"}):
        with language(code) as chosen:
            assert chosen == "es"
            assert current_language() == "es"
            assert gettext("Iniciar sesión") == "Iniciar sesión"


def test_the_language_context_manager_works_outside_a_request(app):
    # E-mails sent from the CLI.
    with app.app_context():
        with language("cak"):
            assert gettext("Cerrar sesión") == "Titz'apïx molojri'ïl"
        assert gettext("Cerrar sesión") == "Cerrar sesión"


def test_lazy_strings_follow_the_language(client):
    """_l() strings (error titles, form messages) are translated when shown, not at import."""
    choose(client, "cak")
    missing = client.get("/no-existe")
    assert missing.status_code == 404
    assert html_lang(missing) == "cak"
    assert "Man xilitäj ta ruxaq" in text_nodes(missing.get_data(as_text=True))

    refused = client.post("/cuenta/entrar", data={"email": "", "password": ""})
    assert refused.status_code == 422
    assert html_lang(refused) == "cak"
    assert "K'atzinel re k'ojlib'äl re'." in html.unescape(refused.get_data(as_text=True))

    choose(client, "es")
    refused = client.post("/cuenta/entrar", data={"email": "", "password": ""})
    assert "Este campo es obligatorio." in html.unescape(refused.get_data(as_text=True))
