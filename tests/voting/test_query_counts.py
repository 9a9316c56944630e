"""The vote page, the publication page and the plan's document run as many SQL statements for
3 commitments as for 30: no N+1 queries (each commitment has versions, milestones, contacts,
proposals and votes, so a lazy load per commitment would show)."""

from __future__ import annotations

from participa.accounts.models import User
from participa.base.extensions import db
from participa.consultations import publication
from participa.consultations.models import ConsultationRound, PhaseKind, ResultsVisibility
from participa.plans.models import Commitment

from ..factories import login_as, make_proposal, make_user
from ..querycount import count_queries
from .conftest import link, make_draft, make_vote, round_in


def _round_with(size: int, kind: PhaseKind, admin_id: int, *,
                publish: bool = True) -> tuple[int, int]:
    """A round with ``size`` final drafts (two versions each), each with two proposals and
    two votes; published when ``kind`` is the publication phase. (round id, plan id)"""
    round_ = round_in(kind, visibility=ResultsVisibility.LIVE)
    voters = [make_user() for _ in range(2)]
    for n in range(size):
        draft = make_draft(round_, versions=2, final=True, milestones=3, contacts=2)
        for _ in range(2):
            link(make_proposal(round_, make_user(), title=f"Propuesta {n}"), draft)
        for voter in voters:
            make_vote(voter, draft)
    if kind == PhaseKind.PUBLICATION and publish:
        publication.publish_plan(actor=db.session.get(User, admin_id), round=round_)
        db.session.commit()
    return round_.id, round_.plan_id


def _count(app, client, url: str, status: int = 200) -> int:
    with count_queries(app) as queries:
        response = client.get(url)
    assert response.status_code == status, url
    return len(queries)


def test_the_vote_page(app, client, people):
    with app.app_context():
        small, _ = _round_with(3, PhaseKind.VOTE, people["admin"])
        large, _ = _round_with(30, PhaseKind.VOTE, people["admin"])
        # The participant voted in both.
        participant = db.session.get(User, people["participant"])
        for round_id in (small, large):
            first = db.session.scalars(db.select(Commitment)
                                       .where(Commitment.round_id == round_id)).first()
            make_vote(participant, first)
    for who in ("anonymous", "participant"):
        if who != "anonymous":
            login_as(client, who)
        counts = [_count(app, client, f"/consultas/{r}/priorizacion") for r in (small, large)]
        assert counts[0] == counts[1], (who, counts)
        # BEGIN, the round, its phases, the commitments, the person's votes, the voters;
        # plus what the layout asks for a signed-in person (the user, the menus).
        assert counts[0] <= 12, counts


def test_the_publication_page_and_the_document(app, client, people):
    with app.app_context():
        rounds = [_round_with(size, PhaseKind.PUBLICATION, people["admin"], publish=False)
                  for size in (3, 30)]
    login_as(client, "admin")
    pages = [_count(app, client, f"/admin/consultas/{r}/publicar") for r, _p in rounds]
    assert pages[0] == pages[1], pages
    with app.app_context():
        for round_id, _plan in rounds:
            publication.publish_plan(actor=db.session.get(User, people["admin"]),
                                     round=db.session.get(ConsultationRound, round_id))
        db.session.commit()
    documents = [_count(app, client, f"/planes/{p}/documento") for _r, p in rounds]
    assert documents[0] == documents[1], documents
    # BEGIN, plan, rounds, commitments, final versions, milestones, contacts, history,
    # proposals; plus what the layout asks for a signed-in person.
    assert documents[0] <= 14, documents
