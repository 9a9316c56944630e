from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy import event
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from ..base.extensions import db
from ..base.time import moment_column
from ..content.enums import LabelledEnum, enum_column
from ..content.fulltext import install as install_full_text
from ..content.fulltext import keep_folded
from ..content.language import LANGUAGE_MAX

if TYPE_CHECKING:
    from ..accounts.models import User


class PlanStatus(LabelledEnum):
    IN_PREPARATION = "en_preparacion", _l("En preparación")
    IN_CONSULTATION = "en_consulta", _l("En consulta")
    IN_IMPLEMENTATION = "en_implementacion", _l("En implementación")
    CLOSED = "finalizado", _l("Finalizado")


class CommitmentStatus(LabelledEnum):
    """``borrador`` while co-created; then OGP's own "Activo" / "Inactivo"."""

    DRAFT = "borrador", _l("Borrador")
    ACTIVE = "activo", _l("Activo")
    INACTIVE = "inactivo", _l("Inactivo")


class ActionPlan(db.Model):
    __tablename__ = "action_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(unique=True)
    title: Mapped[str] = mapped_column(sa.String(255))
    start_year: Mapped[int] = mapped_column()
    end_year: Mapped[int] = mapped_column()
    status: Mapped[PlanStatus] = mapped_column(enum_column(PlanStatus))
    description: Mapped[str | None] = mapped_column(sa.Text)
    # Folded title, period and description, for the site-wide search (content.fulltext).
    search_text: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = moment_column(now=True)

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
    # The consultation round a draft commitment was co-created in (None for the record).
    round_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("consultation_rounds.id"), index=True
    )
    # Prioritisation votes, kept equal to COUNT(votes) by SQL increments.
    vote_count: Mapped[int] = mapped_column(default=0)
    # Folded OGP code, title, policy area and lead institution, for the site-wide search.
    search_text: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = moment_column(now=True)

    plan: Mapped[ActionPlan] = relationship(back_populates="commitments")
    axis: Mapped[Axis | None] = relationship()
    versions: Mapped[list[CommitmentVersion]] = relationship(
        back_populates="commitment", order_by="CommitmentVersion.number"
    )
    # The IRM's entries, oldest first: the newest is what the IRM says now.
    irm_reviews: Mapped[list[IrmReview]] = relationship(
        back_populates="commitment", order_by="IrmReview.number"
    )

    @property
    def irm(self) -> IrmReview | None:
        """The newest IRM entry (None: everything is pending)."""
        return self.irm_reviews[-1] if self.irm_reviews else None

    @property
    def year(self) -> int:
        """The OGP action-plan cycle year (the plan's first year)."""
        return self.plan.start_year

    @property
    def label(self) -> str:
        return f"{self.ogp_code} {self.title}" if self.ogp_code else self.title


