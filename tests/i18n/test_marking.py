"""Honest language marking (issue 14, item 9; WCAG 3.1.1 and 3.1.2): a page's ``lang`` is
the language most of its text is in, and every text in another language says its own, at
low and at high coverage of a catalog (visibly fake: ``[quc] Propuestas``)."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from flask import render_template_string

from participa.base.extensions import db
from participa.comments import services as comment_services
from participa.i18n import marking, page_lang
from participa.i18n.languages import BY_CODE

from ..factories import login, make_open_round, make_proposal, make_user
from .effective import fake_catalog, languages

# Messages on every page (the header and the footer), faked at low coverage.
FEW = ("Inicio", "Planes", "Consultas", "Acerca de", "Saltar al contenido")
# Messages on every page left in Spanish at high coverage.
KEPT = ("Planes", "Privacidad")
AUTONYMS = {language.autonym for language in BY_CODE.values()}


@pytest.fixture
def world(app):
    with app.app_context():
        round_ = make_open_round(title="Consulta de agua potable")
        author = make_user(name="Ana Pérez")
        proposal = make_proposal(round_, author, title="Agua potable para Totonicapán")
        proposal.language = "es"
        comment_services.post_comment(author=make_user(name="Luis Tum"),
                                      body="Estoy de acuerdo con la propuesta.",
                                      proposal=proposal, language="es")
        db.session.commit()
        return {"round": round_.id, "proposal": proposal.id}


def pages(world) -> dict[str, str]:
    return {
        "home": "/",
        "list": f"/consultas/{world['round']}/propuestas",
        "proposal": f"/propuestas/{world['proposal']}",
        "form": "/cuenta/registro",
    }


def get(client, path: str) -> str:
    response = client.get(path, headers={"Accept-Language": "quc"})
    assert response.status_code == 200, path
    page = response.get_data(as_text=True)
    assert not marking.MARKER_RE.search(page), path
    return page


def interface_text(nodes):
    """The text nodes but the menu's autonyms (each in its own language)."""
    return [(text, lang, element) for text, lang, element in nodes if text not in AUTONYMS]


@pytest.mark.parametrize("name", ["home", "list", "proposal", "form"])
def test_low_coverage_the_page_is_spanish_and_each_translation_says_its_language(
        app, client, world, name):
    fake_catalog(app, "quc", FEW)
    html_lang, nodes = languages(get(client, pages(world)[name]))
    assert html_lang == "es"
    faked = [node for node in nodes if "[quc]" in node[0]]
    assert len(faked) >= len(FEW) - 1
    wrong = [node for node in interface_text(nodes)
             if node[1] != ("quc" if "[quc]" in node[0] else "es")]
    assert not wrong


@pytest.mark.parametrize("name", ["home", "list", "proposal", "form"])
def test_high_coverage_the_page_is_kiche_and_each_spanish_fallback_says_spanish(
        app, client, world, name):
    fake_catalog(app, "quc", every=True, but=KEPT)
    html_lang, nodes = languages(get(client, pages(world)[name]))
    assert html_lang == "quc"
    assert [lang for text, lang, _ in nodes if "[quc]" in text] == ["quc"] * len(
        [text for text, _, _ in nodes if "[quc]" in text])
    kept = [(text, lang) for text, lang, _ in nodes if text in KEPT]
    assert kept and all(lang == "es" for _, lang in kept), kept
    # People's text is in the language its author said.
    people = [(text, lang) for text, lang, _ in nodes
              if text in ("Agua potable para Totonicapán", "Estoy de acuerdo con la propuesta.")]
    assert (len(people) >= 1) == (name in ("list", "proposal")), people
    assert all(lang == "es" for _, lang in people), people


def test_a_signed_in_form_page_at_low_coverage(app, client, world):
    with app.app_context():
        email = make_user().email
    login(client, email)
    fake_catalog(app, "quc", (*FEW, "Título"))
    html_lang, nodes = languages(get(client, f"/consultas/{world['round']}/propuestas/nueva"))
    assert html_lang == "es"
    assert ("[quc] Título", "quc") in [(text, lang) for text, lang, _ in nodes]
    assert not [node for node in interface_text(nodes)
                if node[1] != ("quc" if "[quc]" in node[0] else "es")]


