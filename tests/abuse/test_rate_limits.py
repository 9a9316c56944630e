"""Participation limits per person and per address (Flask-Limiter), configurable and read at
each request: publishing proposals (previews do not count), comments, supports, votes and
reports. Beyond a limit: the translated 429 page, and nothing stored."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from participa.base.extensions import db
from participa.comments.models import Comment
from participa.proposals.models import Proposal

from ..factories import login_as
from ..pages import html
from .arena import comment_url, new_proposal_url, proposal_data, support_url

OTHER_ADDRESS = {"REMOTE_ADDR": "10.20.30.40"}


def _configure(app, **limits) -> None:
    for name, value in limits.items():
        app.config[name] = value


def test_defaults_are_configured():
    from participa.base.config import Defaults

    for kind in ("PROPOSALS", "COMMENTS", "SUPPORTS", "VOTES", "REPORTS"):
        assert getattr(Defaults, f"RATELIMIT_{kind}")
        assert getattr(Defaults, f"RATELIMIT_{kind}_PER_ADDRESS")


def test_publishing_proposals_per_person_previews_do_not_count(client, app, arena):
    _configure(app, RATELIMIT_PROPOSALS="2 per hour")
    login_as(client, "veteran")
    for _ in range(3):
        preview = client.post(new_proposal_url(arena),
                              data=proposal_data(arena, accion="vista_previa"))
        assert preview.status_code == 200
    statuses = [
        client.post(new_proposal_url(arena),
                    data=proposal_data(arena, title=f"Propuesta número {n}")).status_code
        for n in range(3)
    ]
    assert statuses == [302, 302, 429]
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).where(
            Proposal.author_id == arena["veteran"])) == 2
    response = client.post(new_proposal_url(arena), data=proposal_data(arena))
    assert response.status_code == 429
    assert "Demasiados intentos" in html(response)
    # Someone else, from the same address, still may.
    client.post("/cuenta/salir")
    login_as(client, "writer")
    assert client.post(new_proposal_url(arena), data=proposal_data(arena)).status_code == 302


def test_publishing_proposals_per_address(client, app, arena):
    _configure(app, RATELIMIT_PROPOSALS="10 per hour", RATELIMIT_PROPOSALS_PER_ADDRESS="2 per hour")
    login_as(client, "veteran")
    assert client.post(new_proposal_url(arena), data=proposal_data(arena)).status_code == 302
    client.post("/cuenta/salir")
    login_as(client, "writer")
    assert client.post(new_proposal_url(arena), data=proposal_data(arena)).status_code == 302
    assert client.post(new_proposal_url(arena), data=proposal_data(arena)).status_code == 429
    # The same person from another address is within its own limits.
    response = client.post(new_proposal_url(arena), data=proposal_data(arena),
                           environ_base=OTHER_ADDRESS)
    assert response.status_code == 302


def test_comments_replies_and_edits_share_one_budget(client, app, arena):
    _configure(app, RATELIMIT_COMMENTS="2 per minute")
    login_as(client, "veteran")
    assert client.post(comment_url(arena), data={"body": "Uno"}).status_code == 303
    reply = client.post(f"/comentarios/{arena['comment']}/responder", data={"body": "Dos"})
    assert reply.status_code == 303
    third = client.post(comment_url(arena), data={"body": "Tres"})
    assert third.status_code == 429
    assert "Demasiados intentos" in html(third)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).where(
            Comment.author_id == arena["veteran"])) == 2
    # Reading the form is not posting.
    assert client.get(comment_url(arena)).status_code == 200


def test_comments_per_address(client, app, arena):
    _configure(app, RATELIMIT_COMMENTS_PER_ADDRESS="2 per minute")
    login_as(client, "veteran")
    assert client.post(comment_url(arena), data={"body": "Uno"}).status_code == 303
    client.post("/cuenta/salir")
    login_as(client, "writer")
    assert client.post(comment_url(arena), data={"body": "Dos"}).status_code == 303
    assert client.post(comment_url(arena), data={"body": "Tres"}).status_code == 429
    assert client.post(comment_url(arena), data={"body": "Tres"},
                       environ_base=OTHER_ADDRESS).status_code == 303


def test_supports_and_their_withdrawal_share_one_budget(client, app, arena):
    _configure(app, RATELIMIT_SUPPORTS="2 per minute")
    login_as(client, "veteran")
    assert client.post(support_url(arena)).status_code == 303
    assert client.post(f"/propuestas/{arena['proposal']}/retirar-apoyo").status_code == 303
    response = client.post(support_url(arena), headers={"Accept": "application/json"})
    assert response.status_code == 429
    assert response.get_json()["title"] == "Demasiados intentos"
    client.post("/cuenta/salir")
    login_as(client, "newbie")
    assert client.post(support_url(arena)).status_code == 303


def test_supports_per_address(client, app, arena):
    _configure(app, RATELIMIT_SUPPORTS_PER_ADDRESS="1 per minute")
    login_as(client, "veteran")
    assert client.post(support_url(arena)).status_code == 303
    client.post("/cuenta/salir")
    login_as(client, "newbie")
    assert client.post(support_url(arena)).status_code == 429
    assert client.post(support_url(arena), environ_base=OTHER_ADDRESS).status_code == 303


def test_votes_and_their_withdrawal_per_person(client, app, arena):
    _configure(app, RATELIMIT_VOTES="1 per minute")
    base = f"/consultas/{arena['vote']}/priorizacion/{arena['candidate']}"
    login_as(client, "veteran")
    assert client.post(f"{base}/votar").status_code == 303
    assert client.post(f"{base}/retirar-voto").status_code == 429
    client.post("/cuenta/salir")
    login_as(client, "writer")
    assert client.post(f"{base}/votar").status_code == 303


def test_votes_per_address(client, app, arena):
    _configure(app, RATELIMIT_VOTES_PER_ADDRESS="1 per minute")
    base = f"/consultas/{arena['vote']}/priorizacion/{arena['candidate']}"
    login_as(client, "veteran")
    assert client.post(f"{base}/votar").status_code == 303
    client.post("/cuenta/salir")
    login_as(client, "writer")
    assert client.post(f"{base}/votar").status_code == 429
    assert client.post(f"{base}/votar", environ_base=OTHER_ADDRESS).status_code == 303


def test_reports_per_person(client, app, arena):
    if "moderation_public.report" not in app.view_functions:
        pytest.skip("the moderation feature is not installed")
    _configure(app, RATELIMIT_REPORTS="1 per minute")
    login_as(client, "veteran")
    first = client.post(f"/denunciar/propuesta/{arena['proposal']}", data={"reason": "spam"})
    assert first.status_code in (302, 303), html(first)[:300]
    second = client.post(f"/denunciar/comentario/{arena['comment']}", data={"reason": "spam"})
    assert second.status_code == 429


def test_a_limit_changed_in_the_configuration_applies_at_once(client, app, arena):
    login_as(client, "veteran")
    app.config["RATELIMIT_COMMENTS"] = "1 per minute"
    assert client.post(comment_url(arena), data={"body": "Uno"}).status_code == 303
    assert client.post(comment_url(arena), data={"body": "Dos"}).status_code == 429
    app.config["RATELIMIT_COMMENTS"] = "5 per minute"
    assert client.post(comment_url(arena), data={"body": "Tres"}).status_code == 303
