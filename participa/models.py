"""Every feature's models, imported for Alembic and for mapper configuration."""

from .accounts.models import Sector, User
from .audit.models import AuditEvent
from .organizations.models import Membership, MembershipStatus, Organization, OrganizationKind

__all__ = [
    "AuditEvent",
    "Membership",
    "MembershipStatus",
    "Organization",
    "OrganizationKind",
    "Sector",
    "User",
]
