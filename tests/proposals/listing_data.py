"""Data for the list, search and open-data tests of proposals: rows written through the ORM
(so the search text and the full-text index are kept as in production), and bulk inserts for
the large data sets of the query-count tests. Call inside an app context."""

from __future__ import annotations

import itertools
from datetime import timedelta

import sqlalchemy as sa

from participa.accounts.models import Sector, User
from participa.base.extensions import db
from participa.base.time import utcnow
from participa.content.text import fold
from participa.organizations.models import Organization, OrganizationKind
from participa.plans.models import ActionPlan, Axis, PlanStatus
from participa.proposals.models import Proposal, ProposalStatus

from ..factories import make_round, make_user

_numbers = itertools.count(1)
AXIS_NAMES = ("Transparencia fiscal", "Participación ciudadana", "Innovación tecnológica")


def make_plan_with_axes(names=AXIS_NAMES) -> tuple[ActionPlan, list[Axis]]:
    n = next(_numbers)
    plan = ActionPlan(number=7000 + n, title=f"Plan {n}", start_year=2026, end_year=2028,
                      status=PlanStatus.IN_CONSULTATION)
    axes = [Axis(plan=plan, position=i, name=name) for i, name in enumerate(names)]
    db.session.add_all([plan, *axes])
    db.session.commit()
    return plan, axes


def make_listing_round(names=AXIS_NAMES):
    """A round of a plan with axes: (round, axes)."""
    plan, axes = make_plan_with_axes(names)
    return make_round(plan), axes


def make_proposal_row(
    round_,
    *,
    author: User | None = None,
    title: str | None = None,
    problem: str = "Un problema público.",
    proposed_commitment: str = "Un compromiso concreto.",
    benefit: str = "Ayuda a la ciudadanía.",
    institution: str = "Ministerio de Finanzas",
    axis: Axis | None = None,
    organization: Organization | None = None,
    status: ProposalStatus = ProposalStatus.PUBLISHED,
    support_count: int = 0,
    created_at=None,
    **flags: bool,
) -> Proposal:
    n = next(_numbers)
    proposal = Proposal(
        round_id=round_.id,
        reference_year=2026,
        reference_number=n,
        author=author or make_user(),
        organization=organization,
        axis=axis,
        title=title or f"Propuesta {n}",
        problem=problem,
        proposed_commitment=proposed_commitment,
        benefit=benefit,
        institution=institution,
        status=status,
        withdrawn_at=utcnow() if status == ProposalStatus.WITHDRAWN else None,
        support_count=support_count,
        created_at=created_at or utcnow(),
        **flags,
    )
    db.session.add(proposal)
    db.session.commit()
    return proposal


def bulk_users(count: int, *, sectors=tuple(Sector)) -> list[int]:
    """``count`` confirmed users, inserted in one statement; their ids."""
    start = next(_numbers) * 100_000
    now = utcnow()
    rows = [
        {
            "email": f"masivo{start + i}@example.org",
            "name": f"Persona masiva {start + i}",
            "password_hash": "!",
            "sector": sectors[i % len(sectors)],
            "email_confirmed_at": now,
        }
        for i in range(count)
    ]
    db.session.execute(sa.insert(User), rows)
    db.session.commit()
    return list(db.session.scalars(
        sa.select(User.id).where(User.email.like("masivo%")).order_by(User.id)
    ))[-count:]


def bulk_organizations(count: int) -> list[int]:
    start = next(_numbers) * 100_000
    kinds = list(OrganizationKind)
    rows = [
        {"name": f"Organización masiva {start + i}", "acronym": f"OM{i}",
         "kind": kinds[i % len(kinds)], "is_verified": True}
        for i in range(count)
    ]
    db.session.execute(sa.insert(Organization), rows)
    db.session.commit()
    return list(db.session.scalars(
        sa.select(Organization.id).where(Organization.name.like("Organización masiva%"))
        .order_by(Organization.id)
    ))[-count:]


def bulk_proposals(round_id: int, count: int, *, author_ids, organization_ids=(),
                   axis_ids=()) -> None:
    """``count`` proposals in one executemany (no ORM events: the search text is folded here,
    as the model's events would)."""
    start = next(_numbers) * 100_000
    now = utcnow()
    rows = []
    for i in range(count):
        title = f"Propuesta masiva {start + i} sobre transparencia"
        texts = dict(problem="Problema", proposed_commitment="Compromiso", benefit="Beneficio",
                     institution="Institución")
        rows.append({
            "round_id": round_id,
            "reference_year": 2025,
            "reference_number": start + i,
            "author_id": author_ids[i % len(author_ids)],
            # Every third proposal speaks for no organisation.
            "organization_id": (organization_ids[i % len(organization_ids)]
                                if organization_ids and i % 3 else None),
            "axis_id": axis_ids[i % len(axis_ids)] if axis_ids else None,
            "title": title,
            **texts,
            "status": ProposalStatus.WITHDRAWN if i % 10 == 0 else ProposalStatus.PUBLISHED,
            "support_count": (i * 7919) % 500,
            "search_text": fold(" ".join([title, *texts.values()])),
            "created_at": now - timedelta(minutes=count - i),
            "updated_at": now,
        })
    db.session.execute(sa.insert(Proposal), rows)
    db.session.commit()
