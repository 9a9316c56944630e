"""Comments on the proposal page: the thread, the form, replies without JavaScript, editing
with its history, permissions, phases, the rate limit and escaping through the whole page."""

from __future__ import annotations

import re

import pytest

from participa.base.extensions import db
from participa.comments.models import Stance
from participa.comments.threads import COMMENTS_PER_PAGE

from ..factories import login_as
from ..pages import html
from .conftest import age, comments
from .htmlcheck import problems
from .test_textfmt import XSS_CORPUS


def _new(world, key="proposal") -> str:
    return f"/comentarios/propuestas/{world[key]}/nuevo"


def _page(client, world, key="proposal") -> str:
    response = client.get(f"/propuestas/{world[key]}")
    assert response.status_code == 200
    return html(response)


def _comment_html(page: str, comment_id: int) -> str:
    match = re.search(rf'<article class="comment" id="comentario-{comment_id}">.*?</article>',
                      page, re.S)
    assert match, page
    return match.group(0)


def test_a_comment_is_posted_and_shown_with_its_line_breaks(client, world):
    login_as(client, "other")
    page = _page(client, world)
    assert 'action="/comentarios/propuestas/' in page
    assert "Todavía no hay comentarios." in page
    response = client.post(_new(world), data={"body": "Buena idea.\nFalta el plazo.",
                                              "stance": "a_favor"})
    assert response.status_code == 303
    [comment] = comments(client.application)
    assert response.headers["Location"] == (
        f"/propuestas/{world['proposal']}#comentario-{comment.id}"
    )
    assert comment.stance == Stance.FOR and comment.author_id == world["other"]
    page = _page(client, world)
    assert "Su comentario quedó publicado." in page
    shown = _comment_html(page, comment.id)
    assert "Óscar Otro" in shown and "A favor" in shown
    assert "Buena idea.<br>\nFalta el plazo." in shown
    assert "Comentarios <span class=\"count\">(1)</span>" in page


def test_invalid_input_is_refused_with_the_text_kept(client, world):
    login_as(client, "other")
    response = client.post(_new(world), data={"body": "   ", "stance": "a_favor"})
    assert response.status_code == 422
    assert "Este campo es obligatorio." in html(response)
    response = client.post(_new(world), data={"body": "x" * 4001})
    assert response.status_code == 422
    assert "No puede tener más de 4000 caracteres." in html(response)
    assert "x" * 4001 in html(response)
    response = client.post(_new(world), data={"body": "Hola", "stance": "quizas"})
    assert response.status_code == 422
    assert comments(client.application) == []


def test_replies_work_without_javascript_and_nest_up_to_three_levels(client, world):
    login_as(client, "other")
    client.post(_new(world), data={"body": "Nivel uno."})
    [root] = comments(client.application)
    page = _page(client, world)
    assert f'href="/comentarios/{root.id}/responder"' in page
    reply_page = client.get(f"/comentarios/{root.id}/responder")
    assert reply_page.status_code == 200
    assert "Nivel uno." in html(reply_page)
    assert "Su postura" not in html(reply_page)  # replies take no stance
    response = client.post(f"/comentarios/{root.id}/responder", data={"body": "Nivel dos."})
    assert response.status_code == 303
    second = comments(client.application)[-1]
    client.post(f"/comentarios/{second.id}/responder", data={"body": "Nivel tres."})
    third = comments(client.application)[-1]
    # A reply to the third level: the page says where it goes, and it goes beside it.
    assert "tres niveles como máximo" in html(client.get(f"/comentarios/{third.id}/responder"))
    assert "tres niveles" not in html(client.get(f"/comentarios/{second.id}/responder"))
    client.post(f"/comentarios/{third.id}/responder", data={"body": "Nivel tres otra vez."})
    fourth = comments(client.application)[-1]
    assert [c.depth for c in comments(client.application)] == [0, 1, 2, 2]
    assert fourth.parent_id == second.id
    page = _page(client, world)
    # Nested lists, in order: root > second > (third, fourth).
    nested = re.sub(r"\s+", " ", page)
    assert re.search(
        rf'id="comentario-{root.id}".*?<ol class="comment-replies"> <li> <article '
        rf'class="comment" id="comentario-{second.id}".*?<ol class="comment-replies"> <li> '
        rf'<article class="comment" id="comentario-{third.id}".*?</li> <li> <article '
        rf'class="comment" id="comentario-{fourth.id}"', nested)
    empty = client.post(f"/comentarios/{root.id}/responder", data={"body": ""})
    assert empty.status_code == 422


