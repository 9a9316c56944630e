"""Accounts younger than LINK_LIMIT_NEW_ACCOUNT_DAYS (7) may put at most LINK_LIMIT (2)
links in a proposal (all its texts together) or a comment: beyond, 422 with a translated
message beside the field and the text kept; nothing stored."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from participa.base.extensions import db
from participa.comments.models import Comment
from participa.content.abuse import count_links
from participa.proposals.models import Proposal

from ..factories import login_as
from ..pages import html
from ..proposals.world import textarea_value
from .arena import comment_url, new_proposal_url, proposal_data

THREE_LINKS = ("Vea https://uno.example/a, http://dos.example y www.tres.example "
               "para más datos.")
TWO_LINKS = "Vea https://uno.example/a y mailto:mesa@example.org."
MESSAGE = "pueden incluir como máximo 2 enlaces en una propuesta o un comentario"


@pytest.mark.parametrize(("text", "expected"), [
    ("", 0),
    ("sin enlaces, ni www", 0),
    ("https://a.example", 1),
    ("HTTPS://A.EXAMPLE y Http://b.example", 2),
    ("https://www.a.example", 1),
    ("www.a.example www.b.example", 2),
    ("mailto:a@b.example", 1),
    ("correo@www.example", 0),
    (THREE_LINKS, 3),
])
def test_count_links(text, expected):
    assert count_links(text) == expected


def _proposals() -> int:
    return db.session.scalar(sa.select(sa.func.count(Proposal.id)))


@pytest.mark.parametrize("action", ["vista_previa", "publicar"])
def test_a_new_account_cannot_put_three_links_in_a_proposal(client, app, arena, action):
    login_as(client, "newbie")
    data = proposal_data(arena, accion=action, problem=THREE_LINKS)
    response = client.post(new_proposal_url(arena), data=data)
    assert response.status_code == 422
    page = html(response)
    assert MESSAGE in page
    assert "hace menos de 7 días" in page
    # Beside the field, and the text kept as typed.
    assert 'id="problem-error"' in page
    assert textarea_value(page, "problem").strip() == THREE_LINKS.replace('"', "&#34;")
    with app.app_context():
        assert _proposals() == 2


def test_the_links_of_every_text_of_a_proposal_count_together(client, app, arena):
    login_as(client, "newbie")
    data = proposal_data(arena, problem=TWO_LINKS, benefit="Más en https://tres.example")
    response = client.post(new_proposal_url(arena), data=data)
    assert response.status_code == 422
    assert 'id="benefit-error"' in html(response)


def test_two_links_are_fine_and_older_accounts_have_no_limit(client, app, arena):
    login_as(client, "newbie")
    ok = client.post(new_proposal_url(arena), data=proposal_data(arena, problem=TWO_LINKS))
    assert ok.status_code == 302
    client.post("/cuenta/salir")
    login_as(client, "veteran")
    ok = client.post(new_proposal_url(arena), data=proposal_data(arena, problem=THREE_LINKS))
    assert ok.status_code == 302
    with app.app_context():
        assert _proposals() == 4


def test_comments_replies_and_edits(client, app, arena):
    login_as(client, "newbie")
    response = client.post(comment_url(arena), data={"body": THREE_LINKS})
    assert response.status_code == 422
    page = html(response)
    assert MESSAGE in page
    assert THREE_LINKS in textarea_value(page, "body")
    response = client.post(f"/comentarios/{arena['comment']}/responder",
                           data={"body": THREE_LINKS})
    assert response.status_code == 422
    response = client.post(f"/comentarios/versiones/{arena['version']}/nuevo",
                           data={"body": THREE_LINKS, "anchor": ""})
    assert response.status_code == 422
    assert client.post(comment_url(arena), data={"body": TWO_LINKS}).status_code == 303
    with app.app_context():
        own = db.session.scalars(sa.select(Comment).where(
            Comment.author_id == arena["newbie"])).one()
        own_id = own.id
    response = client.post(f"/comentarios/{own_id}/editar", data={"body": THREE_LINKS})
    assert response.status_code == 422
    assert MESSAGE in html(response)
    with app.app_context():
        assert db.session.get(Comment, own_id).body == TWO_LINKS
    client.post("/cuenta/salir")
    login_as(client, "veteran")
    assert client.post(comment_url(arena), data={"body": THREE_LINKS}).status_code == 303


def test_the_limits_come_from_the_configuration(client, app, arena):
    app.config["LINK_LIMIT"] = 0
    login_as(client, "newbie")
    response = client.post(comment_url(arena), data={"body": "https://uno.example"})
    assert response.status_code == 422
    assert "como máximo 0 enlaces" in html(response)
    app.config["LINK_LIMIT_NEW_ACCOUNT_DAYS"] = 0  # off
    assert client.post(comment_url(arena),
                       data={"body": THREE_LINKS}).status_code == 303
