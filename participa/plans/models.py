from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..enums import LabelledEnum, enum_column
from ..extensions import db
from ..timeutil import UTCDateTime, utcnow


class PlanStatus(LabelledEnum):
    IN_PREPARATION = "en_preparacion"
    IN_CONSULTATION = "en_consulta"
    IN_IMPLEMENTATION = "en_implementacion"
    CLOSED = "finalizado"

    @classmethod
    def _labels(cls) -> dict[str, object]:
        return {
            "en_preparacion": _l("En preparación"),
            "en_consulta": _l("En consulta"),
            "en_implementacion": _l("En implementación"),
            "finalizado": _l("Finalizado"),
        }


class CommitmentStatus(LabelledEnum):
    """``borrador`` while co-created; then OGP's own "Activo" / "Inactivo"."""

    DRAFT = "borrador"
    ACTIVE = "activo"
    INACTIVE = "inactivo"

    @classmethod
    def _labels(cls) -> dict[str, object]:
        return {
            "borrador": _l("Borrador"),
            "activo": _l("Activo"),
            "inactivo": _l("Inactivo"),
        }


class ActionPlan(db.Model):
    __tablename__ = "action_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(unique=True)
    title: Mapped[str] = mapped_column(sa.String(255))
    start_year: Mapped[int] = mapped_column()
    end_year: Mapped[int] = mapped_column()
    status: Mapped[PlanStatus] = mapped_column(enum_column(PlanStatus))
    description: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    axes: Mapped[list[Axis]] = relationship(
        back_populates="plan", order_by="Axis.position, Axis.id"
    )
    commitments: Mapped[list[Commitment]] = relationship(
        back_populates="plan", order_by="Commitment.number"
    )

    @property
    def period(self) -> str:
        return f"{self.start_year}-{self.end_year}"

    @property
    def label(self) -> str:
        return self.title


class Axis(db.Model):
    """A thematic axis of a plan (e.g. "Transparencia fiscal")."""

    __tablename__ = "axes"
    __table_args__ = (sa.UniqueConstraint("plan_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(sa.ForeignKey("action_plans.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str | None] = mapped_column(sa.Text)

    plan: Mapped[ActionPlan] = relationship(back_populates="axes")

    @property
    def label(self) -> str:
        return self.name


class Commitment(db.Model):
    __tablename__ = "commitments"
    __table_args__ = (sa.UniqueConstraint("plan_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(sa.ForeignKey("action_plans.id"), index=True)
    number: Mapped[int] = mapped_column()
    ogp_code: Mapped[str | None] = mapped_column(sa.String(12), unique=True)
    title: Mapped[str] = mapped_column(sa.String(500))
    policy_area: Mapped[str | None] = mapped_column(sa.String(120), index=True)
    axis_id: Mapped[int | None] = mapped_column(sa.ForeignKey("axes.id"), index=True)
    lead_institution: Mapped[str | None] = mapped_column(sa.String(255))
    status: Mapped[CommitmentStatus] = mapped_column(enum_column(CommitmentStatus))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    plan: Mapped[ActionPlan] = relationship(back_populates="commitments")
    axis: Mapped[Axis | None] = relationship()

    @property
    def year(self) -> int:
        """The OGP action-plan cycle year (the plan's first year)."""
        return self.plan.start_year

    @property
    def label(self) -> str:
        return f"{self.ogp_code} {self.title}" if self.ogp_code else self.title
