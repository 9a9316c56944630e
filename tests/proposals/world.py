"""People, a round and helpers shared by the submission, edit, support and participation
tests (import the ``world`` fixture into a test module)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from participa.base.extensions import db
from participa.base.time import utcnow
from participa.consultations.models import PhaseKind
from participa.organizations.models import MembershipStatus, OrganizationKind
from participa.plans.models import PlanStatus
from participa.proposals.models import Proposal, Support

from ..factories import (
    consecutive_phases,
    make_axis,
    make_membership,
    make_open_round,
    make_organization,
    make_plan,
    make_round,
    make_user,
)

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'
ESCAPED_XSS = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"


def form_data(world: dict, **overrides) -> dict:
    """A valid proposal form for the world's round."""
    data = {
        "title": "Publicar las compras municipales en 48 horas",
        "problem": "Las compras de las municipalidades\nse publican tarde.",
        "proposed_commitment": "Publicar cada compra municipal en Guatecompras en 48 horas.",
        "benefit": "La ciudadanía puede vigilar el gasto local.",
        "values": ["transparencia", "rendicion_de_cuentas"],
        "axis": str(world["axes"][0]),
        "institution": "Ministerio de Finanzas Públicas",
        "organization": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def proposals() -> list[Proposal]:
    return list(db.session.scalars(db.select(Proposal).order_by(Proposal.id)))


def supports_of(proposal_id: int) -> int:
    return db.session.scalar(
        db.select(db.func.count(Support.id)).where(Support.proposal_id == proposal_id)
    )


def count_of(proposal_id: int) -> int:
    db.session.expire_all()
    return db.session.get(Proposal, proposal_id).support_count


def input_value(page: str, name: str) -> str | None:
    for tag in re.findall(r"<input[^>]*>", page):
        if f'name="{name}"' in tag:
            match = re.search(r'value="([^"]*)"', tag)
            return match.group(1) if match else ""
    return None


def textarea_value(page: str, name: str) -> str | None:
    match = re.search(rf'<textarea[^>]*name="{name}"[^>]*>(?:\r?\n)?(.*?)</textarea>', page, re.S)
    return match.group(1) if match else None


@pytest.fixture(name="world")
def world_fixture(app) -> dict:
    """A plan in consultation with three axes and a round whose proposals phase is open; a
    second round still to open and a third in review; an author who belongs to a verified
    organisation (and to an unverified one, and asked to join a third); another confirmed
    participant; an unconfirmed one; public institutions for the datalist."""
    with app.app_context():
        plan = make_plan(number=5, status=PlanStatus.IN_CONSULTATION, start_year=2026)
        axes = [make_axis(plan, name=name, position=i) for i, name in enumerate(
            ["Transparencia fiscal", "Participación ciudadana", "Innovación tecnológica"])]
        other_plan = make_plan(number=6, status=PlanStatus.IN_CONSULTATION, start_year=2028)
        foreign_axis = make_axis(other_plan, name="Eje de otro plan")
        round_ = make_open_round(plan=plan, title="Co-creación del 5.º plan")
        future = make_round(plan, title="Consulta futura")
        review = make_open_round(PhaseKind.REVIEW, plan=plan, title="Consulta en revisión")
        people = {
            name: make_user(name=full, email_address=f"{name}@example.org", **extra)
            for name, full, extra in [
                ("author", "Ana Autora", {}),
                ("other", "Beto Otro", {}),
                ("third", "Carla Tercera", {}),
                ("unconfirmed", "Uriel Sinconfirmar", {"confirmed": False}),
            ]
        }
        cso = make_organization(name="Acción Ciudadana")
        unverified = make_organization(name="Guatecívica", verified=False)
        pending = make_organization(name="Congreso Transparente")
        make_membership(people["author"], cso)
        make_membership(people["author"], unverified)
        make_membership(people["author"], pending, status=MembershipStatus.PENDING)
        make_organization(name="Superintendencia de Administración Tributaria",
                          kind=OrganizationKind.INSTITUCION_PUBLICA)
        make_organization(name="Contraloría General de Cuentas",
                          kind=OrganizationKind.INSTITUCION_PUBLICA)
        return {
            "plan": plan.id,
            "round": round_.id,
            "future": future.id,
            "review": review.id,
            "axes": [axis.id for axis in axes],
            "foreign_axis": foreign_axis.id,
            "cso": cso.id,
            "unverified": unverified.id,
            "pending": pending.id,
            **{name: user.id for name, user in people.items()},
        }


def make_closed_round(plan):
    """A round whose proposals phase ended yesterday (review open now)."""
    start = utcnow() - timedelta(days=11)
    return make_round(plan, consecutive_phases(start))
