"""Who may report and who may moderate. Each rule is one function of the user and the target
that answers with its refusal (a ``base.errors`` error: its status and the one copy of its
message) or None; views ask it, services ``enforce`` it, templates get booleans from it.

- Reporting is participation: signed in, confirmed address, not deleted, **not blocked**
  (``consultations.permissions.can_participate``, the shared gate). Nobody reports their own
  proposal or comment, or themselves; only what the public sees can be reported (a hidden
  or pending item is already in the moderators' hands), and a deleted account cannot be.
- Moderating content (the queue, hiding, restoring, approving, blocking, the reason
  templates) is for moderators and administrators.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..accounts.blocking import blocked_message
from ..accounts.models import User
from ..base.errors import Conflict, DomainError, NotAllowed, allows
from ..base.roles import can_moderate
from ..comments.models import Comment
from ..consultations.permissions import can_participate, is_blocked
from ..content.visibility import is_public
from ..proposals.models import Proposal

Target = Proposal | Comment | User


def moderate_refusal(user: object) -> DomainError | None:
    """The queue, decisions on content and accounts, reason templates."""
    if can_moderate(user):
        return None
    return NotAllowed(_l("Solo la moderación puede hacer esto."))


can_moderate_content = allows(moderate_refusal)


def reporter_refusal(user: object) -> DomainError | None:
    """The person may report at all (whatever the target)."""
    if can_participate(user):
        return None
    if is_blocked(user):
        return NotAllowed(blocked_message(user))  # type: ignore[arg-type]
    return NotAllowed(_l("Confirme su correo electrónico para poder hacer denuncias. Si no "
                         "recibió el correo, puede pedir que se lo enviemos de nuevo desde su "
                         "perfil."))



def is_own(user: object, target: Target) -> bool:
    user_id = getattr(user, "id", None)
    if isinstance(target, User):
        return target.id == user_id
    return target.author_id == user_id


def unreportable_refusal(target: Target) -> DomainError | None:
    """What the public sees: visible content, a living account."""
    reportable = not target.is_deleted if isinstance(target, User) else is_public(target)
    if reportable:
        return None
    return Conflict(_l("Esto ya no está a la vista de todos: la moderación lo está revisando."))



def report_refusal(user: object, target: Target) -> DomainError | None:
    if (refusal := reporter_refusal(user)) is not None:
        return refusal
    if is_own(user, target):
        return NotAllowed(_l("No puede denunciar lo que usted mismo publicó, ni su propia "
                             "cuenta."))
    return unreportable_refusal(target)


can_report = allows(report_refusal)


def block_refusal(user: object, person: User) -> DomainError | None:
    """Moderators block participants. Moderators and administrators are not blocked (an
    administrator takes their role away first), nor deleted accounts, nor oneself."""
    if (refusal := moderate_refusal(user)) is not None:
        return refusal
    if person.is_deleted or person.is_moderator or person.is_admin or (
            person.id == getattr(user, "id", None)):
        return NotAllowed(_l(
            "Esta cuenta no se puede bloquear: es la suya, fue eliminada, o tiene un rol de "
            "moderación o de administración (un administrador debe quitárselo primero)."))
    return None


can_block = allows(block_refusal)
