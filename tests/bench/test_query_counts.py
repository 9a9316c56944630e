"""Every page of the benchmark (BENCHMARK.md's endpoints) runs the same number of SQL
statements with 20 rows as with 2,000 (proposals, comments on one proposal, supports, audit
events), and with lists of 20 as of 100: no N+1 queries anywhere the load goes. Counted, not
timed (``tests/querycount.py``); the data come from the benchmark's own generator."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import sqlalchemy as sa

from participa.accounts import passwords
from participa.accounts.models import User
from participa.base.extensions import db
from participa.bench import seed as data
from participa.comments.models import Comment
from participa.content.visibility import ModerationState
from participa.plans.models import Commitment, CommitmentStatus, CommitmentVersion
from participa.proposals.models import Proposal, ProposalStatus
from participa.web import fragments

from ..querycount import count_queries

SMALL = data.Scale(users=80, organizations=4, moderators=2, plans=1, rounds=3, proposals=20,
                   comments=20, supports=20, audit_events=20, top_round_share=1.0,
                   top_comments=20, top_supports=10)
LARGE = replace(SMALL, users=400, organizations=20, proposals=2_000, comments=2_000,
                supports=2_000, audit_events=2_000, top_comments=2_000, top_supports=300)
PARTICIPANT = data.person_email(SMALL.users)  # never a moderator, in both data sets


def _build(app, scale: data.Scale) -> dict:
    with app.app_context():
        db.drop_all()
        db.create_all()
        # A new database whose rounds start again at list version 0: the proposal lists
        # rendered for the previous one must not be reused (a server starts with none), so
        # both sizes are measured with nothing kept yet.
        fragments.clear_all(app)
        with db.engine.connect() as connection:
            data.build(connection, seed=3, scale=scale,
                       password_hash=passwords.hash_password(data.PASSWORD))
            connection.commit()
        participant = db.session.scalar(
            sa.select(User.id).where(User.email == PARTICIPANT))
        top = db.session.scalar(
            sa.select(Comment.proposal_id).group_by(Comment.proposal_id)
            .order_by(sa.func.count().desc()).limit(1))
        axis = db.session.scalar(sa.select(Proposal.axis_id).where(Proposal.round_id == 1)
                                 .group_by(Proposal.axis_id).limit(1))
        open_ones = sa.select(Proposal.id).where(
            Proposal.round_id == 1, Proposal.status == ProposalStatus.PUBLISHED,
            Proposal.moderation_state == ModerationState.VISIBLE,
            Proposal.author_id != participant)
        supportable = db.session.scalar(open_ones.where(Proposal.id != top).limit(1))
        # The comment tells the proposal's author (W2), by e-mail too when she wants it: the
        # seed draws that at random, so both sizes measure an author who does.
        db.session.execute(sa.update(User).where(
            User.id == sa.select(Proposal.author_id).where(Proposal.id == top)
            .scalar_subquery()).values(notify_by_email=True, email_confirmed_at=sa.func.now()))
        db.session.commit()
        _report_each_kind(participant)
        draft = db.session.scalar(
            sa.select(Commitment.id).where(Commitment.status == CommitmentStatus.DRAFT)
            .order_by(Commitment.id).limit(1))
        versions = db.session.scalar(sa.select(sa.func.count()).where(
            CommitmentVersion.commitment_id == draft))
        db.session.remove()
    return {"top": top, "axis": axis, "supportable": supportable, "draft": draft,
            "versions": versions}


def _report_each_kind(reporter: int) -> None:
    """An open report of a proposal, of a comment and of a person, the oldest of all, so the
    first page of the moderators' queue has every kind of item whatever the generator drew."""
    from participa.moderation.models import Report, ReportReason

    long_ago = datetime(2000, 1, 1, tzinfo=UTC)

    proposal = db.session.scalar(sa.select(Proposal).where(
        Proposal.moderation_state == ModerationState.VISIBLE,
        Proposal.author_id != reporter).order_by(Proposal.id.desc()).limit(1))
    comment = db.session.scalar(sa.select(Comment).where(
        Comment.moderation_state == ModerationState.VISIBLE,
        Comment.author_id != reporter).order_by(Comment.id.desc()).limit(1))
    db.session.add_all([
        Report(reporter_id=reporter, proposal_id=proposal.id, reason=ReportReason.SPAM,
               created_at=long_ago),
        Report(reporter_id=reporter, comment_id=comment.id, reason=ReportReason.OFFENSIVE,
               created_at=long_ago),
        Report(reporter_id=reporter, user_id=comment.author_id, reason=ReportReason.SPAM,
               created_at=long_ago),
    ])
    db.session.commit()


