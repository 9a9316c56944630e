"""Helpers of the tracking tests: a published commitment with a final version and its
milestones, linked to its lead institution's organisation, with a member who reports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from participa.accounts.models import User
from participa.base.extensions import db
from participa.organizations.models import Organization, OrganizationKind
from participa.plans.models import ActionPlan, Axis, Commitment, CommitmentStatus, PlanStatus
from participa.plans.versions import MilestoneData, add_version
from participa.tracking.models import LeadOrganization

from ..factories import make_commitment, make_membership, make_organization, make_plan, make_user
from ..plans.drafts import CONTACTS, FIELDS


def milestones(count: int = 3, *, ended: int = 0) -> tuple[MilestoneData, ...]:
    """``count`` milestones; the first ``ended`` of them ended on 1 January 2020, the rest
    end in 2999."""
    return tuple(
        MilestoneData(n, f"Hito de prueba {n}.", "Ministerio de Finanzas Públicas", True,
                      date(2019, 1, 1), date(2020, 1, 1) if n <= ended else date(2999, 1, 1))
        for n in range(1, count + 1)
    )


def published_commitment(plan: ActionPlan, *, axis: Axis | None = None,
                         organization: Organization | None = None, count: int = 3,
                         ended: int = 0, title: str | None = None) -> Commitment:
    commitment = make_commitment(plan, axis=axis, status=CommitmentStatus.ACTIVE, title=title,
                                 lead_institution="Ministerio de Finanzas Públicas")
    if organization is not None:
        db.session.add(LeadOrganization(commitment_id=commitment.id,
                                        organization_id=organization.id))
    add_version(commitment=commitment, number=1,
                values={**FIELDS, "title": commitment.title},
                milestones=milestones(count, ended=ended), contacts=CONTACTS,
                change_note="Versión final.", author=None, is_final=True)
    db.session.commit()
    return commitment


@dataclass
class Setup:
    plan: ActionPlan
    commitment: Commitment
    institution: Organization
    reporter: User
    mtga: User
    cso: User


def setup(*, count: int = 3, ended: int = 0) -> Setup:
    plan = make_plan(status=PlanStatus.IN_IMPLEMENTATION)
    institution = make_organization(name="Ministerio de Finanzas Públicas", acronym="MINFIN",
                                    kind=OrganizationKind.INSTITUCION_PUBLICA)
    reporter = make_user(name="Enlace MINFIN", email_address="enlace@example.org")
    make_membership(reporter, institution)
    commitment = published_commitment(plan, organization=institution, count=count,
                                      ended=ended, title="Presupuesto abierto")
    return Setup(plan=plan, commitment=commitment, institution=institution, reporter=reporter,
                 mtga=make_user(name="Moderadora MTGA", email_address="mtga@example.org",
                                is_moderator=True),
                 cso=make_user(name="Integrante OSC", email_address="osc@example.org"))
