"""Plain factory functions. Call them inside an app context (the ``db_session`` fixture)."""

from __future__ import annotations

import email
import itertools
import re
from email.message import EmailMessage
from pathlib import Path

import sqlalchemy as sa
from flask import current_app
from flask_login import AnonymousUserMixin

from participa.accounts import passwords
from participa.accounts.models import Sector, User
from participa.audit.models import AuditEvent
from participa.base.errors import DomainError
from participa.base.extensions import db
from participa.base.time import utcnow
from participa.notifications.models import Notification
from participa.organizations.models import (
    Membership,
    MembershipStatus,
    Organization,
    OrganizationKind,
)
from participa.plans.models import ActionPlan, Axis, Commitment, CommitmentStatus, PlanStatus
from participa.translation.models import TranslatorRole

from .pages import html

PASSWORD = "una frase larga de prueba"
_counter = itertools.count(1)


def make_user(
    *,
    name: str | None = None,
    email_address: str | None = None,
    password: str = PASSWORD,
    confirmed: bool = True,
    sector: Sector = Sector.CIUDADANIA,
    preferred_language: str | None = None,
    translates: tuple[str, ...] = (),
    reviews: tuple[str, ...] = (),
    **roles: bool,
) -> User:
    """A person; ``translates`` and ``reviews`` name the languages they hold the translator
    role of (``reviews``: with the review right)."""
    n = next(_counter)
    user = User(
        name=name or f"Persona {n}",
        email=(email_address or f"persona{n}@example.org").lower(),
        password_hash=passwords.hash_password(password),
        sector=sector,
        preferred_language=preferred_language,
        email_confirmed_at=utcnow() if confirmed else None,
        **roles,
    )
    db.session.add(user)
    db.session.flush()
    for language in dict.fromkeys((*translates, *reviews)):
        db.session.add(TranslatorRole(user_id=user.id, language=language,
                                      can_review=language in reviews))
    db.session.commit()
    return user


def make_people_of_each_role() -> dict[str, int]:
    """Ids of an admin, a moderator, a confirmed participant, an unconfirmed one and a
    deleted one, by those names; each has the address <name>@example.org."""
    ids = {
        "admin": make_user(email_address="admin@example.org", is_admin=True).id,
        "moderator": make_user(email_address="moderator@example.org",
                               is_moderator=True).id,
        "participant": make_user(email_address="participant@example.org").id,
        "unconfirmed": make_user(email_address="unconfirmed@example.org",
                                 confirmed=False).id,
        "deleted": make_user(email_address="deleted@example.org").id,
    }
    db.session.get(User, ids["deleted"]).deleted_at = utcnow()
    db.session.commit()
    return ids


def make_organization(
    *,
    name: str | None = None,
    acronym: str | None = None,
    kind: OrganizationKind = OrganizationKind.OSC,
    verified: bool = True,
    managed: bool = False,
) -> Organization:
    """An organisation; ``managed``: with a manager of its own (another person), who answers
    its requests to join (an organisation without one takes none)."""
    n = next(_counter)
    organization = Organization(
        name=name or f"Organización {n}",
        acronym=acronym,
        kind=kind,
        is_verified=verified,
        verified_at=utcnow() if verified else None,
    )
    db.session.add(organization)
    db.session.commit()
    if managed:
        make_membership(make_user(name=f"Responsable {n}"), organization, manager=True)
    return organization


def make_membership(
    user: User,
    organization: Organization,
    *,
    status: MembershipStatus = MembershipStatus.ACCEPTED,
    manager: bool = False,
) -> Membership:
    membership = Membership(
        user_id=user.id, organization_id=organization.id, status=status, is_manager=manager
    )
    db.session.add(membership)
    db.session.commit()
    return membership


def make_plan(
    *,
    number: int | None = None,
    title: str | None = None,
    start_year: int | None = None,
    end_year: int | None = None,
    status: PlanStatus = PlanStatus.CLOSED,
    description: str | None = None,
) -> ActionPlan:
    """A plan; the next free number, and periods 2012-2014, 2014-2016... by number."""
    if number is None:
        number = (db.session.scalar(sa.select(sa.func.max(ActionPlan.number))) or 0) + 1
    start_year = start_year or 2010 + 2 * number
    end_year = end_year or start_year + 2
    plan = ActionPlan(
        number=number,
        title=title or f"Plan de Acción Nacional de Gobierno Abierto {start_year}-{end_year}",
        start_year=start_year,
        end_year=end_year,
        status=status,
        description=description,
    )
    db.session.add(plan)
    db.session.commit()
    return plan


