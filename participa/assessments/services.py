"""The MTGA's operations on self-assessments. Each flushes, never commits, and writes its
audit event. A version is never changed: saving adds the next one, built again from the
tracking data of that moment."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _

from ..accounts.models import User
from ..audit.services import record
from ..base.errors import Conflict, Invalid, enforce
from ..base.extensions import db
from ..base.time import utcnow
from ..plans.models import ActionPlan
from . import permissions
from .models import (
    CHANGE_NOTE_MAX,
    NARRATIVE_KEYS,
    NARRATIVE_MAX,
    AssessmentKind,
    AssessmentState,
    AssessmentVersion,
    SelfAssessment,
)
from .queries import tracking_data

PERIOD_MIN_DAYS, PERIOD_MAX_DAYS = 7, 90


class StaleAssessment(Conflict):
    def __init__(self, *, base: int, latest: int) -> None:
        super().__init__(_(
            "Mientras usted editaba, se guardó la versión %(latest)d de esta autoevaluación "
            "(usted partió de la versión %(base)d). Su texto no se perdió: está en el "
            "formulario; si guarda de nuevo, será la versión %(next)d.",
            latest=latest, base=base, next=latest + 1))
        self.latest = latest


def _narratives(values: Mapping[str, str | None]) -> dict[str, str]:
    texts = {key: (values.get(key) or "").strip() for key in NARRATIVE_KEYS}
    for key, text in texts.items():
        if len(text) > NARRATIVE_MAX:
            raise Invalid(_("No puede tener más de %(max)d caracteres.", max=NARRATIVE_MAX),
                          field=key)
    return texts


def _add_version(assessment: SelfAssessment, *, number: int, author: User | None,
                 narratives: dict[str, str], change_note: str, now: datetime
                 ) -> AssessmentVersion:
    if len(change_note) > CHANGE_NOTE_MAX:
        raise Invalid(_("No puede tener más de %(max)d caracteres.", max=CHANGE_NOTE_MAX),
                      field="change_note")
    version = AssessmentVersion(
        assessment_id=assessment.id, number=number, author_id=author.id if author else None,
        created_at=now, change_note=change_note, tracking=tracking_data(assessment.plan, now),
        **narratives)
    db.session.add(version)
    db.session.flush()
    db.session.expire(assessment, ["versions"])
    return version


def _already_has(kind: AssessmentKind) -> Conflict:
    """One whole sentence per kind (a kind's label in lower case inside a sentence breaks
    in languages whose words agree with it)."""
    if kind == AssessmentKind.MID_TERM:
        return Conflict(_("Este plan ya tiene su autoevaluación de medio término."))
    return Conflict(_("Este plan ya tiene su autoevaluación de fin de término."))


def open_assessment(*, actor: User, plan: ActionPlan, kind: AssessmentKind,
                    narratives: Mapping[str, str | None], now: datetime | None = None
                    ) -> SelfAssessment:
    """The plan's self-assessment of ``kind``, as a draft: version 1 built from the tracking
    data now and the narrative sections given. 409 if the plan already has one of that
    kind. Audit event ``assessment.open``."""
    enforce(permissions.write_refusal(actor))
    now = now or utcnow()
    texts = _narratives(narratives)
    if db.session.scalar(sa.select(SelfAssessment.id).where(
            SelfAssessment.plan_id == plan.id, SelfAssessment.kind == kind)) is not None:
        raise _already_has(kind)
    assessment = SelfAssessment(plan_id=plan.id, kind=kind, state=AssessmentState.DRAFT,
                                created_at=now, created_by_id=actor.id)
    assessment.plan = plan
    try:
        with db.session.begin_nested():
            db.session.add(assessment)
            db.session.flush()
    except sa.exc.IntegrityError:
        raise _already_has(kind) from None
    _add_version(assessment, number=1, author=actor, narratives=texts, change_note="",
                 now=now)
    record(actor=actor, action="assessment.open", target=assessment,
           after={"plan_id": plan.id, "kind": kind.value, "version": 1})
    return assessment


def _lock(assessment: SelfAssessment) -> None:
    db.session.execute(sa.select(SelfAssessment.id).where(SelfAssessment.id == assessment.id)
                       .with_for_update())
    db.session.refresh(assessment, ["state", "comments_until", "comments_from",
                                    "published_at", "published_version"])


def latest_number(assessment: SelfAssessment) -> int:
    return db.session.scalar(
        sa.select(sa.func.max(AssessmentVersion.number))
        .where(AssessmentVersion.assessment_id == assessment.id)) or 0


def save_version(*, actor: User, assessment: SelfAssessment, base_number: int,
                 narratives: Mapping[str, str | None], change_note: str = "",
                 now: datetime | None = None) -> AssessmentVersion:
    """The next version, from version ``base_number``: the narrative sections given and
    the tracking data now (so saving also brings the draft up to date). Allowed while a
    draft or open for comment; 409 once published, or if another version was saved after
    the base. Audit event ``assessment.version``."""
    enforce(permissions.write_refusal(actor, assessment))
    _lock(assessment)
    enforce(permissions.write_refusal(actor, assessment))
    now = now or utcnow()
    texts = _narratives(narratives)
    latest = latest_number(assessment)
    if base_number != latest:
        raise StaleAssessment(base=base_number, latest=latest)
    version = _add_version(assessment, number=latest + 1, author=actor, narratives=texts,
                           change_note=change_note.strip(), now=now)
    record(actor=actor, action="assessment.version", target=assessment,
           before={"version": latest}, after={"version": version.number})
    return version


def open_comments(*, actor: User, assessment: SelfAssessment, days: int,
                  now: datetime | None = None) -> SelfAssessment:
    """Open the draft for public comment for ``days`` days (7 to 90). Audit event
    ``assessment.comments``."""
    enforce(permissions.open_comments_refusal(actor, assessment))
    _lock(assessment)
    enforce(permissions.open_comments_refusal(actor, assessment))
    if not PERIOD_MIN_DAYS <= days <= PERIOD_MAX_DAYS:
        raise Invalid(_("Escriba un número de días entre %(min)d y %(max)d.",
                        min=PERIOD_MIN_DAYS, max=PERIOD_MAX_DAYS), field="days")
    now = now or utcnow()
    assessment.state = AssessmentState.IN_COMMENTS
    assessment.comments_from = now
    assessment.comments_until = now + timedelta(days=days)
    db.session.flush()
    record(actor=actor, action="assessment.comments", target=assessment,
           before={"state": AssessmentState.DRAFT.value},
           after={"state": assessment.state.value,
                  "comments_until": assessment.comments_until.isoformat()})
    return assessment


def publish(*, actor: User, assessment: SelfAssessment, now: datetime | None = None
            ) -> SelfAssessment:
    """Publish the newest version once the comment period is over. Audit event
    ``assessment.publish``."""
    now = now or utcnow()
    enforce(permissions.publish_refusal(actor, assessment, now))
    _lock(assessment)
    enforce(permissions.publish_refusal(actor, assessment, now))
    before = assessment.state.value
    assessment.state = AssessmentState.PUBLISHED
    assessment.published_at = now
    assessment.published_version = latest_number(assessment)
    db.session.flush()
    record(actor=actor, action="assessment.publish", target=assessment,
           before={"state": before},
           after={"state": assessment.state.value, "version": assessment.published_version})
    return assessment
