"""Every feature's models, imported for Alembic and for mapper configuration."""

from .accounts.models import RecoveryCode, Sector, User, UserSession
from .audit.models import AuditEvent
from .comments.models import Comment, CommentRevision, Stance
from .consultations.models import ConsultationRound, Phase, PhaseKind, ResultsVisibility
from .moderation.models import (
    ActionKind,
    ModerationAction,
    ReasonTemplate,
    Report,
    ReportReason,
    ReportStatus,
)
from .notifications.models import Notification
from .organizations.models import Membership, MembershipStatus, Organization, OrganizationKind
from .plans.models import (
    ActionPlan,
    Axis,
    Commitment,
    CommitmentStatus,
    CommitmentVersion,
    Contact,
    Milestone,
    PlanStatus,
)
from .proposals.models import (
    OgpValue,
    Proposal,
    ProposalCommitment,
    ProposalStatus,
    Response,
    ResponseDecision,
    Support,
)
from .voting.models import Vote

__all__ = [
    "ActionKind",
    "ModerationAction",
    "ReasonTemplate",
    "Report",
    "ReportReason",
    "ReportStatus",
    "ActionPlan",
    "Comment",
    "CommentRevision",
    "CommitmentVersion",
    "Contact",
    "Milestone",
    "Notification",
    "ProposalCommitment",
    "Response",
    "ResponseDecision",
    "ResultsVisibility",
    "Stance",
    "Vote",
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
    "RecoveryCode",
    "Sector",
    "Support",
    "User",
    "UserSession",
]
