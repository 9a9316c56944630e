"""Filtering hidden and pending content adds no SQL statement: the list pages, the API, the
CSVs, the report, the round page and a thread run as many statements with some items
hidden and pending as with all of them visible (tests/querycount.py)."""

from __future__ import annotations

import sqlalchemy as sa

from participa.base.extensions import db
from participa.comments.models import Comment
from participa.content.visibility import ModerationState
from participa.proposals.models import Proposal

from ..factories import make_open_round, make_proposal, make_user
from ..querycount import count_queries


def _measure(client, app, round_id: int, proposal_id: int) -> dict[str, int]:
    urls = {
        "list": f"/consultas/{round_id}/propuestas",
        "list, search": f"/consultas/{round_id}/propuestas?q=propuesta",
        "api": f"/api/v1/rounds/{round_id}/proposals",
        "csv": f"/api/v1/rounds/{round_id}/proposals.csv",
        "report": f"/consultas/{round_id}/informe",
        "report csv": f"/consultas/{round_id}/informe.csv",
        "round": f"/consultas/{round_id}",
        "similar": f"/consultas/{round_id}/propuestas/similares?titulo=propuesta+municipal",
        "proposal with its thread": f"/propuestas/{proposal_id}",
    }
    counts = {}
    for name, url in urls.items():
        with count_queries(app) as queries:
            response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        counts[name] = queries.count
    return counts


def test_hiding_adds_no_query(client, app):
    with app.app_context():
        round_ = make_open_round()
        authors = [make_user() for _ in range(4)]
        proposals = [make_proposal(round_, authors[n % 4], title=f"Propuesta municipal {n}")
                     for n in range(12)]
        target = proposals[0]
        for n in range(8):
            db.session.add(Comment(proposal_id=target.id, author_id=authors[n % 4].id,
                                   body=f"Comentario {n}"))
        db.session.commit()
        round_id, proposal_id = round_.id, target.id
        dialect = db.engine.dialect.name
    before = _measure(client, app, round_id, proposal_id)
    with app.app_context():
        ids = list(db.session.scalars(sa.select(Proposal.id).where(Proposal.id != proposal_id)
                                      .order_by(Proposal.id)))
        for n, pid in enumerate(ids[:6]):
            db.session.get(Proposal, pid).moderation_state = (
                ModerationState.HIDDEN if n % 2 else ModerationState.PENDING)
        for n, comment in enumerate(db.session.scalars(sa.select(Comment).limit(4))):
            comment.moderation_state = (ModerationState.HIDDEN if n % 2
                                        else ModerationState.PENDING)
            comment.hidden_reason = "Motivo"
        db.session.commit()
    after = _measure(client, app, round_id, proposal_id)
    assert before == after
    begin = 1 if dialect == "sqlite" else 0
    # As tests/proposals/test_query_counts.py: the round, its axes, COUNT, the page.
    assert after["list"] == 4 + begin
    assert after["api"] == 4 + begin