def test_spanish_pages_carry_no_marker_and_no_added_lang(client, world):
    for path in pages(world).values():
        page = client.get(path).get_data(as_text=True)
        assert '<html lang="es">' in page
        assert not marking.MARKER_RE.search(page)
        assert '<span lang="' not in page


def test_nested_messages_mark_each_their_language(app):
    fake_catalog(app, "quc", ["Apoyos"])
    source = ('<p>{{ _("Hay %(what)s aquí.", what=_("Apoyos")) }}</p>'
              '<p>{{ ngettext("%(num)d apoyo", "%(num)d apoyos", 3) }}</p>')
    with app.test_request_context(headers={"Accept-Language": "quc"}):
        with marking.rendering():
            rendered = render_template_string(source)
        assert page_lang.rewrite(f'<html lang="quc"><body>{rendered}</body></html>') == (
            '<html lang="es"><body><p>Hay <span lang="quc">[quc] Apoyos</span> aquí.</p>'
            "<p>3 apoyos</p></body></html>")


def test_messages_are_not_marked_outside_an_html_template(app):
    fake_catalog(app, "quc", ["Apoyos"])
    with app.test_request_context(headers={"Accept-Language": "quc"}):
        from flask_babel import gettext

        assert gettext("Apoyos") == "[quc] Apoyos"
        with marking.rendering():
            assert gettext("Apoyos") == marking.wrap("[quc] Apoyos", "quc")
            assert gettext("Planes") == marking.wrap("Planes", "es")
            with marking.rendering(on=False):
                assert gettext("Apoyos") == "[quc] Apoyos"
            assert gettext("Apoyos") == marking.wrap("[quc] Apoyos", "quc")
        assert gettext("Apoyos") == "[quc] Apoyos"


@pytest.mark.parametrize(("page", "expected"), [
    # An attribute in another language on an element without text: lang on the element.
    ('<html lang="es"><body><input placeholder="{q}Buscar{e}">{s}Uno{e} {s}Dos{e}</body></html>',
     '<html lang="es"><body><input lang="quc" placeholder="Buscar">Uno Dos</body></html>'),
    # A whole element in one language takes lang; <option> and <title> cannot hold a span,
    # and take their main marked language ("Participa" is a name).
    ('<html><head><title>{q}Inicio{e} · Participa</title></head><body><select>'
     '<option>{q}Uno{e}</option><option>{s}Dos tres cuatro{e}</option></select></body></html>',
     '<html lang="es"><head><title lang="quc">Inicio · Participa</title></head><body><select>'
     '<option lang="quc">Uno</option><option>Dos tres cuatro</option></select></body></html>'),
    # A message holding markup: its runs in every element it crosses; punctuation and
    # spaces are no language's.
    ('<html><body><h1>{s}Una página en castellano{e}</h1>'
     '<p>{s}Lea <a href="/x">{q}esto{e}</a> y {q}aquello{e}.{e}</p>'
     '<script>var a = "{q}x{e}";</script><textarea>{q}t{e}</textarea></body></html>',
     '<html lang="es"><body><h1>Una página en castellano</h1>'
     '<p>Lea <a lang="quc" href="/x">esto</a> y <span lang="quc">aquello</span>.</p>'
     '<script>var a = "x";</script><textarea>t</textarea></body></html>'),
    # Unmarked letters (a name) are their element's language; a child's own lang is left
    # alone; the page is in the language of most marked letters.
    ('<html><body><p>{q}Autor:{e} Ana</p><div>{q}Título{e}<h2 lang="es">Agua</h2></div>'
     '<p>{s}Hola{e}</p></body></html>',
     '<html lang="quc"><body><p>Autor: Ana</p><div>Título<h2 lang="es">Agua</h2></div>'
     '<p lang="es">Hola</p></body></html>'),
])
def test_rewrite(page, expected):
    codes = {"q": marking.START["quc"], "s": marking.START["es"], "e": marking.END}
    assert page_lang.rewrite(page.format(**codes)) == expected