def make_axis(plan: ActionPlan, *, name: str | None = None, position: int | None = None) -> Axis:
    n = next(_counter)
    axis = Axis(plan_id=plan.id, name=name or f"Eje {n}",
                position=position if position is not None else n)
    db.session.add(axis)
    db.session.commit()
    return axis


def make_commitment(
    plan: ActionPlan,
    *,
    number: int | None = None,
    ogp_code: str | None = None,
    title: str | None = None,
    policy_area: str | None = None,
    axis: Axis | None = None,
    lead_institution: str | None = None,
    status: CommitmentStatus = CommitmentStatus.INACTIVE,
) -> Commitment:
    """A commitment of ``plan``; the plan's next free number unless given."""
    if number is None:
        number = (db.session.scalar(
            sa.select(sa.func.max(Commitment.number)).where(Commitment.plan_id == plan.id)
        ) or 0) + 1
    commitment = Commitment(
        plan_id=plan.id,
        number=number,
        ogp_code=ogp_code,
        title=title or f"Compromiso {next(_counter)}",
        policy_area=policy_area,
        axis_id=axis.id if axis is not None else None,
        lead_institution=lead_institution,
        status=status,
    )
    db.session.add(commitment)
    db.session.commit()
    return commitment


def login(client, email_address: str, password: str = PASSWORD, **extra):
    return client.post(
        "/cuenta/entrar", data={"email": email_address, "password": password, **extra}
    )


def login_as(client, who: str) -> None:
    """Log in as <who>@example.org (with PASSWORD); "anonymous" stays out."""
    if who != "anonymous":
        response = login(client, f"{who}@example.org")
        assert response.status_code == 302, html(response)


def mails(app=None, *, send: bool = True) -> list[EmailMessage]:
    """Every message the file mail backend wrote, oldest first; first the outbox is sent,
    as ``flask mail worker`` would (``send=False``: only what was written already)."""
    app = app or current_app
    if send:
        send_outbox(app)
    directory = Path(app.config["MAIL_FILE_DIR"])
    if not directory.exists():
        return []
    return [
        email.message_from_bytes(path.read_bytes(), _class=EmailMessage,
                                 policy=email.policy.default)
        for path in sorted(directory.glob("*.eml"))
    ]


def send_outbox(app=None) -> int:
    """Send what the outbox holds, due now, as the worker does; how many were sent."""
    from participa.notifications import outbox

    with (app or current_app).app_context():
        return outbox.drain(worker="tests").sent


def body(message: EmailMessage) -> str:
    return message.get_content()


def link_in(message: EmailMessage) -> str:
    """The first link of our own site in a message, as a path."""
    match = re.search(r"https?://[^/\s]+(/\S+)", body(message))
    assert match, body(message)
    return match.group(1)


def audit_events(action: str | None = None) -> list[AuditEvent]:
    """The audit events written so far (of one action, if given), oldest first."""
    statement = sa.select(AuditEvent).order_by(AuditEvent.id)
    if action is not None:
        statement = statement.where(AuditEvent.action == action)
    return list(db.session.scalars(statement))


def the(model, id_):
    """The row as the database holds it now: what the session had loaded is forgotten."""
    db.session.expire_all()
    return db.session.get(model, id_)


def notifications_of(user_id: int) -> list[Notification]:
    """A person's notifications, oldest first."""
    return list(db.session.scalars(
        sa.select(Notification).where(Notification.user_id == user_id).order_by(Notification.id)
    ))


# Consultation rounds ----------------------------------------------------------------------


def _plan_for_round():
    """A plan for a round when the test gives none (the plans' own factory is make_plan)."""
    from participa.plans.models import ActionPlan, PlanStatus

    n = next(_counter)
    plan = ActionPlan(number=1000 + n, title=f"Plan de acción {n}", start_year=2026,
                      end_year=2028, status=PlanStatus.IN_CONSULTATION)
    db.session.add(plan)
    db.session.flush()
    return plan


def consecutive_phases(start, *, days: int = 10, kinds=None) -> dict:
    """{kind: (starts_at, ends_at)}: back-to-back phases of ``days`` each from ``start``."""
    from datetime import timedelta

    from participa.consultations.models import PhaseKind

    schedule = {}
    for i, kind in enumerate(kinds or list(PhaseKind)):
        begins = start + timedelta(days=days * i)
        schedule[kind] = (begins, begins + timedelta(days=days))
    return schedule