class CommitmentVersion(db.Model):
    """One immutable version of a commitment in the official template. An edit adds a
    version; nothing updates or deletes one (see ``plans.versions``)."""

    __tablename__ = "commitment_versions"
    __table_args__ = (sa.UniqueConstraint("commitment_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(sa.ForeignKey("commitments.id"), index=True)
    number: Mapped[int] = mapped_column()
    change_note: Mapped[str] = mapped_column(sa.Text, default="")
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = moment_column(now=True)
    # "BORRADOR" until a moderator marks a version final.
    is_final: Mapped[bool] = mapped_column(default=False)
    # The language this version's texts are written in (issue 18).
    language: Mapped[str] = mapped_column(sa.String(LANGUAGE_MAX), default="es",
                                          server_default="es")

    # The template's fields.
    title: Mapped[str] = mapped_column(sa.String(500))
    start_date: Mapped[date | None] = mapped_column(sa.Date)
    end_date: Mapped[date | None] = mapped_column(sa.Date)
    lead_institution: Mapped[str] = mapped_column(sa.String(255), default="")
    # The institutions responsible for milestones (one per line).
    supporting_institutions: Mapped[str] = mapped_column(sa.Text, default="")
    problem: Mapped[str] = mapped_column(sa.Text, default="")
    commitment_text: Mapped[str] = mapped_column(sa.Text, default="")
    contribution: Mapped[str] = mapped_column(sa.Text, default="")
    ogp_relevance: Mapped[str] = mapped_column(sa.Text, default="")
    additional_information: Mapped[str] = mapped_column(sa.Text, default="")
    # Other actors: public entities; CSOs, private sector, multilaterals, working groups.
    other_actors_public: Mapped[str] = mapped_column(sa.Text, default="")
    other_actors_civil: Mapped[str] = mapped_column(sa.Text, default="")
    observations: Mapped[str] = mapped_column(sa.Text, default="")

    commitment: Mapped[Commitment] = relationship(back_populates="versions")
    author: Mapped[User | None] = relationship()
    milestones: Mapped[list[Milestone]] = relationship(
        back_populates="version", order_by="Milestone.number"
    )
    contacts: Mapped[list[Contact]] = relationship(
        back_populates="version", order_by="Contact.position"
    )

    @property
    def label(self) -> str:
        return f"{self.title} (v{self.number})"


class Milestone(db.Model):
    """A row of a version's milestones table. ``number`` is the milestone's No. in the
    template; comments anchor to it, so a milestone keeps its number across versions."""

    __tablename__ = "milestones"
    __table_args__ = (sa.UniqueConstraint("version_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(sa.ForeignKey("commitment_versions.id"), index=True)
    number: Mapped[int] = mapped_column()
    description: Mapped[str] = mapped_column(sa.Text)
    responsible: Mapped[str] = mapped_column(sa.String(500), default="")
    is_new: Mapped[bool] = mapped_column(default=True)
    start_date: Mapped[date | None] = mapped_column(sa.Date)
    end_date: Mapped[date | None] = mapped_column(sa.Date)

    version: Mapped[CommitmentVersion] = relationship(back_populates="milestones")


class Contact(db.Model):
    __tablename__ = "commitment_contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(sa.ForeignKey("commitment_versions.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(sa.String(200))
    institution_post: Mapped[str] = mapped_column(sa.String(500), default="")
    email: Mapped[str] = mapped_column(sa.String(254), default="")
    phone: Mapped[str] = mapped_column(sa.String(60), default="")

    version: Mapped[CommitmentVersion] = relationship(back_populates="contacts")


class IrmEarlyResults(LabelledEnum):
    """The IRM's "early results" of a commitment: the scale of its reports since 2021, and
    the older "Did it open government?" of the reports on earlier plans."""

    NO_NOTABLE = "sin_resultados_notables", _l("Sin resultados notables")
    MODERATE = "resultados_moderados", _l("Resultados moderados")
    SIGNIFICANT = "resultados_significativos", _l("Resultados significativos")
    WORSENED = "empeoro", _l("¿Abrió el gobierno?: empeoró")
    DID_NOT_CHANGE = "no_cambio", _l("¿Abrió el gobierno?: no cambió")
    MARGINAL = "marginal", _l("¿Abrió el gobierno?: marginalmente")
    MAJOR = "significativamente", _l("¿Abrió el gobierno?: significativamente")
    OUTSTANDING = "sobresaliente", _l("¿Abrió el gobierno?: de forma sobresaliente")


class IrmImpact(LabelledEnum):
    """The IRM's potential impact of a commitment's design."""

    NONE = "ninguno", _l("Ninguno")
    MINOR = "menor", _l("Menor")
    MODERATE = "moderado", _l("Moderado")
    TRANSFORMATIVE = "transformador", _l("Transformador")


class IrmCompletion(LabelledEnum):
    """The IRM's completion scale of a commitment's implementation."""

    NOT_STARTED = "no_iniciado", _l("No iniciado")
    LIMITED = "limitado", _l("Limitado")
    SUBSTANTIAL = "sustancial", _l("Sustancial")
    COMPLETE = "completo", _l("Completo")


# The OGP values a commitment may be relevant to (the IRM's "relevance"), in OGP's order.
OGP_VALUES: tuple[tuple[str, object], ...] = (
    ("acceso_informacion", _l("Acceso a la información")),
    ("participacion_ciudadana", _l("Participación ciudadana")),
    ("rendicion_cuentas", _l("Rendición de cuentas públicas")),
    ("tecnologia_innovacion", _l("Tecnología e innovación para la apertura y la rendición de "
                                 "cuentas")),
)
OGP_VALUE_KEYS = tuple(key for key, _label in OGP_VALUES)


class IrmReview(db.Model):
    """What the Independent Reporting Mechanism (IRM) says of a published commitment, as
    OGP publishes it, entered by an administrator with the address it was read at. Each
    entry is a new row (``number`` 1, 2...): the newest is the current one, and nothing
    updates or deletes an entry. A field left None is "Revisión pendiente de IRM": the IRM
    has not said it (or the source does not show it), never a guess."""

    __tablename__ = "irm_reviews"
    __table_args__ = (sa.UniqueConstraint("commitment_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(sa.ForeignKey("commitments.id"), index=True)
    number: Mapped[int] = mapped_column()
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = moment_column(now=True)
    # Where the administrator read these values (OGP's page of the commitment, the report).
    source_url: Mapped[str] = mapped_column(sa.String(255))
    note: Mapped[str] = mapped_column(sa.Text, default="")

    report_url: Mapped[str | None] = mapped_column(sa.String(255))
    starred: Mapped[bool | None] = mapped_column()
    early_results: Mapped[IrmEarlyResults | None] = mapped_column(enum_column(IrmEarlyResults))
    verifiable: Mapped[bool | None] = mapped_column()
    # The OGP values (keys of OGP_VALUES) separated by spaces; "" when the IRM found it
    # relevant to none; None while pending.
    relevance: Mapped[str | None] = mapped_column(sa.String(120))
    potential_impact: Mapped[IrmImpact | None] = mapped_column(enum_column(IrmImpact))
    completion: Mapped[IrmCompletion | None] = mapped_column(enum_column(IrmCompletion))

    commitment: Mapped[Commitment] = relationship(back_populates="irm_reviews")
    author: Mapped[User | None] = relationship()

    @property
    def relevance_keys(self) -> list[str] | None:
        if self.relevance is None:
            return None
        return [key for key in self.relevance.split() if key in OGP_VALUE_KEYS]

    @property
    def label(self) -> str:
        return f"IRM {self.commitment_id} #{self.number}"


class VersionsAreImmutable(Exception):
    """A version, one of its milestones or contacts, or an IRM entry was changed or deleted."""


_IMMUTABLE = (CommitmentVersion, Milestone, Contact, IrmReview)


@event.listens_for(Session, "before_flush")
def _refuse_version_changes(session: Session, flush_context, instances) -> None:  # noqa: ARG001
    """Versions are immutable: the ORM refuses to update or delete a version, a milestone or
    a contact. The one change allowed is marking a version final (``is_final`` to True)."""
    for obj in session.deleted:
        if isinstance(obj, _IMMUTABLE):
            raise VersionsAreImmutable(f"{obj.__tablename__} rows cannot be deleted")
    for obj in session.dirty:
        if not isinstance(obj, _IMMUTABLE):
            continue
        state = sa.inspect(obj)
        for attribute in state.mapper.column_attrs:
            history = state.attrs[attribute.key].history
            if not history.has_changes():
                continue
            if isinstance(obj, CommitmentVersion) and attribute.key == "is_final" and (
                list(history.added) == [True]
            ):
                continue
            raise VersionsAreImmutable(
                f"{obj.__tablename__}.{attribute.key} cannot be changed"
            )


# The site-wide search (participa/search) reads these through content.fulltext.
keep_folded(ActionPlan, lambda plan: " ".join(
    (plan.title or "", f"{plan.start_year}-{plan.end_year}", plan.description or "")))
keep_folded(Commitment, lambda commitment: " ".join(part or "" for part in (
    commitment.ogp_code, commitment.title, commitment.policy_area, commitment.lead_institution)))
install_full_text(ActionPlan.__table__)
install_full_text(Commitment.__table__)
