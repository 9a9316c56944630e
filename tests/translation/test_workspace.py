"""The translation workspace in the browser: who sees it, the list's filters and search, one
message with its history, suggesting (refused by the checks: typed text kept, 422), review
through the views, the memory's «Usar esta sugerencia», the glossary, and the menu.
Every form is a plain POST with its CSRF token: the pages work without JavaScript."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from participa.accounts.models import User
from participa.base.extensions import db
from participa.consultations.models import ConsultationRound
from participa.i18n.memory_files import MemoryPair
from participa.translation import glossary, memory, services, template
from participa.translation.models import (
    GlossaryTerm,
    Origin,
    SourceMessage,
    Suggestion,
    SuggestionStatus,
    TermStatus,
    TranslatorRole,
)
from tests.factories import audit_events, login, make_user
from tests.pages import html

from .helpers import message_for, synced


@pytest.fixture
def people(app):
    with app.app_context():
        admin = make_user(email_address="admin@example.org", is_admin=True)
        for email, language, review in (("tra@example.org", "quc", False),
                                        ("rev@example.org", "quc", True),
                                        ("cak@example.org", "cak", True)):
            services.grant(actor=admin, user=make_user(email_address=email), language=language,
                           can_review=review)
        make_user(email_address="nadie@example.org")
        db.session.commit()


def _as(client, email):
    assert login(client, email).status_code == 302
    return client


def _text(response) -> str:
    return response.get_data(as_text=True)


def _id(msgid: str, context: str | None = None) -> int:
    return message_for(msgid, context).id


# Who sees what -----------------------------------------------------------------------------


ROUTES = ("/traduccion/quc", "/traduccion/quc/glosario", "/traduccion/quc/1")


@pytest.mark.parametrize("path", ("/traduccion/", *ROUTES))
def test_anonymous_people_are_sent_to_log_in(client, path):
    response = client.get(path)
    assert response.status_code == 302 and "/cuenta/entrar" in response.headers["Location"]


@pytest.mark.parametrize("path", ROUTES)
@pytest.mark.parametrize("email", ["nadie@example.org", "cak@example.org"])
def test_others_and_translators_of_another_language_are_refused(client, people, path, email):
    assert _as(client, email).get(path).status_code == 403


@pytest.mark.parametrize("path", ROUTES)
def test_translators_and_administrators_read(client, people, path):
    assert _as(client, "tra@example.org").get(path).status_code == 200
    client.post("/cuenta/salir")
    page = _as(client, "admin@example.org").get(path)
    assert page.status_code == 200
    assert "no sugiere ni revisa" in _text(page)


@pytest.mark.parametrize("code", ["es", "xx", "fr"])
def test_spanish_and_unknown_languages_are_not_found(client, people, code):
    assert _as(client, "tra@example.org").get(f"/traduccion/{code}").status_code == 404


def test_the_menu_and_the_list_of_ones_languages(client, people):
    page = _text(_as(client, "tra@example.org").get("/"))
    assert 'href="/traduccion/"' in page and ">Traducción<" in page
    mine = _text(client.get("/traduccion/"))
    assert 'href="/traduccion/quc"' in mine and 'href="/traduccion/cak"' not in mine
    assert re.search(r"traducido: \d+ % \(\d+ de \d+ textos\)", mine)
    client.post("/cuenta/salir")
    assert 'href="/traduccion/"' not in _text(_as(client, "nadie@example.org").get("/"))


def test_revoking_the_last_role_takes_the_menu_away(app, client, people):
    with app.app_context():
        role = db.session.scalar(sa.select(TranslatorRole).join(TranslatorRole.user).where(
            TranslatorRole.language == "quc", TranslatorRole.can_review.is_(False)))
        services.revoke(actor=None, role=role)
        db.session.commit()
    assert 'href="/traduccion/"' not in _text(_as(client, "tra@example.org").get("/"))
    assert client.get("/traduccion/quc").status_code == 403


# The list ----------------------------------------------------------------------------------


def test_the_list_syncs_the_template_by_itself(app, client, people):
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(SourceMessage.id))) == 0
    page = _text(_as(client, "tra@example.org").get("/traduccion/quc"))
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(SourceMessage.id))) > 1000
        # In step: the next visit does not sync again.
        assert template.in_step() is False
    assert len(re.findall(r'<li class="message wrap">', page)) == 25


def _listed(client, query: str) -> list[str]:
    page = _text(client.get(f"/traduccion/quc?per_page=100&{query}"))
    return re.findall(r'<a href="/traduccion/quc/\d+" lang="es">([^<]*)</a>', page)


def test_filters_and_search(app, client, people):
    with app.app_context():
        synced()
        translator = db.session.scalar(sa.select(User).where(User.email == "tra@example.org"))
        reviewer = db.session.scalar(sa.select(User).where(User.email == "rev@example.org"))
        approved = services.suggest(author=translator, message=message_for("Propuestas"),
                                    language="quc", forms=["[quc] Propuestas"])
        services.approve(reviewer=reviewer, suggestion=approved)
        services.suggest(author=translator, message=message_for("Consultas"), language="quc",
                         forms=["[quc] Consultas"])
        # Made for an earlier Spanish (carried over, or imported fuzzy): outdated.
        services.suggest(author=translator, message=message_for("Organizaciones"),
                         language="quc", forms=["[quc] Organizaciones"],
                         source_msgid="Organizaciones de antes")
        db.session.commit()
    _as(client, "tra@example.org")
    assert "Propuestas" in _listed(client, "estado=aprobados")
    assert "Consultas" not in _listed(client, "estado=aprobados")
    assert set(_listed(client, "estado=sugeridos")) == {"Consultas", "Organizaciones"}
    assert _listed(client, "estado=desactualizados") == ["Organizaciones"]
    assert "Propuestas" not in _listed(client, "estado=sin-traducir&q=propuestas")
    # Search: in the Spanish, case and accents aside, and in the translation.
    assert "Cerrar sesión" in _listed(client, "q=CERRAR SESION")
    assert _listed(client, "q=%5Bquc%5D propuestas") == ["Propuestas"]
    assert client.get("/traduccion/quc?estado=otro").status_code == 400
    assert client.get("/traduccion/quc?nada=1").status_code == 400
    too_long = client.get("/traduccion/quc", query_string={"q": "x" * 201})
    assert too_long.status_code == 400
    assert "La búsqueda es demasiado larga: escriba como mucho 200 caracteres." in _text(
        too_long)


def test_shipped_translations_count_as_translated(client, people):
    _as(client, "cak@example.org")
    page = _text(client.get("/traduccion/cak?estado=aprobados&q=Iniciar sesión"))
    assert re.search(r'lang="es">Iniciar sesión</a>', page)
    assert 'lang="es">Iniciar sesión</a>' not in _text(
        client.get("/traduccion/cak?estado=sin-traducir&q=Iniciar sesión"))


# One message, suggesting and reviewing -----------------------------------------------------


def test_a_message_shows_its_context_and_plural(app, client, people):
    with app.app_context():
        synced()
        plural = db.session.scalar(sa.select(SourceMessage).where(
            SourceMessage.msgid_plural.is_not(None)).limit(1))
        ident, msgid, msgid_plural = plural.id, plural.msgid, plural.msgid_plural
        location = plural.locations.splitlines()[0]
    page = _text(_as(client, "tra@example.org").get(f"/traduccion/quc/{ident}"))
    assert '<label for="singular">Singular</label>' in page
    assert '<label for="plural">Plural</label>' in page
    assert "Es igual a propósito" in page and location in page
    from markupsafe import escape
    assert str(escape(msgid)) in page and str(escape(msgid_plural)) in page


def test_a_suggestion_refused_by_the_checks_keeps_what_was_typed(app, client, people):
    with app.app_context():
        synced()
        ident = db.session.scalar(sa.select(SourceMessage.id).where(
            SourceMessage.python_format.is_(True), SourceMessage.msgid_plural.is_(None),
            SourceMessage.msgid.contains("%(")).order_by(SourceMessage.id).limit(1))
    _as(client, "tra@example.org")
    response = client.post(f"/traduccion/quc/{ident}", data={"singular": "[quc] sin marcador"})
    assert response.status_code == 422
    page = _text(response)
    assert "[quc] sin marcador</textarea>" in page and "Los marcadores deben ser" in page
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Suggestion.id))) == 0


def test_suggest_approve_and_the_page_shows_it(app, client, people):
    with app.app_context():
        synced()
        ident = _id("Consultas")
        db.session.add(GlossaryTerm(language="quc", term="Consultas", translation="[quc] mal",
                                    status=TermStatus.FORBIDDEN))
        db.session.commit()
    _as(client, "tra@example.org")
    response = client.post(f"/traduccion/quc/{ident}", data={"singular": "[quc] mal Consultas"})
    assert response.status_code == 303
    with app.app_context():
        suggestion = db.session.scalar(sa.select(Suggestion))
        assert suggestion.origin == Origin.TYPED and suggestion.forms == ["[quc] mal Consultas"]
        sid = suggestion.id
    page = _text(client.get(f"/traduccion/quc/{ident}"))
    # The translator sees her suggestion, flagged, and cannot approve it.
    assert "Usa términos que el glosario prohíbe" in page
    assert f"/sugerencias/{sid}/aprobar" not in page
    assert client.post(f"/traduccion/quc/sugerencias/{sid}/aprobar").status_code == 403
    client.post("/cuenta/salir")
    _as(client, "rev@example.org")
    page = _text(client.get(f"/traduccion/quc/{ident}"))
    assert f"/sugerencias/{sid}/aprobar" in page and f"/sugerencias/{sid}/rechazar" in page
    assert client.post(f"/traduccion/quc/sugerencias/{sid}/aprobar").status_code == 303
    with app.app_context():
        assert db.session.get(Suggestion, sid).status == SuggestionStatus.APPROVED
        assert [e.action for e in audit_events("translation.approve")] == ["translation.approve"]
    # Live: the next page in the language shows it.
    visitor = app.test_client()
    home = _text(visitor.get("/", headers={"Accept-Language": "quc"}))
    assert "[quc] mal Consultas" in home
    # Reviewed already: 409.
    assert client.post(f"/traduccion/quc/sugerencias/{sid}/aprobar").status_code == 409


def test_rejecting_needs_a_note(app, client, people):
    with app.app_context():
        synced()
        translator = db.session.scalar(sa.select(User).where(User.email == "tra@example.org"))
        message = message_for("Consultas")
        ident = message.id
        sid = services.suggest(author=translator, message=message, language="quc",
                               forms=["[quc] Consultas"]).id
        db.session.commit()
    _as(client, "rev@example.org")
    response = client.post(f"/traduccion/quc/sugerencias/{sid}/rechazar", data={"note": " "})
    assert response.status_code == 422
    assert "Diga por qué rechaza la sugerencia." in _text(response)
    response = client.post(f"/traduccion/quc/sugerencias/{sid}/rechazar",
                           data={"note": "Falta el acento del original."})
    assert response.status_code == 303
    with app.app_context():
        rejected = db.session.get(Suggestion, sid)
        assert rejected.status == SuggestionStatus.REJECTED
        assert rejected.review_note == "Falta el acento del original."
        assert audit_events("translation.reject")
    assert "Falta el acento del original." in _text(client.get(f"/traduccion/quc/{ident}"))


def test_using_a_memory_match_records_its_origin(app, client, people):
    with app.app_context():
        synced()
        ident = _id("Propuestas")
        memory.import_pairs([MemoryPair(
            language="quc", source_text="Propuestas", target_text="[quc] Propuestas de la memoria",
            source_name="Memoria de prueba", licence="MPL-2.0")], audited=False)
        db.session.commit()
    _as(client, "tra@example.org")
    page = _text(client.get(f"/traduccion/quc/{ident}"))
    assert "Usar esta sugerencia" in page and "Memoria de prueba (MPL-2.0)" in page
    page = _text(client.get(f"/traduccion/quc/{ident}?memoria=0"))
    assert "[quc] Propuestas de la memoria</textarea>" in page
    assert 'name="memoria" type="hidden" value="0"' in page
    assert client.post(f"/traduccion/quc/{ident}", data={
        "singular": "[quc] Propuestas de la memoria", "memoria": "0"}).status_code == 303
    # Changed before sending: typed.
    assert client.post(f"/traduccion/quc/{ident}", data={
        "singular": "[quc] Propuestas cambiadas", "memoria": "0"}).status_code == 303
    with app.app_context():
        first, second = db.session.scalars(sa.select(Suggestion).order_by(Suggestion.id))
        assert (first.origin, first.origin_detail) == (Origin.MEMORY,
                                                       "Memoria de prueba (MPL-2.0)")
        assert (second.origin, second.origin_detail) == (Origin.TYPED, "")


# The glossary ------------------------------------------------------------------------------


def test_reviewers_add_and_edit_terms_audited(app, client, people):
    _as(client, "tra@example.org")
    assert client.post("/traduccion/quc/glosario", data={
        "term": "propuesta", "translation": "[quc] propuesta", "status": "preferido"}
    ).status_code == 403
    client.post("/cuenta/salir")
    _as(client, "rev@example.org")
    response = client.post("/traduccion/quc/glosario", data={
        "term": "", "translation": "[quc] propuesta", "status": "preferido"})
    assert response.status_code == 422 and 'value="[quc] propuesta"' in _text(response)
    assert client.post("/traduccion/quc/glosario", data={
        "term": "propuesta", "translation": "[quc] propuesta", "status": "preferido",
        "note": "Nota de prueba."}).status_code == 303
    with app.app_context():
        term = db.session.scalar(sa.select(GlossaryTerm).where(GlossaryTerm.term == "propuesta"))
        term_id = term.id
    assert "[quc] propuesta" in _text(client.get("/traduccion/quc/glosario"))
    assert client.post(f"/traduccion/quc/glosario/{term_id}", data={
        "term": "propuesta", "translation": "[quc] propuesta", "status": "prohibido",
        "note": "Ya no."}).status_code == 303
    with app.app_context():
        assert db.session.get(GlossaryTerm, term_id).status == TermStatus.FORBIDDEN
        assert [e.action for e in audit_events() if e.action.startswith("translation.gl")] == [
            "translation.glossary_add", "translation.glossary_edit"]
    client.post("/cuenta/salir")
    _as(client, "cak@example.org")
    assert client.get(f"/traduccion/quc/glosario/{term_id}").status_code == 403
    assert client.get(f"/traduccion/cak/glosario/{term_id}").status_code == 404


def test_the_glossary_is_seeded_from_the_verified_terms(app):
    from participa.i18n import verified_terms
    with app.app_context():
        added = glossary.seed()
        assert added == len(verified_terms.APPLIED) + len(verified_terms.WITHHELD)
        assert glossary.seed() == 0
        withheld = verified_terms.WITHHELD[0]
        row = db.session.scalar(sa.select(GlossaryTerm).where(
            GlossaryTerm.language == withheld.language, GlossaryTerm.term == withheld.msgid))
        assert row.status == TermStatus.WITHHELD and row.note == withheld.note
        assert row.source.endswith(f"({verified_terms.SOURCES[withheld.source].licence})")


def test_the_demo_gives_translators_and_a_reviewer(app, runner, client):
    from participa.demo.organizations import REVIEWER_EMAIL, TRANSLATOR_EMAIL
    app.config["DEMO_PASSWORD"] = "una contraseña de demostración larga"
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        roles = {(role.user.email, role.language, role.can_review)
                 for role in db.session.scalars(sa.select(TranslatorRole))}
        assert roles == {(email, language, email == REVIEWER_EMAIL)
                         for email in (TRANSLATOR_EMAIL, REVIEWER_EMAIL)
                         for language in ("quc", "cak", "en")}
        assert db.session.scalar(sa.select(sa.func.count(GlossaryTerm.id))) > 0
    login(client, TRANSLATOR_EMAIL, "una contraseña de demostración larga")
    assert client.get("/traduccion/quc/glosario").status_code == 200
    # The demo's English translations (written by the project), approved by the reviewer:
    # an English reader gets the call in English, the Spanish reader the original.
    from participa.demo.content_translations import CALL_EN
    from participa.demo.proposal_data import ROUND_TITLE
    with app.app_context():
        round_id = db.session.scalar(sa.select(ConsultationRound.id).where(
            ConsultationRound.title == ROUND_TITLE))
    client.post("/cuenta/salir")
    english = html(client.get(f"/consultas/{round_id}?lang=en"))
    assert CALL_EN["title"] in english and "Translation into English" in english
    assert CALL_EN["title"] not in html(client.get(f"/consultas/{round_id}?lang=es"))


def test_a_reviewer_does_not_approve_her_own_suggestion(app, client, people):
    with app.app_context():
        synced()
        ident = _id("Consultas")
    _as(client, "rev@example.org")
    assert client.post(f"/traduccion/quc/{ident}",
                       data={"singular": "[quc] Consultas"}).status_code == 303
    with app.app_context():
        sid = db.session.scalar(sa.select(Suggestion.id))
    assert f"/sugerencias/{sid}/aprobar" not in _text(client.get(f"/traduccion/quc/{ident}"))
    response = client.post(f"/traduccion/quc/sugerencias/{sid}/aprobar")
    assert response.status_code == 403
    assert "Otra persona debe revisar su propia sugerencia." in _text(response)


def test_the_pages_work_without_javascript(app, client, people):
    """No script; every form posts plainly with its CSRF token, or is a GET (the filters,
    «Usar esta sugerencia»); every field has its label."""
    with app.app_context():
        synced()
        ident = _id("Consultas")
        sid = services.suggest(author=db.session.scalar(sa.select(User).where(
            User.email == "tra@example.org")), message=message_for("Consultas"),
            language="quc", forms=["[quc] Consultas"]).id
        db.session.commit()
    _as(client, "rev@example.org")
    for path in ("/traduccion/", "/traduccion/quc", f"/traduccion/quc/{ident}",
                 "/traduccion/quc/glosario"):
        page = _text(client.get(path))
        main = page.partition("<main")[2]
        assert "<script" not in page
        for form in re.findall(r"<form[^>]*>.*?</form>", main, re.S):
            method = re.search(r'method="(get|post)"', form).group(1)
            if method == "post":
                assert 'name="csrf_token"' in form, form
            for tag in re.findall(r"<(?:input|textarea|select)[^>]*>", form):
                if 'type="hidden"' in tag:
                    continue
                field_id = re.search(r'\bid="([^"]+)"', tag).group(1)
                assert f'for="{field_id}"' in form, (path, field_id)
    assert f"/sugerencias/{sid}/rechazar" in _text(client.get(f"/traduccion/quc/{ident}"))
