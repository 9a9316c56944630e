"""Implementation tracking of published commitments (issue 16): each milestone's status on
the IRM's completion scale, and the dated progress updates that change it, with their
evidence.

- A milestone is named by its commitment and its number (``Milestone.number`` is stable
  across versions); the milestones tracked are those of the commitment's newest final
  version (``queries.tracked_version``).
- ``ProgressUpdate``: written by a member of the commitment's lead institution (a draft,
  ``borrador``), sent to the MTGA (``en_revision``), then published (``publicada``) or
  returned with a note (``devuelta``, to be corrected and sent again). Only published
  updates are public.
- ``MilestoneStatus``: the status in force, set when an update is published (a milestone
  without a row has not started). Denormalised so that the roll-ups of a plan are one query.
- ``Evidence``: the links (and files) an update gives as proof.
- ``OverdueFlag``: a milestone past its end date and not complete, flagged once per end
  date (the daily ``flask tracking flag-overdue`` notifies the institution and the MTGA).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..base.extensions import db
from ..base.time import moment_column
from ..content.enums import LabelledEnum, enum_column
from ..files.models import StoredFile
from ..organizations.models import Organization
from ..plans.models import Commitment

TEXT_MAX = 6000
REASON_MAX = 2000
NOTE_MAX = 2000
LINK_MAX = 255  # organizations.links.MAX_LENGTH
LINK_TITLE_MAX = 200
LINKS_MAX = 10
# Files of one update, and the size of each (documents, spreadsheets, images).
FILES_MAX = 5
FILE_MAX_BYTES = 10 * 1000 * 1000


@dataclass(frozen=True)
class Link:
    """A link given as evidence, as typed (``services`` checks it)."""

    url: str
    title: str = ""


class CompletionStatus(LabelledEnum):
    """The IRM's completion scale, and withdrawn (which needs a reason)."""

    NOT_STARTED = "no_iniciado", _l("No iniciado")
    LIMITED = "limitado", lazy_pgettext("avance", "Limitado")
    SUBSTANTIAL = "sustancial", lazy_pgettext("avance", "Sustancial")
    COMPLETE = "completo", lazy_pgettext("avance", "Completo")
    WITHDRAWN = "retirado", lazy_pgettext("hito", "Retirado")

    @property
    def score(self) -> int:
        return _SCORES[self]


_SCORES = {
    CompletionStatus.NOT_STARTED: 0,
    CompletionStatus.LIMITED: 1,
    CompletionStatus.SUBSTANTIAL: 2,
    CompletionStatus.COMPLETE: 3,
    CompletionStatus.WITHDRAWN: 0,
}


class UpdateState(LabelledEnum):
    DRAFT = "borrador", _l("Borrador")
    IN_REVIEW = "en_revision", _l("En revisión por la MTGA")
    PUBLISHED = "publicada", lazy_pgettext("avance", "Publicado")
    RETURNED = "devuelta", lazy_pgettext("avance", "Devuelto con observaciones")


class LeadOrganization(db.Model):
    """A published commitment's lead institution as an organisation of Participa, named by
    the MTGA: its accepted members report the commitment's progress. (The commitment keeps
    the institution's name as text, ``Commitment.lead_institution``, from its template.)"""

    __tablename__ = "commitment_lead_organizations"

    commitment_id: Mapped[int] = mapped_column(sa.ForeignKey("commitments.id"),
                                               primary_key=True)
    organization_id: Mapped[int] = mapped_column(sa.ForeignKey("organizations.id"), index=True)
    set_at: Mapped[datetime] = moment_column(now=True)
    set_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    organization: Mapped[Organization] = relationship()


