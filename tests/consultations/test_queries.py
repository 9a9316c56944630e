"""Participation counts and the rounds open now."""

from __future__ import annotations

import itertools
from contextlib import contextmanager
from datetime import timedelta

import sqlalchemy as sa

from participa.base.extensions import db
from participa.base.time import utcnow
from participa.consultations.models import PhaseKind
from participa.consultations.queries import listed_rounds, open_rounds
from participa.plans.models import Axis
from participa.proposals.models import Proposal, ProposalStatus, Support
from participa.proposals.queries import round_counts

from ..factories import make_open_round, make_organization, make_round, make_user
from .conftest import utc

_numbers = itertools.count(1)


def make_proposal(round, author=None, *, organization=None, supporters=(),
                  withdrawn: bool = False) -> Proposal:
    """A proposal row written directly (the proposals feature has its own services)."""
    author = author or make_user()
    axis = db.session.scalar(sa.select(Axis).where(Axis.plan_id == round.plan_id))
    if axis is None:
        axis = Axis(plan_id=round.plan_id, name="Transparencia fiscal")
        db.session.add(axis)
        db.session.flush()
    proposal = Proposal(
        round_id=round.id, reference_year=2026, reference_number=next(_numbers),
        author_id=author.id, organization_id=organization.id if organization else None,
        axis_id=axis.id, title="Publicar los contratos", problem="No se publican.",
        proposed_commitment="Publicarlos.", benefit="Transparencia.", institution="MINFIN",
        status=ProposalStatus.WITHDRAWN if withdrawn else ProposalStatus.PUBLISHED,
        support_count=len(supporters),
    )
    db.session.add(proposal)
    db.session.flush()
    for user in supporters:
        db.session.add(Support(proposal_id=proposal.id, user_id=user.id))
    db.session.commit()
    return proposal


@contextmanager
def count_queries():
    statements = []

    def listen(conn, cursor, statement, *args):  # noqa: ARG001
        if not statement.startswith("BEGIN"):
            statements.append(statement)

    engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", listen)
    try:
        yield statements
    finally:
        sa.event.remove(engine, "before_cursor_execute", listen)


def test_counts_of_an_empty_round(db_session):
    round = make_open_round()
    assert round.id  # loaded before counting
    with count_queries() as statements:
        assert round_counts(round) == {"proposals": 0, "participants": 0, "organizations": 0}
    assert len(statements) == 1


def test_counts(db_session):
    round = make_open_round()
    other_round = make_open_round()
    ana, beto, carla, dora, eva = (make_user() for _ in range(5))
    guatecivica, inap = make_organization(), make_organization()
    make_proposal(round, ana, organization=guatecivica, supporters=[beto, carla])
    make_proposal(round, ana, organization=guatecivica, supporters=[beto])
    make_proposal(round, beto, organization=inap, supporters=[ana])
    make_proposal(round, carla)
    # Not counted: a withdrawn proposal (its author and supporters), another round.
    make_proposal(round, dora, organization=make_organization(), supporters=[eva],
                  withdrawn=True)
    make_proposal(other_round, eva, organization=make_organization(), supporters=[dora])
    db.session.expire_all()
    assert round.id  # loaded before counting
    with count_queries() as statements:
        counts = round_counts(round)
    assert counts == {"proposals": 4, "participants": 3, "organizations": 2}
    assert len(statements) == 1  # whatever the number of proposals and supports


def test_open_rounds(db_session):
    closing_later = make_open_round(PhaseKind.PROPOSALS)
    closing_sooner = make_open_round(PhaseKind.VOTE)
    closing_sooner.phases[3].ends_at = utcnow() + timedelta(days=2)
    db.session.commit()
    make_round()  # not started
    now = utcnow()
    make_round(phases={PhaseKind.PROPOSALS: (utc(2020, 1, 1), utc(2020, 2, 1))})  # over
    assert open_rounds(now) == [closing_sooner, closing_later]
    assert open_rounds(utc(2020, 1, 15))[0].phases[0].starts_at == utc(2020, 1, 1)
    assert open_rounds(utc(2019, 1, 1)) == []


def test_listed_rounds(db_session):
    now = utcnow()
    past_old = make_round(phases={PhaseKind.PROPOSALS: (utc(2020, 1, 1), utc(2020, 2, 1))})
    past_recent = make_round(phases={PhaseKind.PROPOSALS: (utc(2024, 1, 1), utc(2024, 2, 1))})
    soon = make_round(phases={PhaseKind.PROPOSALS: (now + timedelta(days=1),
                                                    now + timedelta(days=9))})
    between = make_round(phases={
        PhaseKind.PROPOSALS: (now - timedelta(days=9), now - timedelta(days=1)),
        PhaseKind.VOTE: (now + timedelta(days=5), now + timedelta(days=9)),
    })
    open_ = make_open_round()
    no_dates = make_round(phases={})
    listing = listed_rounds(now)

    def ids(summaries) -> list[int]:  # the listing's lines are plain summaries (issue 20)
        return [summary.id for summary in summaries]

    assert ids(listing.open) == [open_.id]
    assert ids(listing.upcoming) == [soon.id, between.id, no_dates.id]
    assert ids(listing.past) == [past_recent.id, past_old.id]
    summary = listing.upcoming[1]
    assert (summary.title, summary.plan_title) == (between.title, between.plan.title)
    assert summary.current is None and summary.upcoming.kind == PhaseKind.VOTE
    assert summary.last.kind == PhaseKind.VOTE
