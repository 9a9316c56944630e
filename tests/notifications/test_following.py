"""Following (issue 17, item 2): anyone signed in follows or stops following a proposal, a
commitment or a round with a button that works without JavaScript; writing, supporting or
commenting makes her follow, unless she stopped; ``followers_of`` answers other features."""

from __future__ import annotations

import sqlalchemy as sa

from participa.accounts.models import User
from participa.base.extensions import db
from participa.comments import services as comments
from participa.consultations.models import PhaseKind
from participa.notifications import following
from participa.notifications.models import Follow
from participa.plans.models import CommitmentStatus
from participa.proposals import services as proposals

from ..factories import login, make_commitment, make_open_round, make_proposal, make_user
from ..querycount import count_queries


def _followers(target: str, target_id: int) -> list[int]:
    return [user.id for user in following.followers_of(target, target_id)]


def test_the_button_follows_and_stops_following_without_javascript(app, client):
    with app.app_context():
        proposal = make_proposal()
        reader = make_user(email_address="lectora@example.org")
        proposal_id, reader_id = proposal.id, reader.id
    page = client.get(f"/propuestas/{proposal_id}").get_data(as_text=True)
    assert "/notificaciones/seguir/" not in page, "no button for anonymous people"
    login(client, "lectora@example.org")
    page = client.get(f"/propuestas/{proposal_id}").get_data(as_text=True)
    assert f'action="/notificaciones/seguir/proposal/{proposal_id}"' in page
    assert 'name="csrf_token"' in page
    answer = client.post(f"/notificaciones/seguir/proposal/{proposal_id}")
    assert answer.status_code == 303
    assert answer.headers["Location"].endswith(f"/propuestas/{proposal_id}")
    with app.app_context():
        assert _followers(following.PROPOSAL, proposal_id) == [reader_id]
    page = client.get(f"/propuestas/{proposal_id}").get_data(as_text=True)
    assert f'action="/notificaciones/dejar-de-seguir/proposal/{proposal_id}"' in page
    client.post(f"/notificaciones/seguir/proposal/{proposal_id}")  # twice: still one row
    assert client.post(f"/notificaciones/dejar-de-seguir/proposal/{proposal_id}").status_code == 303
    with app.app_context():
        assert _followers(following.PROPOSAL, proposal_id) == []
        assert db.session.scalar(sa.select(sa.func.count(Follow.id))) == 1


def test_commitments_and_rounds_have_the_button_too(app, client):
    with app.app_context():
        round_ = make_open_round()
        draft = make_commitment(round_.plan, status=CommitmentStatus.DRAFT)
        draft.round_id = round_.id
        db.session.commit()
        make_user(email_address="lectora@example.org")
        round_id, draft_id = round_.id, draft.id
    login(client, "lectora@example.org")
    for page, target, target_id in ((f"/planes/compromisos/{draft_id}", "commitment", draft_id),
                                    (f"/consultas/{round_id}", "round", round_id)):
        assert f"/notificaciones/seguir/{target}/{target_id}" in client.get(page).get_data(
            as_text=True)
        assert client.post(f"/notificaciones/seguir/{target}/{target_id}").status_code == 303
        with app.app_context():
            assert len(_followers(target, target_id)) == 1


def test_a_post_without_its_csrf_token_is_refused(app, client):
    with app.app_context():
        proposal = make_proposal()
        make_user(email_address="lectora@example.org")
        proposal_id = proposal.id
    login(client, "lectora@example.org")
    answer = client.post(f"/notificaciones/seguir/proposal/{proposal_id}", csrf=False)
    assert answer.status_code == 400
    with app.app_context():
        assert _followers(following.PROPOSAL, proposal_id) == []


def test_unknown_targets_are_404(app, client):
    with app.app_context():
        make_user(email_address="lectora@example.org")
    login(client, "lectora@example.org")
    assert client.post("/notificaciones/seguir/proposal/999999").status_code == 404
    assert client.post("/notificaciones/seguir/nada/1").status_code == 404


def test_writing_supporting_and_commenting_follow_unless_she_stopped(app):
    with app.app_context():
        round_ = make_open_round()
        author, supporter, commenter = make_user(), make_user(), make_user()
        proposal = proposals.submit_proposal(
            author=author, round=round_, axis=None, organization=None, values=["transparencia"],
            title="Compras abiertas", problem="Las compras no se publican.",
            proposed_commitment="Publicarlas.", benefit="Vigilancia.", institution="MINFIN")
        proposals.support_proposal(user=supporter, proposal=proposal)
        comments.post_comment(author=commenter, body="De acuerdo.", proposal=proposal)
        db.session.commit()
        assert _followers(following.PROPOSAL, proposal.id) == [author.id, supporter.id,
                                                               commenter.id]
        assert _followers(following.ROUND, round_.id) == [author.id, supporter.id,
                                                          commenter.id]
        following.set_following(user=commenter, target_type=following.PROPOSAL,
                                target_id=proposal.id, active=False)
        comments.post_comment(author=commenter, body="Otra idea.", proposal=proposal)
        db.session.commit()
        assert commenter.id not in _followers(following.PROPOSAL, proposal.id), (
            "a stop is remembered")


def test_the_button_costs_one_statement_whatever_the_follows(app, client):
    with app.app_context():
        round_ = make_open_round(PhaseKind.PROPOSALS)
        proposal = make_proposal(round_)
        reader_id = make_user(email_address="lectora@example.org").id
        proposal_id, round_id = proposal.id, round_.id
        counts = []
    login(client, "lectora@example.org")
    for extra in (0, 30):
        with app.app_context():
            for _ in range(extra):
                following.set_following(user=make_user(), target_type=following.PROPOSAL,
                                        target_id=proposal_id, active=True)
            following.set_following(user=db.session.get(User, reader_id),
                                    target_type=following.ROUND, target_id=round_id,
                                    active=bool(extra))
            db.session.commit()
        with count_queries(app) as queries:
            client.get(f"/propuestas/{proposal_id}")
        counts.append(len(queries.statements))
    assert counts[0] == counts[1]
