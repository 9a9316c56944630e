"""Self-assessment reports of a plan (issue 16, item 5): the MTGA's mid-term and
end-of-term self-assessments, as OGP's roadmap asks before the next co-creation (seed 002).

- ``SelfAssessment``: one per plan and kind. A draft (``borrador``), then open for public
  comment for a set period (``en_comentarios``, until ``comments_until``), then published
  (``publicada``, its newest version at that moment).
- ``AssessmentVersion``: one immutable version, like a commitment's: the narrative sections
  the MTGA writes (process, co-creation, lessons) and ``tracking``, the tracking data the
  draft was built from when the version was saved (each commitment's completion, its
  milestones with their status, and its published progress updates with their evidence
  links), so a version reads the same later whatever changes after it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from sqlalchemy import event
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from ..accounts.models import User
from ..base.extensions import db
from ..base.time import moment_column
from ..content.enums import LabelledEnum, enum_column
from ..plans.models import ActionPlan

NARRATIVE_MAX = 20_000
CHANGE_NOTE_MAX = 2_000


class AssessmentKind(LabelledEnum):
    MID_TERM = "medio_termino", _l("Autoevaluación de medio término")
    END_OF_TERM = "fin_de_termino", _l("Autoevaluación de fin de término")


class AssessmentState(LabelledEnum):
    DRAFT = "borrador", lazy_pgettext("autoevaluación", "Borrador")
    IN_COMMENTS = "en_comentarios", _l("Abierta a comentarios")
    PUBLISHED = "publicada", lazy_pgettext("autoevaluación", "Publicada")


# The narrative sections the MTGA writes, in their order.
NARRATIVES: tuple[tuple[str, object], ...] = (
    ("implementation", _l("Proceso de implementación y seguimiento")),
    ("co_creation", _l("Co-creación y participación")),
    ("lessons", _l("Lecciones aprendidas")),
)
NARRATIVE_KEYS = tuple(key for key, _label in NARRATIVES)


class SelfAssessment(db.Model):
    __tablename__ = "self_assessments"
    __table_args__ = (sa.UniqueConstraint("plan_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(sa.ForeignKey("action_plans.id"), index=True)
    kind: Mapped[AssessmentKind] = mapped_column(enum_column(AssessmentKind))
    state: Mapped[AssessmentState] = mapped_column(enum_column(AssessmentState),
                                                   default=AssessmentState.DRAFT)
    created_at: Mapped[datetime] = moment_column(now=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    # The public comment period (set when the MTGA opens it).
    comments_from: Mapped[datetime | None] = moment_column()
    comments_until: Mapped[datetime | None] = moment_column()
    published_at: Mapped[datetime | None] = moment_column()
    # The version that was published (the newest when it was).
    published_version: Mapped[int | None] = mapped_column()

    plan: Mapped[ActionPlan] = relationship()
    versions: Mapped[list[AssessmentVersion]] = relationship(
        back_populates="assessment", order_by="AssessmentVersion.number"
    )

    @property
    def label(self) -> str:
        return f"{self.kind.label} · {self.plan.title}"

    def comments_open(self, now: datetime) -> bool:
        return (self.state == AssessmentState.IN_COMMENTS and self.comments_until is not None
                and now < self.comments_until)


class AssessmentVersion(db.Model):
    """One immutable version of a self-assessment; an edit adds one."""

    __tablename__ = "self_assessment_versions"
    __table_args__ = (sa.UniqueConstraint("assessment_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(sa.ForeignKey("self_assessments.id"),
                                               index=True)
    number: Mapped[int] = mapped_column()
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = moment_column(now=True)
    change_note: Mapped[str] = mapped_column(sa.Text, default="")
    implementation: Mapped[str] = mapped_column(sa.Text, default="")
    co_creation: Mapped[str] = mapped_column(sa.Text, default="")
    lessons: Mapped[str] = mapped_column(sa.Text, default="")
    # The tracking data of the plan when the version was saved (``drafting.tracking_data``).
    tracking: Mapped[dict[str, Any]] = mapped_column(sa.JSON)

    assessment: Mapped[SelfAssessment] = relationship(back_populates="versions")
    author: Mapped[User | None] = relationship()

    @property
    def label(self) -> str:
        return f"v{self.number}"


class AssessmentVersionsAreImmutable(Exception):
    """A self-assessment's version was changed or deleted."""


@event.listens_for(Session, "before_flush")
def _refuse_version_changes(session: Session, flush_context, instances) -> None:  # noqa: ARG001
    for obj in session.deleted:
        if isinstance(obj, AssessmentVersion):
            raise AssessmentVersionsAreImmutable("self_assessment_versions rows cannot be "
                                                 "deleted")
    for obj in session.dirty:
        if isinstance(obj, AssessmentVersion) and session.is_modified(obj):
            raise AssessmentVersionsAreImmutable("self_assessment_versions rows cannot be "
                                                 "changed")
