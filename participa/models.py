"""Every feature's models, imported for Alembic and for mapper configuration."""

from .accounts.models import Sector, User
from .audit.models import AuditEvent
from .consultations.models import ConsultationRound, Phase, PhaseKind
from .organizations.models import Membership, MembershipStatus, Organization, OrganizationKind
from .plans.models import ActionPlan, Axis, Commitment, CommitmentStatus, PlanStatus
from .proposals.models import OgpValue, Proposal, ProposalStatus, Support

__all__ = [
    "ActionPlan",
    "AuditEvent",
    "Axis",
    "Commitment",
    "CommitmentStatus",
    "ConsultationRound",
    "Membership",
    "MembershipStatus",
    "OgpValue",
    "Organization",
    "OrganizationKind",
    "Phase",
    "PhaseKind",
    "PlanStatus",
    "Proposal",
    "ProposalStatus",
    "Sector",
    "Support",
    "User",
]