@pytest.mark.parametrize("faked", [True, False])
def test_a_flash_message_says_its_language_on_the_next_page(app, client, faked):
    """Made in the view, shown on the next page: marked when stored in the session."""
    fake_catalog(app, "quc", ["No tenía avisos sin leer."] if faked else ["Inicio"])
    with app.app_context():
        email = make_user().email
    login(client, email)
    client.get("/?lang=quc")
    client.post("/notificaciones/leidas")
    page = get(client, "/notificaciones/")
    shown = [(text, lang) for text, lang, element in languages(page)[1]
             if "avisos sin leer" in text]
    assert shown == ([("[quc] No tenía avisos sin leer.", "quc")] if faked
                     else [("No tenía avisos sin leer.", "es")])
    # In Spanish the next page shows it without markers.
    client.post("/notificaciones/leidas")
    spanish = client.get("/notificaciones/?lang=es").get_data(as_text=True)
    assert "avisos sin leer." in spanish and not marking.MARKER_RE.search(spanish)


def test_a_formatted_flash_message_is_recognised(app):
    fake_catalog(app, "quc", ["Marcó %(num)d aviso como leído."])
    with app.test_request_context("/", headers={"Accept-Language": "quc"}):
        from flask import flash, session
        from flask_babel import ngettext

        flash(ngettext("Marcó %(num)d aviso como leído.", "Marcó %(num)d avisos como leídos.",
                       1), "success")
        assert session["_flashes"] == [
            ("success", marking.wrap("[quc] Marcó 1 aviso como leído.", "quc"))]
        flash("Un texto que no es un mensaje", "info")
        assert session["_flashes"][-1] == ("info", "Un texto que no es un mensaje")


@pytest.mark.parametrize("coverage", ["low", "high"])
def test_a_form_error_says_its_language(app, client, coverage):
    """WTForms keeps our validators' lazy messages: translated, and marked, when shown."""
    required = "Este campo es obligatorio."
    if coverage == "low":
        fake_catalog(app, "quc", [required])
    else:
        fake_catalog(app, "quc", every=True, but=[required])
    client.get("/?lang=quc")
    response = client.post("/cuenta/entrar", data={"email": "", "password": ""})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert not marking.MARKER_RE.search(page)
    html_lang, nodes = languages(page)
    errors = [(text, lang) for text, lang, _ in nodes if required in text]
    assert errors
    if coverage == "low":
        assert html_lang == "es"
        assert all(lang == "quc" for _, lang in errors), errors
    else:
        assert html_lang == "quc"
        assert all(lang == "es" for _, lang in errors), errors


def test_a_message_a_view_made_is_marked_when_the_page_shows_it(app):
    """A refusal's text or a notice, made by the view before rendering (``|said``)."""
    fake_catalog(app, "quc", ["Apoyos"])
    with app.test_request_context(headers={"Accept-Language": "quc"}):
        from flask_babel import gettext

        made = gettext("Apoyos")
        formatted = gettext("Quedan %(num)d días.", num=3)
        assert made == "[quc] Apoyos" and formatted == "Quedan 3 días."
        source = "{{ a|said }} {{ b|said }} {{ c|said }}"
        with marking.rendering():
            shown = render_template_string(source, a=made, b=formatted, c="Ana")
        assert shown == (f"{marking.wrap('[quc] Apoyos', 'quc')} "
                         f"{marking.wrap('Quedan 3 días.', 'es')} Ana")
        assert marking.said(made) == made  # not while a view works


def test_markers_typed_in_a_query_are_dropped(app):
    """A marker typed in a link would mislabel the page that shows the text."""
    from werkzeug.datastructures import MultiDict

    from participa.web.args import query_args, single

    typed = f"{marking.START['kek']}agua{marking.END}"
    assert single(MultiDict({"q": typed}), "q") == "agua"
    with app.test_request_context(f"/?orden={quote(typed)}"):
        assert query_args(("orden",)) == {"orden": "agua"}