def _measure(app, client, ids: dict) -> dict[str, int]:
    counts: dict[str, int] = {}

    def get(name: str, path: str, query: dict | None = None) -> str:
        with count_queries(app) as queries:
            response = client.get(path, query_string=query or {})
        assert response.status_code == 200, (name, response.status_code)
        counts[name] = queries.count
        return response.get_data(as_text=True)

    listing = "/consultas/1/propuestas"
    get("R1 home", "/")
    get("R1 rounds", "/consultas/")
    for per_page in (20, 100):
        get(f"R2 most supported, {per_page}", listing,
            {"sort": "most_supported", "per_page": per_page})
        get(f"R3 newest by axis and status, {per_page}", listing,
            {"axis": ids["axis"], "status": "publicada", "per_page": per_page})
        get(f"R4 page 3 typed, {per_page}", listing,
            {"sort": "most_supported", "per_page": per_page, "page": 3})
        get(f"R6 search, {per_page}", listing,
            {"q": "presupuesto ministerio", "per_page": per_page})
    # R4 through the links (a cursor), even where the small set has one page only.
    get("R4 page 2 by its link", listing, {"sort": "most_supported", "page": 2,
                                           "after": "999999.999999"})
    get("R5 most commented", f"/propuestas/{ids['top']}")
    get("R5 most commented, page 2", f"/propuestas/{ids['top']}", {"comments_page": 2})
    # The site-wide search: every kind's count and page, whatever the data (issue 17, item 5).
    get("R9 site search", "/buscar", {"q": "plan de"})
    get("R9 site search, pages 2", "/buscar", {"q": "de", "propuestas": 2, "compromisos": 2,
                                               "organizaciones": 2})
    get("R8 diff", f"/planes/compromisos/{ids['draft']}/diferencias",
        {"de": 1, "a": ids["versions"]})

    assert client.post("/cuenta/entrar", data={
        "email": data.ADMIN_EMAIL, "password": data.PASSWORD}).status_code == 302
    get("R7 moderation queue", "/moderacion/contenido/denuncias")
    get("R7 audit log", "/admin/auditoria/")
    client.post("/cuenta/salir")

    assert client.post("/cuenta/entrar", data={
        "email": PARTICIPANT, "password": data.PASSWORD}).status_code == 302
    get("R2 signed in", listing, {"sort": "most_supported"})
    get("R5 signed in", f"/propuestas/{ids['top']}")
    with count_queries(app) as queries:
        response = client.post(f"/propuestas/{ids['supportable']}/apoyar",
                               headers={"Accept": "application/json"})
    assert response.status_code == 200, response.get_data(as_text=True)
    counts["W1 support"] = queries.count
    with count_queries(app) as queries:
        response = client.post(f"/comentarios/propuestas/{ids['top']}/nuevo",
                               data={"body": "Un comentario con tz’ib’ y k'iche'."})
    assert response.status_code == 303, response.get_data(as_text=True)
    counts["W2 comment"] = queries.count
    client.post("/cuenta/salir")
    return counts


def test_benchmark_pages_do_not_grow_with_data_or_page_size(app, client, capsys):
    small = _measure(app, client, _build(app, SMALL))
    large = _measure(app, client, _build(app, LARGE))
    with app.app_context():
        dialect = db.engine.dialect.name
    report = "\n".join([f"SQL statements per request [{dialect}] (20 rows -> 2,000 rows):",
                        *(f"  {name}: {small[name]} -> {large[name]}" for name in small)])
    with capsys.disabled():
        print("\n" + report)
    assert small == large, report
    for name in small:
        if name.endswith(", 20"):
            assert small[name] == small[name[:-2] + "100"], report
    # The list reads the round, its axes, the count and the page (plus BEGIN on SQLite).
    begin = 1 if dialect == "sqlite" else 0
    assert small["R2 most supported, 20"] == 4 + begin, report
    # A support: the person, the proposal with its round and phases, the insert, the count,
    # her following the proposal and its round (issue 17), the round's list version (20).
    assert small["W1 support"] <= 7 + begin, report
