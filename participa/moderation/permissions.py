"""Who may report and who may moderate. Pure functions of the user and the target; views
enforce them, templates only show or hide (as the global ``moderation_permissions``).

- Reporting is participation: signed in, confirmed address, not deleted, **not blocked**
  (``consultations.permissions.can_participate``, the shared gate). Nobody reports their own
  proposal or comment, or themselves; only what the public sees can be reported (a hidden
  or pending item is already in the moderators' hands), and a deleted account cannot be.
- Moderating content (the queue, hiding, restoring, approving, blocking, the reason
  templates) is for moderators and administrators.
"""

from __future__ import annotations

from ..accounts.models import User
from ..base.roles import can_moderate
from ..comments.models import Comment
from ..consultations.permissions import can_participate
from ..content.visibility import is_public
from ..proposals.models import Proposal

Target = Proposal | Comment | User


def can_moderate_content(user: object) -> bool:
    """The queue, decisions on content and accounts, reason templates."""
    return can_moderate(user)


def may_report(user: object) -> bool:
    """The person may report at all (whatever the target)."""
    return can_participate(user)


def is_own(user: object, target: Target) -> bool:
    user_id = getattr(user, "id", None)
    if isinstance(target, User):
        return target.id == user_id
    return target.author_id == user_id


def is_reportable(target: Target) -> bool:
    """What the public sees: visible content, a living account."""
    if isinstance(target, User):
        return not target.is_deleted
    return is_public(target)


def can_report(user: object, target: Target) -> bool:
    return may_report(user) and not is_own(user, target) and is_reportable(target)


def can_block(user: object, person: User) -> bool:
    """Moderators block participants. Moderators and administrators are not blocked (an
    administrator takes their role away first), nor deleted accounts, nor oneself."""
    return (
        can_moderate_content(user)
        and not person.is_deleted
        and not (person.is_moderator or person.is_admin)
        and person.id != getattr(user, "id", None)
    )
