"""Blocked people cannot post, comment, support, vote or report: every participation route
refuses them with 403 and a translated message naming the reason and the end of the block;
the services refuse too (a forged call); their pages show the notice; their earlier content
stays. A block that has ended no longer applies."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from participa.accounts.models import User
from participa.base.errors import NotAllowed
from participa.base.extensions import db
from participa.base.time import utcnow
from participa.comments import services as comment_services
from participa.comments.models import Comment
from participa.consultations.models import ConsultationRound
from participa.consultations.permissions import can_participate, can_submit_proposal
from participa.plans.models import Commitment
from participa.proposals import services as proposal_services
from participa.proposals.models import Proposal, Support
from participa.voting import services as vote_services
from participa.voting.models import Vote

from ..factories import login_as
from ..pages import html
from .arena import BLOCK_REASON, proposal_data

BLOCKED_TEXT = "La moderación bloqueó su cuenta"


def _routes(a: dict) -> dict[str, tuple[str, str, dict | None]]:
    """name -> (method, url, form data): every participation route."""
    return {
        "proposal form": ("GET", f"/consultas/{a['round']}/propuestas/nueva", None),
        "proposal preview": ("POST", f"/consultas/{a['round']}/propuestas/nueva",
                             proposal_data(a, accion="vista_previa")),
        "proposal publish": ("POST", f"/consultas/{a['round']}/propuestas/nueva",
                             proposal_data(a)),
        "proposal edit": ("POST", f"/propuestas/{a['blocked_own']}/editar",
                          proposal_data(a, accion="guardar", title="Cambiado")),
        "proposal withdraw": ("POST", f"/propuestas/{a['blocked_own']}/retirar",
                              {"reason": "Ya no"}),
        "support": ("POST", f"/propuestas/{a['proposal']}/apoyar", {}),
        "withdraw support": ("POST", f"/propuestas/{a['proposal']}/retirar-apoyo", {}),
        "comment form": ("GET", f"/comentarios/propuestas/{a['proposal']}/nuevo", None),
        "comment": ("POST", f"/comentarios/propuestas/{a['proposal']}/nuevo",
                    {"body": "Compren en mi tienda"}),
        "comment on a draft": ("POST", f"/comentarios/versiones/{a['version']}/nuevo",
                               {"body": "Compren en mi tienda", "anchor": ""}),
        "reply": ("POST", f"/comentarios/{a['comment']}/responder",
                  {"body": "Compren en mi tienda"}),
        "comment edit": ("POST", f"/comentarios/{a['blocked_comment']}/editar",
                         {"body": "Compren en mi tienda"}),
        "vote": ("POST", f"/consultas/{a['vote']}/priorizacion/{a['candidate']}/votar", {}),
        "withdraw vote": ("POST",
                          f"/consultas/{a['vote']}/priorizacion/{a['candidate']}/retirar-voto",
                          {}),
        "report a proposal": ("POST", f"/denunciar/propuesta/{a['proposal']}",
                              {"reason": "spam"}),
        "report a comment": ("POST", f"/denunciar/comentario/{a['comment']}",
                             {"reason": "spam"}),
    }


ROUTE_NAMES = list(_routes({k: 0 for k in (
    "round", "blocked_own", "proposal", "version", "comment", "blocked_comment", "vote",
    "candidate", "axis")}))


def _snapshot() -> tuple:
    """Everything a participation route could have stored."""
    from participa.comments.models import CommentRevision

    tables = [Proposal, Support, Comment, CommentRevision, Vote]
    try:
        from participa.moderation.models import Report

        tables.append(Report)
    except ImportError:  # pragma: no cover - the moderation feature is not installed
        pass
    counts = tuple(db.session.scalar(sa.select(sa.func.count()).select_from(t))
                   for t in tables)
    proposal_texts = tuple(db.session.execute(
        sa.select(Proposal.id, Proposal.title, Proposal.status).order_by(Proposal.id)))
    comment_texts = tuple(db.session.execute(
        sa.select(Comment.id, Comment.body).order_by(Comment.id)))
    return counts, proposal_texts, comment_texts


def _route_exists(app, url: str, method: str) -> bool:
    adapter = app.url_map.bind("localhost")
    try:
        adapter.match(url, method=method)
    except Exception:  # noqa: BLE001 - NotFound or MethodNotAllowed
        return False
    return True


@pytest.mark.parametrize("who", ["blocked", "banned"])
@pytest.mark.parametrize("route", ROUTE_NAMES)
def test_blocked_people_are_refused_on_every_participation_route(client, app, arena, who,
                                                                   route):
    method, url, data = _routes(arena)[route]
    if not _route_exists(app, url.split("?")[0], method):
        pytest.skip(f"{url} is not installed")
    with app.app_context():
        before = _snapshot()
    login_as(client, who)
    response = client.get(url) if method == "GET" else client.post(url, data=data)
    assert response.status_code == 403, (route, response.status_code, html(response)[:400])
    page = html(response)
    assert BLOCKED_TEXT in page
    assert f"Motivo: {BLOCK_REASON}" in page
    if who == "blocked":
        assert "hasta el" in page
    else:
        assert "hasta el" not in page
    with app.app_context():
        assert _snapshot() == before


def test_the_support_endpoint_answers_json_too(client, arena):
    login_as(client, "blocked")
    response = client.post(f"/propuestas/{arena['proposal']}/apoyar",
                           headers={"Accept": "application/json"})
    assert response.status_code == 403
    assert BLOCKED_TEXT in response.get_json()["message"]


@pytest.mark.parametrize("who", ["veteran"])
@pytest.mark.parametrize("route", ["proposal publish", "support", "comment", "reply", "vote",
                                   "comment on a draft"])
def test_the_same_routes_accept_someone_not_blocked(client, arena, who, route):
    method, url, data = _routes(arena)[route]
    login_as(client, who)
    response = client.post(url, data=data)
    assert response.status_code in (302, 303), (route, html(response)[:400])


def test_a_block_that_ended_no_longer_applies(client, app, arena):
    with app.app_context():
        user = db.session.get(User, arena["blocked"])
        user.blocked_until = utcnow() - timedelta(minutes=1)
        db.session.commit()
        assert not user.is_blocked and can_participate(user)
    login_as(client, "blocked")
    response = client.post(f"/propuestas/{arena['proposal']}/apoyar")
    assert response.status_code == 303
    assert BLOCKED_TEXT not in html(client.get("/"))


@pytest.mark.parametrize("who", ["blocked", "banned"])
def test_the_blocked_person_sees_the_notice_on_their_pages(client, arena, who):
    login_as(client, who)
    for url in ("/", f"/consultas/{arena['round']}", f"/propuestas/{arena['proposal']}",
                "/mi-participacion"):
        page = html(client.get(url))
        assert 'class="notice blocked-notice"' in page, url
        assert BLOCKED_TEXT in page and f"Motivo: {BLOCK_REASON}" in page, url
    page = html(client.get(f"/propuestas/{arena['proposal']}"))
    # No support button, no comment form; the thread says why.
    assert f'action="/propuestas/{arena["proposal"]}/apoyar"' not in page
    assert f'action="/comentarios/propuestas/{arena["proposal"]}/nuevo"' not in page
    assert page.count(BLOCKED_TEXT) >= 2


def test_other_people_see_no_notice_and_the_earlier_content_stays(client, arena):
    login_as(client, "veteran")
    page = html(client.get(f"/propuestas/{arena['proposal']}"))
    assert BLOCKED_TEXT not in page
    assert "Comentario de Bruno." in page
    listing = html(client.get(f"/consultas/{arena['round']}/propuestas"))
    assert "Propuesta de Bruno" in listing


def test_the_services_refuse_a_blocked_person(app, arena):
    with app.app_context():
        blocked = db.session.get(User, arena["blocked"])
        round_ = db.session.get(ConsultationRound, arena["round"])
        proposal = db.session.get(Proposal, arena["proposal"])
        assert not can_participate(blocked) and not can_submit_proposal(blocked, round_)
        data = proposal_data(arena)
        with pytest.raises(NotAllowed) as error:
            proposal_services.submit_proposal(
                author=blocked, round=round_, axis=round_.plan.axes[0], organization=None,
                title=data["title"], problem=data["problem"],
                proposed_commitment=data["proposed_commitment"], benefit=data["benefit"],
                institution=data["institution"], values=data["values"])
        assert BLOCK_REASON in str(error.value)
        with pytest.raises(NotAllowed):
            proposal_services.support_proposal(user=blocked, proposal=proposal)
        with pytest.raises(NotAllowed):
            comment_services.post_comment(author=blocked, body="Hola", proposal=proposal)
        parent = db.session.get(Comment, arena["comment"])
        with pytest.raises(NotAllowed):
            comment_services.post_reply(author=blocked, parent=parent, body="Hola")
        vote_round = db.session.get(ConsultationRound, arena["vote"])
        candidate = db.session.get(Commitment, arena["candidate"])
        with pytest.raises(NotAllowed):
            vote_services.cast_vote(user=blocked, round=vote_round, commitment=candidate)
        db.session.rollback()
        assert db.session.scalar(sa.select(sa.func.count(Vote.id))) == 0
