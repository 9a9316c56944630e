"""Every feature's models, imported for Alembic and for mapper configuration."""

from .accounts.models import RecoveryCode, Sector, User, UserSession
from .assessments.models import AssessmentVersion, SelfAssessment
from .audit.models import AuditEvent
from .comments.models import Comment, CommentRevision, Stance
from .consultations.models import ConsultationRound, Phase, PhaseKind, ResultsVisibility
from .content_translation.models import (
    ContentTranslation,
    TranslationRequest,
)
from .files.models import FileBlob, StoredFile
from .forum.models import ForumMeeting, ForumMember, ForumRole, ForumRules, MeetingDocument
from .moderation.models import (
    ActionKind,
    ModerationAction,
    ReasonTemplate,
    Report,
    ReportReason,
    ReportStatus,
)
from .notifications.models import (
    Delivery,
    Follow,
    Notification,
    OutboxMessage,
    OutboxStatus,
    Preference,
)
from .organizations.models import Membership, MembershipStatus, Organization, OrganizationKind
from .plans.models import (
    ActionPlan,
    Axis,
    Commitment,
    CommitmentStatus,
    CommitmentVersion,
    Contact,
    IrmReview,
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
from .recordings.models import Recording
from .tracking.models import (
    CompletionStatus,
    Evidence,
    MilestoneStatus,
    OverdueFlag,
    ProgressUpdate,
    UpdateState,
)
from .translation.models import (
    CatalogVersion,
    GlossaryTerm,
    MemoryEntry,
    SourceMessage,
    Suggestion,
    TranslatorRequest,
    TranslatorRole,
)
from .voting.models import BallotEntry, Vote
from .workshops.models import Workshop, WorkshopParticipants

__all__ = [
    "ActionKind",
    "ActionPlan",
    "AssessmentVersion",
    "AuditEvent",
    "ContentTranslation",
    "TranslationRequest",

    "Axis",
    "BallotEntry",
    "CatalogVersion",
    "Comment",
    "CommentRevision",
    "Commitment",
    "CommitmentStatus",
    "CommitmentVersion",
    "CompletionStatus",
    "ConsultationRound",
    "Delivery",
    "Contact",
    "Follow",
    "IrmReview",
    "Evidence",
    "FileBlob",
    "ForumMeeting",
    "ForumMember",
    "ForumRole",
    "ForumRules",
    "GlossaryTerm",
    "MeetingDocument",
    "Membership",
    "MembershipStatus",
    "MemoryEntry",
    "Milestone",
    "MilestoneStatus",
    "ModerationAction",
    "Notification",
    "OgpValue",
    "OutboxMessage",
    "OutboxStatus",
    "Organization",
    "OrganizationKind",
    "OverdueFlag",
    "Phase",
    "PhaseKind",
    "PlanStatus",
    "Preference",
    "ProgressUpdate",
    "Proposal",
    "Recording",
    "ProposalCommitment",
    "ProposalStatus",
    "ReasonTemplate",
    "RecoveryCode",
    "Report",
    "ReportReason",
    "ReportStatus",
    "Response",
    "ResponseDecision",
    "SelfAssessment",
    "ResultsVisibility",
    "Sector",
    "SourceMessage",
    "Stance",
    "StoredFile",
    "Suggestion",
    "Support",
    "TranslatorRequest",
    "TranslatorRole",
    "UpdateState",
    "User",
    "UserSession",
    "Vote",
    "Workshop",
    "WorkshopParticipants",
]
