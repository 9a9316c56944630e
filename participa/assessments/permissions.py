"""Who may do what with self-assessments. The MTGA (moderators and administrators: the
same right as running a round, ``base.roles.can_run_rounds``) opens, edits, opens for
comment and publishes them; anyone reads them."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l

from ..base.errors import Conflict, DomainError, NotAllowed
from ..base.roles import can_run_rounds
from .models import AssessmentState, SelfAssessment

PUBLISHED = _l("Esta autoevaluación ya se publicó: sus versiones no se pueden modificar.")
NOT_OPENED = _l("Antes de publicarla, abra la autoevaluación a comentarios del público.")
STILL_OPEN = _l("El período de comentarios todavía no terminó: publíquela cuando termine.")
ALREADY_OPEN = _l("La autoevaluación ya está abierta a comentarios.")


def can_write(user: object) -> bool:
    return can_run_rounds(user)


def write_refusal(user: object, assessment: SelfAssessment | None = None
                  ) -> DomainError | None:
    """The MTGA (403), on an assessment not yet published (409)."""
    if not can_write(user):
        return NotAllowed()
    if assessment is not None and assessment.state == AssessmentState.PUBLISHED:
        return Conflict(PUBLISHED)
    return None


def open_comments_refusal(user: object, assessment: SelfAssessment) -> DomainError | None:
    """A draft (409 once open or published)."""
    refusal = write_refusal(user, assessment)
    if refusal is None and assessment.state != AssessmentState.DRAFT:
        return Conflict(ALREADY_OPEN)
    return refusal


def publish_refusal(user: object, assessment: SelfAssessment, now: datetime
                    ) -> DomainError | None:
    """Once its comment period is over (409 before it was opened, or while it runs)."""
    refusal = write_refusal(user, assessment)
    if refusal is not None:
        return refusal
    if assessment.state == AssessmentState.DRAFT:
        return Conflict(NOT_OPENED)
    if assessment.comments_open(now):
        return Conflict(STILL_OPEN)
    return None