class ProgressUpdate(db.Model):
    __tablename__ = "progress_updates"
    __table_args__ = (
        sa.Index("ix_progress_updates_commitment_state", "commitment_id", "state",
                 "published_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(sa.ForeignKey("commitments.id"))
    milestone_number: Mapped[int] = mapped_column()
    # The status the update reports for the milestone; a withdrawal says why.
    status: Mapped[CompletionStatus] = mapped_column(enum_column(CompletionStatus))
    withdrawn_reason: Mapped[str] = mapped_column(sa.Text, default="")
    body: Mapped[str] = mapped_column(sa.Text)
    state: Mapped[UpdateState] = mapped_column(enum_column(UpdateState),
                                               default=UpdateState.DRAFT, index=True)
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    # The lead institution the update speaks for (the commitment's, when it was written).
    organization_id: Mapped[int] = mapped_column(sa.ForeignKey("organizations.id"), index=True)
    created_at: Mapped[datetime] = moment_column(now=True)
    updated_at: Mapped[datetime] = moment_column(now=True)
    submitted_at: Mapped[datetime | None] = moment_column()
    reviewed_at: Mapped[datetime | None] = moment_column()
    reviewer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    # The MTGA's note when it returns the update (kept when it is sent again).
    review_note: Mapped[str] = mapped_column(sa.Text, default="")
    published_at: Mapped[datetime | None] = moment_column()
    # Optimistic lock: bumped by every change, so that two people editing or deciding at
    # once cannot overwrite each other silently.
    row_version: Mapped[int] = mapped_column(default=1)

    commitment: Mapped[Commitment] = relationship()
    author: Mapped[User] = relationship(foreign_keys=[author_id])
    reviewer: Mapped[User | None] = relationship(foreign_keys=[reviewer_id])
    organization: Mapped[Organization] = relationship()
    evidence: Mapped[list[Evidence]] = relationship(
        back_populates="update", order_by="Evidence.position, Evidence.id"
    )

    @property
    def is_published(self) -> bool:
        return self.state == UpdateState.PUBLISHED

    @property
    def label(self) -> str:
        return f"avance {self.id}: hito {self.milestone_number} de {self.commitment.label}"


class Evidence(db.Model):
    """A piece of evidence of an update: a link (``url``) or an uploaded file (``file_id``,
    kept by ``participa.files``, owner ``progress``), with a title."""

    __tablename__ = "progress_evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    update_id: Mapped[int] = mapped_column(sa.ForeignKey("progress_updates.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    url: Mapped[str | None] = mapped_column(sa.String(LINK_MAX))
    file_id: Mapped[int | None] = mapped_column(sa.ForeignKey("stored_files.id"), index=True)
    title: Mapped[str] = mapped_column(sa.String(LINK_TITLE_MAX), default="")
    created_at: Mapped[datetime] = moment_column(now=True)

    update: Mapped[ProgressUpdate] = relationship(back_populates="evidence")
    file: Mapped[StoredFile | None] = relationship()


class MilestoneStatus(db.Model):
    """The status in force of a milestone of a published commitment, from its latest
    published update."""

    __tablename__ = "milestone_statuses"

    commitment_id: Mapped[int] = mapped_column(sa.ForeignKey("commitments.id"),
                                               primary_key=True)
    milestone_number: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[CompletionStatus] = mapped_column(enum_column(CompletionStatus))
    withdrawn_reason: Mapped[str] = mapped_column(sa.Text, default="")
    update_id: Mapped[int] = mapped_column(sa.ForeignKey("progress_updates.id"))
    changed_at: Mapped[datetime] = moment_column(now=True)

    update: Mapped[ProgressUpdate] = relationship()


class OverdueFlag(db.Model):
    """A milestone found past its end date and not complete (or withdrawn): flagged once
    per end date, so the daily command tells the institution and the MTGA once, and again
    only if the date moves and passes again."""

    __tablename__ = "overdue_flags"
    __table_args__ = (sa.UniqueConstraint("commitment_id", "milestone_number", "end_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(sa.ForeignKey("commitments.id"), index=True)
    milestone_number: Mapped[int] = mapped_column()
    end_date: Mapped[date] = mapped_column(sa.Date)
    flagged_at: Mapped[datetime] = moment_column(now=True)
