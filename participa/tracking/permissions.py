"""Who reports a commitment's progress and who reviews it. Each rule answers its refusal
(``base.errors``) or None; views ask it, services enforce it.

- **Reporters**: the accepted members of the commitment's lead institution (its organisation
  in Participa, ``models.LeadOrganization``, verified), with a confirmed address, not
  deleted, not blocked, on a published commitment. They write drafts, correct them (and
  returned updates) and send them to the MTGA.
- **Reviewers**: the MTGA (``base.roles.can_run_rounds``: its moderators and the
  administrators). They publish an update in review, or return it with a note.
- Published updates are public; the others are seen by the institution's reporters and the
  MTGA only (a 404 for anyone else).
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..base.errors import Conflict, DomainError, NotAllowed, allows
from ..base.roles import can_run_rounds
from ..consultations.permissions import can_participate
from ..organizations.models import Organization
from ..organizations.permissions import can_act_for
from ..plans.models import Commitment, CommitmentStatus
from .models import ProgressUpdate, UpdateState

NOT_PUBLISHED = _l("Solo se da seguimiento a los compromisos publicados en un plan.")
NO_INSTITUTION = _l(
    "Este compromiso todavía no tiene en Participa la organización de su institución "
    "responsable: la MTGA debe indicarla antes de que se pueda informar su avance."
)
NOT_REPORTER = _l(
    "Solo las personas integrantes de la institución responsable del compromiso informan "
    "su avance."
)
NOT_REVIEWER = _l("Solo la Mesa Técnica de Gobierno Abierto revisa los avances.")
NOT_EDITABLE = _l(
    "Este avance ya fue enviado a la MTGA: solo se puede corregir si se lo devuelven."
)
NOT_IN_REVIEW = _l("Este avance no está esperando revisión.")
STALE = _l(
    "Alguien cambió este avance mientras usted lo tenía abierto. Revise la versión actual "
    "antes de volver a intentarlo."
)
EDITABLE_STATES = (UpdateState.DRAFT, UpdateState.RETURNED)


def is_published(commitment: Commitment) -> bool:
    return commitment.status != CommitmentStatus.DRAFT


def can_review(user: object) -> bool:
    """The MTGA reviews progress updates (one predicate with running rounds)."""
    return can_run_rounds(user)


def is_reporter(user: object, organization: Organization | None) -> bool:
    """An active, accepted member of the commitment's (verified) lead organisation
    (``queries.lead_organization``)."""
    return (
        organization is not None and can_participate(user) and can_act_for(user, organization)
    )


def report_refusal(user: object, commitment: Commitment, organization: Organization | None
                   ) -> DomainError | None:
    """Writing a new progress update on the commitment, whose lead organisation is
    ``organization``."""
    if not is_published(commitment):
        return Conflict(NOT_PUBLISHED)
    if organization is None:
        return Conflict(NO_INSTITUTION) if can_review(user) else NotAllowed(NOT_REPORTER)
    if not is_reporter(user, organization):
        return NotAllowed(NOT_REPORTER)
    return None


can_report = allows(report_refusal)


def edit_refusal(user: object, update: ProgressUpdate, organization: Organization | None
                 ) -> DomainError | None:
    """Correcting (or sending to the MTGA) an update: a reporter of its commitment (whose
    lead organisation is ``organization``), while it is a draft or was returned."""
    if not is_reporter(user, organization):
        return NotAllowed(NOT_REPORTER)
    if update.state not in EDITABLE_STATES:
        return Conflict(NOT_EDITABLE)
    return None


can_edit = allows(edit_refusal)


def review_refusal(user: object, update: ProgressUpdate) -> DomainError | None:
    """Publishing or returning an update: the MTGA, while it is in review."""
    if not can_review(user):
        return NotAllowed(NOT_REVIEWER)
    if update.state != UpdateState.IN_REVIEW:
        return Conflict(NOT_IN_REVIEW)
    return None


can_decide = allows(review_refusal)


def stale_refusal(update: ProgressUpdate, row_version: int | None) -> DomainError | None:
    """The form was made from the version of the update now stored (None: not asked)."""
    if row_version is not None and row_version != update.row_version:
        return Conflict(STALE)
    return None


def can_see(user: object, update: ProgressUpdate, organization: Organization | None
            ) -> bool:
    """Published updates are public; the rest, to the institution and the MTGA."""
    return (
        update.state == UpdateState.PUBLISHED
        or can_review(user)
        or is_reporter(user, organization)
    )


def link_organization_refusal(user: object) -> DomainError | None:
    """Naming a commitment's lead organisation in Participa: the MTGA."""
    return None if can_review(user) else NotAllowed()