def test_on_behalf_of_an_organisation(client, world):
    login_as(client, "member")
    page = _page(client, world)
    menu = re.search(r'<select[^>]*id="comentario-organizacion".*?</select>', page, re.S).group(0)
    assert "A título personal" in menu and "Acción Ciudadana" in menu
    assert "Guatecívica" not in menu and "Congreso Transparente" not in menu
    for key in ("unverified", "pending", "stranger_org"):
        response = client.post(_new(world), data={"body": "Hola", "organization": world[key]})
        assert response.status_code == 422
    assert comments(client.application) == []
    response = client.post(_new(world), data={"body": "Hablamos por la red.",
                                              "organization": world["cso"]})
    assert response.status_code == 303
    [comment] = comments(client.application)
    assert comment.organization_id == world["cso"]
    shown = _comment_html(_page(client, world), comment.id)
    assert "en nombre de" in shown and "Acción Ciudadana" in shown
    # Someone who speaks for no organisation is not asked.
    client.post("/cuenta/salir")
    login_as(client, "other")
    assert 'id="comentario-organizacion"' not in _page(client, world)
    response = client.post(_new(world), data={"body": "Intento", "organization": world["cso"]})
    assert response.status_code == 303
    assert comments(client.application)[-1].organization_id is None


@pytest.mark.parametrize("who", ["anonymous", "unconfirmed"])
def test_who_may_not_comment(client, world, who):
    login_as(client, who)
    page = _page(client, world)
    assert 'action="/comentarios/propuestas/' not in page
    if who == "anonymous":
        assert "Inicie sesión para comentar." in page
    else:
        assert "Confirme su correo electrónico para poder comentar." in page
    response = client.post(_new(world), data={"body": "Hola"})
    if who == "anonymous":
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/cuenta/entrar")
    else:
        assert response.status_code == 403
        assert "Confirme su correo" in html(response)
    assert comments(client.application) == []


def test_anonymous_sees_comments_and_a_reply_link_leading_to_log_in(client, world):
    login_as(client, "other")
    client.post(_new(world), data={"body": "Comentario público."})
    client.post("/cuenta/salir")
    [comment] = comments(client.application)
    page = _page(client, world)
    assert "Comentario público." in page
    response = client.get(f"/comentarios/{comment.id}/responder")
    assert response.status_code == 302 and "/cuenta/entrar" in response.headers["Location"]
    response = client.post(f"/comentarios/{comment.id}/responder", data={"body": "Hola"})
    assert response.status_code == 302
    assert len(comments(client.application)) == 1


def test_csrf_is_required(client, world):
    login_as(client, "other")
    response = client.post(_new(world), data={"body": "Hola"}, csrf=False)
    assert response.status_code == 400
    assert comments(client.application) == []


@pytest.mark.parametrize(("key", "open_"), [
    ("proposal", True), ("review_proposal", True), ("future_proposal", False),
    ("draft_proposal", False),
])
def test_proposal_comments_open_in_the_proposals_and_review_phases(client, world, key, open_):
    login_as(client, "other")
    page = _page(client, world, key)
    assert ('action="/comentarios/propuestas/' in page) is open_
    response = client.post(_new(world, key), data={"body": "Hola"})
    if open_:
        assert response.status_code == 303
    else:
        assert response.status_code == 409
        assert "Las propuestas se pueden comentar durante" in html(response)
        assert "Las propuestas se pueden comentar durante" in page
        assert comments(client.application) == []


