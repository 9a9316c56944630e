from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..base.extensions import db
from ..base.time import moment_column
from ..content.enums import LabelledEnum, enum_column
from ..content.language import LANGUAGE_MAX
from ..plans.models import ActionPlan


class PhaseKind(LabelledEnum):
    """The phases of a round, in their order."""

    PROPOSALS = "propuestas", _l("Propuestas")
    REVIEW = "revision", _l("Revisión y consolidación de la MTGA")
    COMMENTS = "comentarios", _l("Comentarios a los borradores")
    VOTE = "priorizacion", _l("Votación de priorización")
    PUBLICATION = "publicacion", _l("Publicación del plan")

    @property
    def order(self) -> int:
        return _PHASE_ORDER[self]


# Each phase's position, looked up rather than searched: lists of rounds sort phases often.
_PHASE_ORDER = {kind: position for position, kind in enumerate(PhaseKind)}


class ResultsVisibility(LabelledEnum):
    LIVE = "en_vivo", _l("Durante la votación")
    AFTER_CLOSE = "al_cierre", _l("Al cerrar la votación")


class ConsultationRound(db.Model):
    __tablename__ = "consultation_rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(sa.ForeignKey("action_plans.id"), index=True)
    title: Mapped[str] = mapped_column(sa.String(255))
    description: Mapped[str | None] = mapped_column(sa.Text)
    # The language its call (title and description) is written in (issue 18).
    language: Mapped[str] = mapped_column(sa.String(LANGUAGE_MAX), default="es",
                                          server_default="es")
    # Optional limit of supports one person may give in this round (None: no limit).
    max_supports_per_user: Mapped[int | None] = mapped_column()
    # The prioritisation vote: each participant votes for up to K draft commitments.
    max_votes_per_user: Mapped[int] = mapped_column(default=3)
    results_visibility: Mapped[ResultsVisibility] = mapped_column(
        enum_column(ResultsVisibility), default=ResultsVisibility.AFTER_CLOSE
    )
    # Pre-moderation: content from accounts younger than this many days, or unconfirmed,
    # waits for a moderator's approval (None: no pre-moderation).
    premoderation_account_days: Mapped[int | None] = mapped_column()
    # When the MTGA published the resulting plan.
    published_at: Mapped[datetime | None] = moment_column()
    created_at: Mapped[datetime] = moment_column(now=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    # The version of the round's proposal list (issue 20): every transaction that changes what
    # the list shows raises it and stamps the time (``proposals.list_version``); a rendered
    # page of the list is kept under (id, version, time), so none is reused after a change,
    # on any worker or server, nor after a restore brings back an earlier version number.
    list_version: Mapped[int] = mapped_column(default=0, server_default="0")
    list_changed_at: Mapped[datetime | None] = moment_column()

    plan: Mapped[ActionPlan] = relationship()
    created_by: Mapped[User | None] = relationship()
    phases: Mapped[list[Phase]] = relationship(
        back_populates="round", order_by="Phase.starts_at", cascade="all, delete-orphan"
    )

    @property
    def label(self) -> str:
        return self.title


class Phase(db.Model):
    __tablename__ = "phases"
    __table_args__ = (
        sa.UniqueConstraint("round_id", "kind"),
        sa.CheckConstraint("ends_at > starts_at", name="dates_in_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(sa.ForeignKey("consultation_rounds.id"), index=True)
    kind: Mapped[PhaseKind] = mapped_column(enum_column(PhaseKind))
    starts_at: Mapped[datetime] = moment_column()
    ends_at: Mapped[datetime] = moment_column()
    # When the people following the round were told the phase opened (once; phases open by
    # their date, and the mail worker notices it: ``consultations.openings``).
    opening_notified_at: Mapped[datetime | None] = moment_column()

    round: Mapped[ConsultationRound] = relationship(back_populates="phases")

    def is_open(self, now: datetime) -> bool:
        return self.starts_at <= now < self.ends_at


class ListVersion(db.Model):
    """The version of a list that is not one round's (issue 20): ``rounds``, the list of
    rounds, raised by every transaction that changes a round's title or plan, a plan's title
    or a phase (``consultations.rounds_version``); its rendered list is kept under it."""

    __tablename__ = "list_versions"

    name: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    version: Mapped[int] = mapped_column(default=0, server_default="0")
    changed_at: Mapped[datetime | None] = moment_column()
