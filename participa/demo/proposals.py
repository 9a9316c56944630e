"""The demo consultation round of ``flask demo load``: the 5th plan (made only if no plan
number 5 exists) with its five axes, the round "Co-creación del 5.º Plan..." with its
proposals phase open now, ten demo authors, 25 proposals and supports among them. Every
step adds only what is missing, so a second load adds nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from ..accounts.models import User
from ..accounts.services import find_by_email, set_password
from ..base.extensions import db
from ..base.time import utcnow
from ..consultations.models import ConsultationRound, Phase, PhaseKind
from ..consultations.phases import SUBMIT_PHASE, is_open
from ..organizations.models import Membership, MembershipStatus, Organization
from ..organizations.permissions import can_act_for
from ..plans.models import ActionPlan, Axis, PlanStatus
from ..proposals.models import OgpValue, Proposal
from ..proposals.services import submit_proposal, support_proposal
from . import proposal_data as data

GUATEMALA = ZoneInfo("America/Guatemala")


@dataclass
class DemoRoundCounts:
    plan_created: bool = False
    round_created: bool = False
    authors: int = 0
    proposals: int = 0
    supports: int = 0

    def summary(self) -> str:
        return (
            f"Consulta de demostración «{data.ROUND_TITLE}»: "
            f"{self.proposals} propuestas nuevas, {self.supports} apoyos nuevos, "
            f"{self.authors} cuentas de autores nuevas."
        )


def _plan(counts: DemoRoundCounts) -> ActionPlan:
    plan = db.session.scalar(sa.select(ActionPlan).where(ActionPlan.number == data.PLAN_NUMBER))
    if plan is None:
        plan = ActionPlan(
            number=data.PLAN_NUMBER, title=data.PLAN_TITLE, start_year=data.PLAN_START,
            end_year=data.PLAN_END, status=PlanStatus.IN_CONSULTATION,
        )
        db.session.add(plan)
        db.session.flush()
        counts.plan_created = True
    if not plan.axes:
        for position, name in enumerate(data.AXES, start=1):
            db.session.add(Axis(plan_id=plan.id, position=position, name=name))
        db.session.flush()
        db.session.expire(plan, ["axes"])
    return plan


def _schedule(now: datetime) -> list[tuple[PhaseKind, datetime, datetime]]:
    # Phases start and end at midnight in Guatemala, as a real calendar would.
    local = (now - timedelta(days=data.DAYS_OPEN)).astimezone(GUATEMALA)
    start = local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(UTC)
    phases = []
    for kind in PhaseKind:
        end = start + timedelta(days=data.PHASE_DAYS[kind.value])
        phases.append((kind, start, end))
        start = end
    return phases


def _round(plan: ActionPlan, now: datetime, counts: DemoRoundCounts) -> ConsultationRound:
    round = db.session.scalar(
        sa.select(ConsultationRound).where(
            ConsultationRound.plan_id == plan.id, ConsultationRound.title == data.ROUND_TITLE
        )
    )
    if round is None:
        round = ConsultationRound(plan=plan, title=data.ROUND_TITLE,
                                  description=data.ROUND_DESCRIPTION)
        for kind, starts_at, ends_at in _schedule(now):
            round.phases.append(Phase(kind=kind, starts_at=starts_at, ends_at=ends_at))
        db.session.add(round)
        db.session.flush()
        counts.round_created = True
    return round


def _member(user: User, organization: Organization) -> None:
    membership = db.session.scalar(
        sa.select(Membership).where(
            Membership.user_id == user.id, Membership.organization_id == organization.id
        )
    )
    if membership is None:
        db.session.add(Membership(
            user_id=user.id, organization_id=organization.id,
            status=MembershipStatus.ACCEPTED, decided_at=utcnow(),
        ))
        db.session.flush()


def _authors(password_hash: str, counts: DemoRoundCounts) -> list[tuple[User, Organization | None]]:
    """The demo authors (an existing one gets the new password, like the other demo
    accounts) and the organisation each may speak for (None if it is missing or not
    verified)."""
    authors = []
    for author in data.AUTHORS:
        user = find_by_email(author.email)
        if user is None:
            user = User(email=author.email, name=author.name, sector=author.sector,
                        password_hash=password_hash, email_confirmed_at=utcnow())
            db.session.add(user)
            db.session.flush()
            counts.authors += 1
        else:
            set_password(user=user, password_hash=password_hash)
            user.email_confirmed_at = user.email_confirmed_at or utcnow()
        organization = None
        if author.organization:
            organization = db.session.scalar(
                sa.select(Organization).where(Organization.name == author.organization)
            )
            if organization is not None:
                _member(user, organization)
                if not can_act_for(user, organization):
                    organization = None
        authors.append((user, organization))
    return authors


def load_demo_round(*, password_hash: str, now: datetime | None = None) -> DemoRoundCounts:
    now = now or utcnow()
    counts = DemoRoundCounts()
    plan = _plan(counts)
    round = _round(plan, now, counts)
    authors = _authors(password_hash, counts)
    if not is_open(round, SUBMIT_PHASE, now):
        return counts  # an old demo round whose proposals phase is over: leave it as it is
    axes = {axis.name: axis for axis in plan.axes}
    existing = set(db.session.scalars(
        sa.select(Proposal.title).where(Proposal.round_id == round.id)
    ))
    phase_start = now - timedelta(days=data.DAYS_OPEN)
    people = [user for user, _organization in authors]
    for index, item in enumerate(data.PROPOSALS):
        if item.title in existing:
            continue
        user, organization = authors[item.author]
        # Spread over the days the phase has been open, in the plan's order.
        submitted_at = phase_start + timedelta(hours=3 + 4 * index)
        proposal = submit_proposal(
            author=user,
            round=round,
            axis=axes.get(item.axis) or (plan.axes[0] if plan.axes else None),
            organization=organization if item.speaks_for_organization else None,
            title=item.title,
            problem=item.problem,
            proposed_commitment=item.objective,
            benefit=data.benefit(item),
            institution=item.institution,
            values=[OgpValue(value) for value in item.values],
            now=min(submitted_at, now),
        )
        counts.proposals += 1
        for person in data.supporters(index, item.author, len(people)):
            if support_proposal(user=people[person], proposal=proposal, now=now):
                counts.supports += 1
    db.session.flush()
    return counts
