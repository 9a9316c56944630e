from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..assessments.models import SelfAssessment
from ..base.extensions import db
from ..base.time import moment_column
from ..content.enums import LabelledEnum, enum_column
from ..content.language import LANGUAGE_MAX
from ..content.visibility import Moderated
from ..organizations.models import Organization
from ..plans.models import CommitmentVersion
from ..proposals.models import Proposal
from ..tracking.models import ProgressUpdate
from ..workshops.models import Workshop

BODY_MAX = 4000
# A proposal, or a commitment's version (an update's comments name one too), or a
# self-assessment alone.
ONE_PARENT = ("((proposal_id IS NULL) <> (version_id IS NULL) AND assessment_id IS NULL) OR "
              "(proposal_id IS NULL AND version_id IS NULL AND assessment_id IS NOT NULL)")


class Stance(LabelledEnum):
    FOR = "a_favor", _l("A favor")
    AGAINST = "en_contra", _l("En contra")
    NEUTRAL = "neutral", _l("Neutral")


class Comment(Moderated, db.Model):
    """A comment on a proposal or on one version of a draft commitment (exactly one of the
    two), optionally anchored to a section of the template or to a milestone number; or on
    a published progress update (``update_id``), which also names the commitment's version
    the update is about (its newest final one), so the one-parent rule holds; or on a
    self-assessment during its public comment period (``assessment_id``, then neither a
    proposal nor a version)."""

    __tablename__ = "comments"
    __table_args__ = (
        sa.CheckConstraint(ONE_PARENT, name="one_parent"),
        # A proposal's threads in order, and its counts, read from this index alone.
        sa.Index("ix_comments_proposal_thread", "proposal_id", "parent_id", "created_at", "id",
                 "moderation_state"),
        sa.Index("ix_comments_version_created", "version_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int | None] = mapped_column(sa.ForeignKey("proposals.id"))
    version_id: Mapped[int | None] = mapped_column(sa.ForeignKey("commitment_versions.id"))
    update_id: Mapped[int | None] = mapped_column(sa.ForeignKey("progress_updates.id"),
                                                  index=True)
    assessment_id: Mapped[int | None] = mapped_column(sa.ForeignKey("self_assessments.id"),
                                                      index=True)
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("comments.id"), index=True)
    depth: Mapped[int] = mapped_column(default=0)
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    organization_id: Mapped[int | None] = mapped_column(sa.ForeignKey("organizations.id"))
    stance: Mapped[Stance | None] = mapped_column(enum_column(Stance))
    # A section key of the commitment template (e.g. "problem") or a milestone number.
    section: Mapped[str | None] = mapped_column(sa.String(40))
    milestone_number: Mapped[int | None] = mapped_column()
    body: Mapped[str] = mapped_column(sa.Text)
    # The language its author wrote it in (a code of the language registry); None for what
    # was written before it was asked.
    language: Mapped[str | None] = mapped_column(sa.String(LANGUAGE_MAX), default="es")
    created_at: Mapped[datetime] = moment_column(now=True)
    edited_at: Mapped[datetime | None] = moment_column()
    # Gathered in person at a workshop and typed in by MTGA staff (issue 19): the author is
    # the staff member who typed it, the pages show the workshop instead.
    workshop_id: Mapped[int | None] = mapped_column(sa.ForeignKey("workshops.id"), index=True)

    proposal: Mapped[Proposal | None] = relationship()
    version: Mapped[CommitmentVersion | None] = relationship()
    update: Mapped[ProgressUpdate | None] = relationship()
    assessment: Mapped[SelfAssessment | None] = relationship()
    parent: Mapped[Comment | None] = relationship(remote_side=[id])
    author: Mapped[User] = relationship()
    organization: Mapped[Organization | None] = relationship()
    workshop: Mapped[Workshop | None] = relationship()
    revisions: Mapped[list[CommentRevision]] = relationship(
        back_populates="comment", order_by="CommentRevision.id"
    )

    @property
    def label(self) -> str:
        return f"comentario {self.id}"


class CommentRevision(db.Model):
    """The earlier text of an edited comment: editing never loses what was said."""

    __tablename__ = "comment_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(sa.ForeignKey("comments.id"), index=True)
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = moment_column()
    replaced_at: Mapped[datetime] = moment_column(now=True)

    comment: Mapped[Comment] = relationship(back_populates="revisions")
