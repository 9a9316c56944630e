"""Simultaneous votes through the real HTTP stack (the threaded werkzeug server and browsers
of tests/proposals/test_concurrency.py), released together by a barrier, on SQLite and on
PostgreSQL.

The database must hold the line: one vote per person per commitment (UNIQUE + savepoint),
K votes per person per round (counted under the round's lock), vote_count moved by SQL
increments (== COUNT(*)), and never a 500."""

from __future__ import annotations

import sqlalchemy as sa

from participa.base.extensions import db
from participa.consultations.models import PhaseKind
from participa.plans.models import Commitment
from participa.voting.models import Vote

from ..proposals.test_concurrency import _all_at_once, _people, server  # noqa: F401
from .conftest import make_draft, round_in

N = 40


def _round(app, drafts: int, votes: int = 3) -> tuple[int, list[int]]:
    with app.app_context():
        round_ = round_in(PhaseKind.VOTE, votes=votes)
        return round_.id, [make_draft(round_).id for _ in range(drafts)]


def _rows_and_counts(app) -> dict[int, tuple[int, int]]:
    """{commitment id: (COUNT(*) of its votes, its stored vote_count)}."""
    with app.app_context():
        rows = dict(db.session.execute(
            sa.select(Vote.commitment_id, sa.func.count(Vote.id)).group_by(Vote.commitment_id)
        ).all())
        return {cid: (rows.get(cid, 0), count) for cid, count in db.session.execute(
            sa.select(Commitment.id, Commitment.vote_count))}


def _post(browser, token: str, path: str):
    return lambda: browser.request("POST", path, {"csrf_token": token})[0]


def test_one_person_voting_for_many_at_once_gets_k(app, server):  # noqa: F811
    round_id, drafts = _round(app, 12, votes=3)
    [(browser, token)] = _people(app, server, 1)
    statuses = _all_at_once([
        _post(browser, token, f"/consultas/{round_id}/priorizacion/{d}/votar") for d in drafts
    ])
    assert sorted(statuses) == [303] * 3 + [409] * 9, statuses
    counts = _rows_and_counts(app)
    assert sum(rows for rows, _stored in counts.values()) == 3
    assert all(rows == stored for rows, stored in counts.values()), counts


def test_many_people_voting_for_one(app, server):  # noqa: F811
    round_id, [draft] = _round(app, 1)
    people = _people(app, server, N)
    path = f"/consultas/{round_id}/priorizacion/{draft}/votar"
    statuses = _all_at_once([_post(browser, token, path) for browser, token in people])
    assert statuses == [303] * N, statuses
    assert _rows_and_counts(app)[draft] == (N, N)


def test_the_same_vote_twenty_times(app, server):  # noqa: F811
    round_id, [draft, _other] = _round(app, 2)
    [(browser, token)] = _people(app, server, 1)
    path = f"/consultas/{round_id}/priorizacion/{draft}/votar"
    statuses = _all_at_once([_post(browser, token, path) for _ in range(20)])
    assert statuses == [303] * 20, statuses
    assert _rows_and_counts(app)[draft] == (1, 1)


def test_votes_and_withdrawals_racing(app, server):  # noqa: F811
    """Votes and withdrawals of the same people interleaved, over two commitments with
    K = 1: whatever wins, each count equals its rows and nobody holds two votes."""
    round_id, drafts = _round(app, 2, votes=1)
    people = _people(app, server, 8)
    calls = []
    for browser, token in people:
        for draft in drafts:
            for action in ("votar", "retirar-voto", "votar"):
                calls.append(_post(browser, token,
                                   f"/consultas/{round_id}/priorizacion/{draft}/{action}"))
    statuses = _all_at_once(calls)
    assert set(statuses) <= {303, 409}, statuses
    counts = _rows_and_counts(app)
    assert all(rows == stored for rows, stored in counts.values()), counts
    with app.app_context():
        per_person = db.session.execute(
            sa.select(Vote.user_id, sa.func.count(Vote.id)).group_by(Vote.user_id)).all()
        assert all(n == 1 for _user, n in per_person), per_person