def test_a_withdrawn_proposal_takes_no_comments(client, world):
    login_as(client, "other")
    page = _page(client, world, "withdrawn")
    assert 'action="/comentarios/propuestas/' not in page
    assert "ya no recibe comentarios" in page
    response = client.post(_new(world, "withdrawn"), data={"body": "Hola"})
    assert response.status_code == 409
    assert comments(client.application) == []


def test_replies_close_with_the_phase(client, world):
    login_as(client, "other")
    client.post(_new(world, "review_proposal"), data={"body": "Hola"})
    [comment] = comments(client.application)
    with client.application.app_context():
        from participa.base.time import utcnow
        from participa.consultations.models import Phase

        for phase in db.session.scalars(db.select(Phase)):
            if phase.starts_at <= utcnow() < phase.ends_at:
                phase.ends_at = utcnow()
        db.session.commit()
    page = _page(client, world, "review_proposal")
    assert "Responder" not in page and "Modificar" not in page
    assert client.get(f"/comentarios/{comment.id}/responder").status_code == 409
    response = client.post(f"/comentarios/{comment.id}/responder", data={"body": "Tarde"})
    assert response.status_code == 409
    assert client.post(f"/comentarios/{comment.id}/editar",
                       data={"body": "Tarde"}).status_code == 409


def test_editing_within_the_window_keeps_the_earlier_text(client, world):
    login_as(client, "other")
    client.post(_new(world), data={"body": "Texto con un herror."})
    [comment] = comments(client.application)
    page = _page(client, world)
    assert f'href="/comentarios/{comment.id}/editar"' in page
    assert "editado" not in _comment_html(page, comment.id)
    form = client.get(f"/comentarios/{comment.id}/editar")
    assert form.status_code == 200 and "Texto con un herror." in html(form)
    response = client.post(f"/comentarios/{comment.id}/editar",
                           data={"body": "Texto con un error."})
    assert response.status_code == 303
    page = _page(client, world)
    shown = _comment_html(page, comment.id)
    assert "Texto con un error." in shown and "herror" not in shown
    assert f'<a href="/comentarios/{comment.id}/historial">editado</a>' in shown
    history = html(client.get(f"/comentarios/{comment.id}/historial"))
    assert "Texto con un error." in history and "Texto con un herror." in history
    # The history is public.
    client.post("/cuenta/salir")
    history = html(client.get(f"/comentarios/{comment.id}/historial"))
    assert "Texto con un herror." in history


def test_editing_is_refused_to_others_and_after_the_window(client, world):
    login_as(client, "other")
    client.post(_new(world), data={"body": "Original."})
    [comment] = comments(client.application)
    client.post("/cuenta/salir")
    login_as(client, "member")
    assert f"/comentarios/{comment.id}/editar" not in _page(client, world)
    assert client.get(f"/comentarios/{comment.id}/editar").status_code == 403
    assert client.post(f"/comentarios/{comment.id}/editar",
                       data={"body": "Ajeno."}).status_code == 403
    client.post("/cuenta/salir")
    login_as(client, "other")
    with client.application.app_context():
        age(comment.id, 16 * 60)
    assert f"/comentarios/{comment.id}/editar" not in _page(client, world)
    response = client.post(f"/comentarios/{comment.id}/editar", data={"body": "Tarde."})
    assert response.status_code == 409
    assert "15 minutos" in html(response)
    assert comments(client.application)[0].body == "Original."
    assert comments(client.application)[0].revisions == []


@pytest.mark.parametrize("app_config", [{"COMMENT_EDIT_SECONDS": 60}])
def test_the_edit_window_is_configurable(client, world):
    login_as(client, "other")
    client.post(_new(world), data={"body": "Original."})
    [comment] = comments(client.application)
    with client.application.app_context():
        age(comment.id, 90)
    response = client.post(f"/comentarios/{comment.id}/editar", data={"body": "Tarde."})
    assert response.status_code == 409
    assert "1 minuto" in html(response)


