"""``flask bench seed`` at the small scale: the data set keeps the application's invariants on
both databases, its people can sign in, its texts carry Mayan orthography with the three
apostrophes, and the same seed gives the same rows."""

from __future__ import annotations

import hashlib

import sqlalchemy as sa

from participa.base.extensions import db
from participa.bench import seed as data
from participa.bench import words
from participa.comments.models import Comment
from participa.consultations.models import ConsultationRound
from participa.proposals.models import Proposal, Support
from participa.proposals.queries import search

SMALL = data.SCALES["small"]


def _digest(seed: int) -> str:
    """The rows the generator makes, without a database (password hash fixed)."""
    digest = hashlib.sha256()
    for table in data.Generator(seed, SMALL, "hash").tables():
        digest.update(table.name.encode())
        for row in table.rows:
            digest.update(repr(row).encode())
    return digest.hexdigest()


def test_the_same_seed_gives_the_same_rows():
    assert _digest(42) == _digest(42)
    assert _digest(42) != _digest(43)


def test_zipf_counts_sum_and_peak():
    counts = data.zipf_counts(20_000, 50, 3_000)
    assert sum(counts) == 20_000
    assert abs(counts[0] - 3_000) <= 1 and counts == sorted(counts, reverse=True)
    capped = data.zipf_counts(1_000, 10, 900, cap=300)
    assert sum(capped) == 1_000 and max(capped) <= 300


def test_seed_builds_a_consistent_data_set(app, runner, client):
    result = runner.invoke(args=["bench", "seed", "--scale", "small", "--seed", "7"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert data.check(db.session) == []
        counts = data.table_counts(db.session)
        assert counts["users"] == SMALL.users
        assert counts["proposals"] == SMALL.proposals
        assert counts["supports"] == SMALL.supports
        assert counts["comments"] == SMALL.comments
        assert counts["audit_events"] == SMALL.audit_events
        assert counts["consultation_rounds"] == SMALL.rounds
        # The largest round, the most supported and the most commented proposals.
        largest = db.session.scalar(
            sa.select(sa.func.count()).where(Proposal.round_id == 1))
        assert largest == round(SMALL.proposals * SMALL.top_round_share)
        most_supported = db.session.scalar(
            sa.select(sa.func.count()).select_from(Support).group_by(Support.proposal_id)
            .order_by(sa.func.count().desc()).limit(1))
        assert most_supported == SMALL.top_supports
        most_commented = db.session.scalar(
            sa.select(sa.func.count()).select_from(Comment).group_by(Comment.proposal_id)
            .order_by(sa.func.count().desc()).limit(1))
        assert most_commented == SMALL.top_comments
        # Every text column the search reads carries the three apostrophes somewhere.
        texts = " ".join(db.session.scalars(sa.select(Proposal.title)))
        assert all(mark in texts for mark in words.APOSTROPHES)
        # A made-up word is found whichever apostrophe the query is typed with.
        word = next(w for w in words.MADE_UP if w.count("\x01") == 1)
        spellings = {word.replace("\x01", mark) for mark in words.APOSTROPHES}
        found = {frozenset(db.session.scalars(search.matching(
            sa.select(Proposal.id), spelling, prefix="none"))) for spelling in spellings}
        assert len(found) == 1
        # The open rounds take supports now.
        open_round = db.session.get(ConsultationRound, data.OPEN_ROUNDS[0])
        from participa.consultations import phases

        assert phases.is_open(open_round, phases.SUPPORT_PHASE)
    # Its people sign in with the benchmark's password.
    response = client.post("/cuenta/entrar", data={
        "email": data.person_email(SMALL.users), "password": data.PASSWORD})
    assert response.status_code == 302, response.text


def test_seed_refuses_a_database_with_people(app, runner):
    assert runner.invoke(args=["bench", "seed", "--scale", "small"]).exit_code == 0
    again = runner.invoke(args=["bench", "seed", "--scale", "small"])
    assert again.exit_code != 0
    assert "ya tiene cuentas" in again.output


def test_check_reports_a_wrong_count(app):
    with app.app_context(), db.engine.connect() as connection:
        data.build(connection, seed=1, scale=SMALL, password_hash="x")
        connection.commit()
    with app.app_context():
        proposal_id = db.session.scalar(
            sa.select(Proposal.id).where(Proposal.support_count > 0).limit(1))
        db.session.execute(sa.update(Proposal).where(Proposal.id == proposal_id)
                           .values(support_count=Proposal.support_count + 1))
        problems = data.check(db.session)
        db.session.rollback()
    assert len(problems) == 1 and "support_count" in problems[0]
