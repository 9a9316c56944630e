"""The honeypot field ``sitio_web`` (participa.web.forms.Honeypot) on the public forms that
anonymous or new people submit: hidden from people, and a filled one answers 400 with
nothing stored."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from participa.accounts.models import User
from participa.base.extensions import db
from participa.comments.models import Comment, CommentRevision
from participa.proposals.models import Proposal
from participa.web.forms import HONEYPOT_FIELD

from ..factories import login_as, mails
from ..pages import html
from .arena import comment_url, new_proposal_url, proposal_data

SPAM = "https://tienda-barata.example"


def _stored() -> tuple:
    return tuple(db.session.scalar(sa.select(sa.func.count()).select_from(model))
                 for model in (User, Proposal, Comment, CommentRevision))


def _honeypot(page: str) -> str:
    match = re.search(r'<div class="visually-hidden" aria-hidden="true">\s*<label[^>]*>'
                      r'[^<]*</label>\s*<input[^>]*name="sitio_web"[^>]*>\s*</div>', page)
    assert match, page
    return match.group(0)


def _own_comment(app, arena) -> int:
    with app.app_context():
        comment = Comment(proposal_id=arena["proposal"], author_id=arena["newbie"],
                          body="Mi comentario.", depth=0)
        db.session.add(comment)
        db.session.commit()
        return comment.id


@pytest.mark.parametrize("page", ["signup", "proposal", "comment", "reply", "edit"])
def test_the_field_is_hidden_from_people(client, app, arena, page):
    if page == "signup":
        url = "/cuenta/registro"
    else:
        login_as(client, "newbie")
        url = {
            "proposal": new_proposal_url(arena),
            "comment": f"/propuestas/{arena['proposal']}",
            "reply": f"/comentarios/{arena['comment']}/responder",
            "edit": f"/comentarios/{_own_comment(app, arena)}/editar",
        }[page]
    tag = _honeypot(html(client.get(url)))
    assert 'tabindex="-1"' in tag and 'autocomplete="off"' in tag
    assert 'type="text"' in tag
    assert "Sitio web (deje este campo vacío)" in tag
    assert 'value=""' in tag or "value=" not in tag


def test_the_preview_carries_it_too(client, arena):
    login_as(client, "newbie")
    page = html(client.post(new_proposal_url(arena),
                            data=proposal_data(arena, accion="vista_previa")))
    _honeypot(page)


def test_a_filled_honeypot_on_sign_up_stores_nothing(client, app):
    with app.app_context():
        before = _stored()
    response = client.post("/cuenta/registro", data={
        "name": "Robot", "email": "robot@example.org", "password": "una frase larga de robot",
        "sector": "ciudadania", HONEYPOT_FIELD: SPAM,
    })
    assert response.status_code == 400
    assert "Solicitud no válida" in html(response)
    with app.app_context():
        assert _stored() == before
    assert mails(app) == []


@pytest.mark.parametrize("action", ["vista_previa", "publicar"])
def test_a_filled_honeypot_on_the_proposal_form(client, app, arena, action):
    login_as(client, "newbie")
    with app.app_context():
        before = _stored()
    response = client.post(new_proposal_url(arena), data=proposal_data(
        arena, accion=action, **{HONEYPOT_FIELD: SPAM}))
    assert response.status_code == 400
    with app.app_context():
        assert _stored() == before


@pytest.mark.parametrize("form", ["comment", "reply", "edit", "draft"])
def test_a_filled_honeypot_on_comment_forms(client, app, arena, form):
    own = _own_comment(app, arena)
    url = {
        "comment": comment_url(arena),
        "reply": f"/comentarios/{arena['comment']}/responder",
        "edit": f"/comentarios/{own}/editar",
        "draft": f"/comentarios/versiones/{arena['version']}/nuevo",
    }[form]
    login_as(client, "newbie")
    with app.app_context():
        before = _stored()
    response = client.post(url, data={"body": "Compre aquí", "anchor": "",
                                      HONEYPOT_FIELD: SPAM})
    assert response.status_code == 400
    with app.app_context():
        assert _stored() == before
        assert db.session.get(Comment, own).body == "Mi comentario."


def test_an_empty_or_blank_honeypot_is_fine(client, app, arena):
    login_as(client, "newbie")
    response = client.post(comment_url(arena), data={"body": "Hola", HONEYPOT_FIELD: "  "})
    assert response.status_code == 303