def test_there_is_no_deletion(client, world):
    login_as(client, "other")
    client.post(_new(world), data={"body": "Para siempre."})
    [comment] = comments(client.application)
    page = _page(client, world)
    assert "Eliminar" not in page and "Borrar" not in page
    assert client.post(f"/comentarios/{comment.id}/eliminar").status_code in (404, 405)
    assert client.delete(f"/comentarios/{comment.id}").status_code == 405


def test_posting_is_rate_limited_per_person(client, world):
    login_as(client, "other")
    statuses = [
        client.post(_new(world), data={"body": f"Comentario {n}"}).status_code
        for n in range(11)
    ]
    assert statuses == [303] * 10 + [429]
    assert len(comments(client.application)) == 10
    # Replies and edits share the budget.
    first = comments(client.application)[0]
    response = client.post(f"/comentarios/{first.id}/responder", data={"body": "Más"})
    assert response.status_code == 429
    assert "Demasiados intentos" in html(response)
    # Someone else is not affected.
    client.post("/cuenta/salir")
    login_as(client, "member")
    assert client.post(_new(world), data={"body": "Hola"}).status_code == 303


def test_the_permalink_leads_to_the_comment(client, world):
    login_as(client, "other")
    client.post(_new(world), data={"body": "Aquí."})
    [comment] = comments(client.application)
    response = client.get(f"/comentarios/{comment.id}")
    assert response.status_code == 302
    assert response.headers["Location"] == (
        f"/propuestas/{world['proposal']}#comentario-{comment.id}"
    )
    assert client.get("/comentarios/999999").status_code == 404
    assert client.get("/comentarios/999999/historial").status_code == 404


@pytest.mark.parametrize("app_config", [{"RATELIMIT_ENABLED": False}])
def test_xss_corpus_through_the_whole_page(client, world):
    login_as(client, "other")
    for text in XSS_CORPUS:
        response = client.post(_new(world), data={"body": text})
        assert response.status_code in (303, 422), text
    stored = comments(client.application)
    assert len(stored) >= len(XSS_CORPUS) - 3  # only empty-after-cleaning ones are refused
    client.post(f"/comentarios/{stored[0].id}/responder",
                data={"body": '"><svg onload=alert(1)> javascript:alert(1)'})
    client.post(f"/comentarios/{stored[1].id}/editar",
                data={"body": "<img src=x onerror=alert(1)> jav&#x61;script:alert(1)"})
    # Every page of the proposal's comments (they come COMMENTS_PER_PAGE threads at a time).
    proposal_pages = [f"/propuestas/{world['proposal']}?comments_page={n}"
                      for n in range(1, len(stored) // COMMENTS_PER_PAGE + 2)]
    for path in (*proposal_pages, f"/comentarios/{stored[1].id}/historial",
                 f"/comentarios/{stored[0].id}/responder",
                 f"/comentarios/{stored[2].id}/editar"):
        page = html(client.get(path))
        assert problems(page) == [], path
        assert "<script>alert" not in page and "<img src=x" not in page
    page = "".join(html(client.get(path)) for path in proposal_pages)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "{{ 7*7 }}" in page
    links = re.findall(r'<a href="([^"]*)" rel="nofollow ugc noopener">', page)
    assert links and all(link.lower().startswith(("http://", "https://", "mailto:"))
                         for link in links)


def test_proposal_titles_and_names_are_escaped_on_the_comment_pages(client, world):
    xss = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    with client.application.app_context():
        from participa.accounts.models import User
        from participa.proposals.models import Proposal

        db.session.get(Proposal, world["proposal"]).title = xss
        db.session.get(User, world["other"]).name = xss
        db.session.commit()
    login_as(client, "other")
    client.post(_new(world), data={"body": "Hola"})
    [comment] = comments(client.application)
    for path in (_new(world), f"/propuestas/{world['proposal']}",
                 f"/comentarios/{comment.id}/responder", f"/comentarios/{comment.id}/editar",
                 f"/comentarios/{comment.id}/historial"):
        page = html(client.get(path))
        assert problems(page) == [], path
        assert "<script>alert" not in page and "<img src=x" not in page, path