def make_round(plan=None, phases=None, *, title: str | None = None,
               description: str | None = None, max_supports_per_user: int | None = None):
    """A round with ``phases`` ({kind: (starts_at, ends_at)}, aware datetimes); by default
    five back-to-back 10-day phases starting tomorrow, so nothing is open yet."""
    from datetime import timedelta

    from participa.consultations.models import ConsultationRound, Phase

    if phases is None:
        phases = consecutive_phases(utcnow() + timedelta(days=1))
    round_ = ConsultationRound(
        plan=plan or _plan_for_round(),
        title=title or f"Consulta {next(_counter)}",
        description=description,
        max_supports_per_user=max_supports_per_user,
    )
    for kind, (starts_at, ends_at) in phases.items():
        round_.phases.append(Phase(kind=kind, starts_at=starts_at, ends_at=ends_at))
    db.session.add(round_)
    db.session.commit()
    return round_


def make_open_round(kind=None, plan=None, **kwargs):
    """A round with five back-to-back 10-day phases, ``kind`` (default: proposals) open now,
    since yesterday and for nine more days."""
    from datetime import timedelta

    from participa.consultations.models import PhaseKind

    kind = kind or PhaseKind.PROPOSALS
    start = utcnow() - timedelta(days=1 + 10 * kind.order)
    return make_round(plan, consecutive_phases(start), **kwargs)


# Proposals and supports -------------------------------------------------------------------


def make_proposal(
    round_=None,
    author: User | None = None,
    *,
    title: str | None = None,
    problem: str = "Las compras municipales no se publican a tiempo.",
    proposed_commitment: str = "Publicar cada compra en Guatecompras en 48 horas.",
    benefit: str = "La ciudadanía puede vigilar el gasto.",
    institution: str = "Ministerio de Finanzas Públicas",
    axis=None,
    organization: Organization | None = None,
    values=("transparencia",),
    withdrawn: bool = False,
    created_at=None,
):
    """A published proposal (withdrawn with ``withdrawn=True``) written directly, whatever
    the round's phase; the round's first axis unless ``axis`` is given; the next reference
    number of the year."""
    from participa.proposals.models import Proposal, ProposalStatus
    from participa.proposals.services import VALUE_COLUMNS, reference_year

    round_ = round_ if round_ is not None else make_open_round()
    author = author if author is not None else make_user()
    if axis is None and round_.plan.axes:
        axis = round_.plan.axes[0]
    created_at = created_at or utcnow()
    year = reference_year(created_at)
    number = (db.session.scalar(
        sa.select(sa.func.max(Proposal.reference_number)).where(Proposal.reference_year == year)
    ) or 0) + 1
    proposal = Proposal(
        round_id=round_.id, author_id=author.id, reference_year=year, reference_number=number,
        axis_id=axis.id if axis is not None else None,
        organization_id=organization.id if organization is not None else None,
        title=title or f"Propuesta {next(_counter)}", problem=problem,
        proposed_commitment=proposed_commitment, benefit=benefit, institution=institution,
        created_at=created_at, updated_at=created_at, support_count=0,
        status=ProposalStatus.WITHDRAWN if withdrawn else ProposalStatus.PUBLISHED,
        withdrawn_at=utcnow() if withdrawn else None,
        withdrawal_reason="Retirada para la prueba." if withdrawn else None,
    )
    for value, column in VALUE_COLUMNS.items():
        setattr(proposal, column, value.value in values)
    db.session.add(proposal)
    db.session.commit()
    return proposal


def make_support(proposal, user: User | None = None):
    """A support row and the SQL increment of the proposal's count, whatever the phase."""
    from participa.proposals.models import Proposal, Support

    user = user if user is not None else make_user()
    support = Support(proposal_id=proposal.id, user_id=user.id)
    db.session.add(support)
    db.session.execute(
        sa.update(Proposal).where(Proposal.id == proposal.id)
        .values(support_count=Proposal.support_count + 1)
    )
    db.session.commit()
    return support


def service_answer(call) -> tuple[int, str] | None:
    """A service's refusal as (status, message), None when it went through; nothing it wrote
    is kept (services flush and never commit). For the rule tables (tests/*/test_rules.py)."""
    try:
        call()
    except DomainError as error:
        return error.status, str(error)
    finally:
        db.session.rollback()
    return None


def named_person(ids: dict[str, int], who: str):
    """The rule tables' people by name: "anonymous", or the user whose id ``ids`` holds."""
    return AnonymousUserMixin() if who == "anonymous" else db.session.get(User, ids[who])
