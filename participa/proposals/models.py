from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy import event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import Sector, User
from ..base.extensions import db
from ..base.time import moment_column
from ..consultations.models import ConsultationRound
from ..content.enums import LabelledEnum, enum_column
from ..content.fulltext import install as install_full_text
from ..content.language import LANGUAGE_MAX
from ..content.text import fold
from ..content.visibility import Moderated
from ..organizations.models import Organization
from ..plans.models import Axis, Commitment
from ..workshops.models import Workshop


class OgpValue(LabelledEnum):
    TRANSPARENCY = "transparencia", _l("Transparencia")
    PARTICIPATION = "participacion", _l("Participación ciudadana")
    ACCOUNTABILITY = "rendicion_de_cuentas", _l("Rendición de cuentas")
    TECHNOLOGY = "tecnologia", _l("Tecnología e innovación para la apertura")


class ReceivedAs(LabelledEnum):
    """How the proposal reached the platform: written in the form, or as a recording in its
    author's language with a short title (issue 18, item 4), whose written fields stay empty
    (nothing is invented for her) and whose recording ``recordings`` keeps."""

    WRITTEN = "escrita", _l("Escrita")
    RECORDING = "grabacion", _l("Recibida como grabación")


class ProposalStatus(LabelledEnum):
    PUBLISHED = "publicada", _l("Publicada")
    WITHDRAWN = "retirada", _l("Retirada por su autor")


# Length limits, used by the forms, the services and the tests.
TITLE_MAX = 150
TEXT_MAX = 2000
INSTITUTION_MAX = 200
WITHDRAWAL_REASON_MAX = 1000

# The proposal's texts, in the form's order, with their maximum lengths: the form, the
# services (required, at most this long, the new accounts' link limit) and the views (the
# form's initial data, what it posts) all derive from this one list.
TEXT_FIELDS: dict[str, int] = {
    "title": TITLE_MAX,
    "problem": TEXT_MAX,
    "proposed_commitment": TEXT_MAX,
    "benefit": TEXT_MAX,
    "institution": INSTITUTION_MAX,
}


