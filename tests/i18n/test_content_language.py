"""People's text in the language its author wrote it in (issue 14, item 9): proposals and
comments say their language (chosen in the form, by default the interface language), and
every page showing their text marks it with ``lang``, whatever the interface's language.
Texts said to be in a Mayan language are visibly fake here: ``[cak] ...``."""

from __future__ import annotations

import re

import pytest

from participa.base.extensions import db
from participa.comments import services as comment_services
from participa.comments.models import Comment
from participa.proposals.models import Proposal

from ..factories import login, login_as, make_open_round, make_proposal, make_user
from ..pages import html
from ..proposals.world import form_data, world_fixture  # noqa: F401  (the fixture ``world``)
from .effective import fake_catalog, languages

COMMENT = "[cak] Un comentario de prueba."


@pytest.fixture
def thread(app):
    with app.app_context():
        proposal = make_proposal(make_open_round(), make_user(), title="Agua potable ya")
        proposal.language = "es"
        comment_services.post_comment(author=make_user(), body=COMMENT, proposal=proposal,
                                      language="cak")
        db.session.commit()
        return proposal.id


def _language_of(nodes, text: str) -> str:
    found = [lang for node, lang, _ in nodes if node == text]
    assert found, text
    return found[0]


@pytest.mark.parametrize("coverage", ["none", "high"])
def test_people_s_text_is_in_its_author_s_language_on_any_interface(app, client, thread,
                                                                    coverage):
    if coverage == "high":
        fake_catalog(app, "quc", every=True)
    page = client.get(f"/propuestas/{thread}", headers={"Accept-Language": "quc"})
    html_lang, nodes = languages(html(page))
    assert html_lang == ("quc" if coverage == "high" else "es")
    assert _language_of(nodes, "Agua potable ya") == "es"
    assert _language_of(nodes, "Las compras municipales no se publican a tiempo.") == "es"
    assert _language_of(nodes, COMMENT) == "cak"
    # Dates are written with es_GT's words in the Mayan languages: Spanish.
    dates = [lang for _, lang, element in nodes if element == "time"]
    assert dates and set(dates) == {"es"}
    # The Spanish interface says so too (no rewriting there: the templates' own lang).
    spanish = languages(html(client.get(f"/propuestas/{thread}?lang=es")))[1]
    assert _language_of(spanish, COMMENT) == "cak"


def test_the_list_and_the_moderation_queue_mark_the_title(app, client, thread):
    with app.app_context():
        round_id = db.session.get(Proposal, thread).round_id
    nodes = languages(html(client.get(f"/consultas/{round_id}/propuestas?lang=quc")))[1]
    assert _language_of(nodes, "Agua potable ya") == "es"


def test_a_text_without_a_language_said_is_spanish(app, client):
    """Written before the question existed: Spanish, the migration's default (issue 18)."""
    with app.app_context():
        proposal_id = make_proposal(title="Sin idioma dicho").id
    page = html(client.get(f"/propuestas/{proposal_id}"))
    assert re.search(r'<h1 id="titulo-propuesta" lang="es">Sin idioma dicho</h1>', page)


def test_the_forms_offer_the_languages_by_their_own_names_the_interface_one_chosen(
        client, world):
    login_as(client, "author")
    page = html(client.get(f"/consultas/{world['round']}/propuestas/nueva?lang=cak"))
    menu = page.split('name="language">')[1].split("</select>")[0]
    assert re.findall(r'<option lang="(\w+)"( selected)? value="(\w+)">', menu) == [
        (code, " selected" if code == "cak" else "", code)
        for code in client.application.config["LANGUAGES"]]
    assert '<label for="language">' in page


def test_a_proposal_is_saved_in_the_language_chosen_and_refused_in_another(client, world):
    login_as(client, "author")
    url = f"/consultas/{world['round']}/propuestas/nueva"
    refused = client.post(url, data=form_data(world, accion="publicar", language="xx"))
    assert refused.status_code == 422
    assert "Elija una de las opciones de la lista." in html(refused)
    answer = client.post(url, data=form_data(world, accion="publicar", language="mam"))
    assert answer.status_code == 302
    with client.application.app_context():
        proposal = db.session.scalars(db.select(Proposal)).one()
        assert proposal.language == "mam"
    # Not posted (an older form): the interface language.
    client.get("/?lang=kek")
    data = form_data(world, accion="publicar", title="Otra propuesta distinta")
    data.pop("language", None)
    assert client.post(url, data=data).status_code == 302
    with client.application.app_context():
        languages_saved = sorted(db.session.scalars(db.select(Proposal.language)))
        assert languages_saved == ["kek", "mam"]


def test_comments_are_saved_in_the_language_chosen_and_edited(app, client, thread):
    with app.app_context():
        email = make_user().email
    login(client, email)
    answer = client.post(f"/comentarios/propuestas/{thread}/nuevo",
                         data={"body": "[mam] Otro comentario.", "language": "mam"})
    assert answer.status_code in (302, 303)
    with app.app_context():
        comment = db.session.scalars(db.select(Comment).where(
            Comment.body == "[mam] Otro comentario.")).one()
        assert comment.language == "mam"
        comment_id = comment.id
    edit = html(client.get(f"/comentarios/{comment_id}/editar"))
    assert '<option lang="mam" selected value="mam">' in edit
    changed = client.post(f"/comentarios/{comment_id}/editar",
                          data={"body": "[mam] Otro comentario.", "language": "quc"})
    assert changed.status_code in (302, 303)
    with app.app_context():
        assert db.session.get(Comment, comment_id).language == "quc"
    refused = client.post(f"/comentarios/{comment_id}/editar",
                          data={"body": "[mam] Otro comentario.", "language": "kjb"})
    assert refused.status_code == 422