class Proposal(Moderated, db.Model):
    __tablename__ = "proposals"
    __table_args__ = (
        sa.UniqueConstraint("reference_year", "reference_number"),
        # The list's two indexed orders, for what the public sees of a round: the page, a
        # page after a cursor and the count read these indexes only (listing.page_of).
        sa.Index("ix_proposals_round_state_created", "round_id", "moderation_state",
                 "created_at", "id"),
        sa.Index("ix_proposals_round_state_supports", "round_id", "moderation_state",
                 "support_count", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(sa.ForeignKey("consultation_rounds.id"))
    # The readable code P-<year>-<number>, numbered per year: P-2026-0042.
    reference_year: Mapped[int] = mapped_column()
    reference_number: Mapped[int] = mapped_column()
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    organization_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organizations.id"), index=True
    )
    # Required when the round's plan has axes; empty only when the plan has none (see
    # docs/decisions.md, "Proposals").
    axis_id: Mapped[int | None] = mapped_column(sa.ForeignKey("axes.id"), index=True)

    title: Mapped[str] = mapped_column(sa.String(TITLE_MAX))
    problem: Mapped[str] = mapped_column(sa.Text)
    proposed_commitment: Mapped[str] = mapped_column(sa.Text)
    benefit: Mapped[str] = mapped_column(sa.Text)
    institution: Mapped[str] = mapped_column(sa.String(INSTITUTION_MAX))
    # The language its author wrote it in (a code of the language registry); what was
    # written before it was asked is Spanish (the migration's default, issue 18).
    language: Mapped[str | None] = mapped_column(sa.String(LANGUAGE_MAX), default="es")
    # Gathered in person at a workshop and typed in by MTGA staff (issue 19): the author is
    # the staff member who typed it, the pages show the workshop instead; ``workshop_sector``
    # is the sector its proposer gave on paper (online, the author's own sector counts).
    workshop_id: Mapped[int | None] = mapped_column(sa.ForeignKey("workshops.id"), index=True)
    workshop_sector: Mapped[Sector | None] = mapped_column(enum_column(Sector))
    received_as: Mapped[ReceivedAs] = mapped_column(
        enum_column(ReceivedAs), default=ReceivedAs.WRITTEN, server_default="escrita")
    serves_transparency: Mapped[bool] = mapped_column(default=False)
    serves_participation: Mapped[bool] = mapped_column(default=False)
    serves_accountability: Mapped[bool] = mapped_column(default=False)
    serves_technology: Mapped[bool] = mapped_column(default=False)

    status: Mapped[ProposalStatus] = mapped_column(
        enum_column(ProposalStatus), default=ProposalStatus.PUBLISHED
    )
    withdrawn_at: Mapped[datetime | None] = moment_column()
    withdrawal_reason: Mapped[str | None] = mapped_column(sa.Text)
    # Kept equal to COUNT(supports) by SQL increments in the same transaction as the
    # support row (see SECURITY.md); ``flask proposals recount`` re-derives it.
    support_count: Mapped[int] = mapped_column(default=0)
    # Folded text (see participa.content.text.fold) of title, problem, commitment, benefit and
    # institution, kept by the ORM events below; the full-text indexes are built on it.
    search_text: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = moment_column(now=True)
    updated_at: Mapped[datetime] = moment_column(now=True)

    round: Mapped[ConsultationRound] = relationship()
    author: Mapped[User] = relationship()
    organization: Mapped[Organization | None] = relationship()
    axis: Mapped[Axis | None] = relationship()
    # Loaded with the proposals wherever they are read, in one more statement only when one
    # of them came from a workshop (not a join: a proposal is read FOR UPDATE, which
    # PostgreSQL refuses on an outer join's nullable side): every page shows its origin.
    workshop: Mapped[Workshop | None] = relationship(lazy="selectin")

    @property
    def is_from_workshop(self) -> bool:
        return self.workshop_id is not None

    @property
    def reference(self) -> str:
        return f"P-{self.reference_year}-{self.reference_number:04d}"

    @property
    def label(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def ogp_values(self) -> list[OgpValue]:
        flags = {
            OgpValue.TRANSPARENCY: self.serves_transparency,
            OgpValue.PARTICIPATION: self.serves_participation,
            OgpValue.ACCOUNTABILITY: self.serves_accountability,
            OgpValue.TECHNOLOGY: self.serves_technology,
        }
        return [value for value, on in flags.items() if on]

    @property
    def is_recorded(self) -> bool:
        return self.received_as == ReceivedAs.RECORDING

    @property
    def is_withdrawn(self) -> bool:
        return self.status == ProposalStatus.WITHDRAWN

    def compute_search_text(self) -> str:
        parts = (self.title, self.problem, self.proposed_commitment, self.benefit,
                 self.institution)
        return fold(" ".join(part or "" for part in parts))


@event.listens_for(Proposal, "before_insert")
@event.listens_for(Proposal, "before_update")
def _keep_search_text(mapper, connection, proposal: Proposal) -> None:  # noqa: ARG001
    proposal.search_text = proposal.compute_search_text()


# Full-text search over search_text (queried by participa/proposals/queries/search.py): an
# FTS5 table kept in sync by triggers on SQLite, a GIN expression index on PostgreSQL
# (content.fulltext; the migration 5c1d2e3f4a5b makes them on migrated databases).
install_full_text(Proposal.__table__)


class Support(db.Model):
    __tablename__ = "supports"
    __table_args__ = (sa.UniqueConstraint("proposal_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(sa.ForeignKey("proposals.id"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = moment_column(now=True)

    proposal: Mapped[Proposal] = relationship()
    user: Mapped[User] = relationship()


class ProposalCommitment(db.Model):
    """Consolidation links a proposal to the draft commitment(s) it fed; it never moves or
    deletes the proposal, its supports or its comments."""

    __tablename__ = "proposal_commitments"
    __table_args__ = (sa.UniqueConstraint("proposal_id", "commitment_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(sa.ForeignKey("proposals.id"), index=True)
    commitment_id: Mapped[int] = mapped_column(sa.ForeignKey("commitments.id"), index=True)
    created_at: Mapped[datetime] = moment_column(now=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    proposal: Mapped[Proposal] = relationship()
    commitment: Mapped[Commitment] = relationship()


class ResponseDecision(LabelledEnum):
    INCORPORATED = "incorporada", _l("Incorporada")
    MERGED = "fusionada", _l("Fusionada en un compromiso")
    PARTLY = "parcialmente", _l("Incorporada en parte")
    NOT_INCORPORATED = "no_incorporada", _l("No incorporada")
    OUT_OF_SCOPE = "fuera_de_alcance", _l("Fuera del alcance del plan")


class Response(db.Model):
    """The MTGA's reasoned response to a proposal (OGP co-creation standard). Prepared, then
    published together with others; the reason is required unless fully incorporated."""

    __tablename__ = "responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(sa.ForeignKey("proposals.id"), unique=True)
    decision: Mapped[ResponseDecision] = mapped_column(enum_column(ResponseDecision))
    reason: Mapped[str] = mapped_column(sa.Text, default="")
    # The language the MTGA wrote its reason in (issue 18).
    language: Mapped[str] = mapped_column(sa.String(LANGUAGE_MAX), default="es",
                                          server_default="es")
    # The commitment a "merged" (or incorporated) proposal went into.
    commitment_id: Mapped[int | None] = mapped_column(sa.ForeignKey("commitments.id"))
    prepared_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    prepared_at: Mapped[datetime] = moment_column(now=True)
    published_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    published_at: Mapped[datetime | None] = moment_column(index=True)

    proposal: Mapped[Proposal] = relationship()
    commitment: Mapped[Commitment | None] = relationship()

    @property
    def is_published(self) -> bool:
        return self.published_at is not None
