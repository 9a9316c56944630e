"""The Mesa Técnica de Gobierno Abierto as a forum (issue 19, item 1): its members (each an
organisation of Participa with its role in the forum), its rules of participation (every
edit a new version), and its meetings with agenda, minutes, attendance and decisions."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..base.extensions import db
from ..base.time import moment_column
from ..content.enums import LabelledEnum, enum_column
from ..files.models import StoredFile
from ..organizations.models import Organization

PLACE_MAX = 200
TEXT_MAX = 20_000
RULES_MAX = 50_000
PEOPLE_MAX = 5_000
DOCUMENT_TITLE_MAX = 200
# The largest document a meeting takes (minutes scanned to PDF are often several MB).
DOCUMENT_MAX_BYTES = 10 * 1000 * 1000
# The files' owner in ``files``: served to everyone, as the meetings are public.
OWNER = "forum"


class ForumRole(LabelledEnum):
    """An organisation's seat in the forum."""

    INSTITUTION = "institution", _l("Instituciones públicas")
    CIVIL_SOCIETY = "civil_society", _l("Sociedad civil")
    ACADEMIA = "academia", _l("Academia")
    OBSERVER = "observer", _l("Observadoras")


class ForumMember(db.Model):
    """An organisation of Participa that sits in the forum, with its role."""

    __tablename__ = "forum_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(sa.ForeignKey("organizations.id"),
                                                 unique=True)
    role: Mapped[ForumRole] = mapped_column(enum_column(ForumRole))
    created_at: Mapped[datetime] = moment_column(now=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    organization: Mapped[Organization] = relationship()


class ForumRules(db.Model):
    """One version of the rules of participation; the newest is in force."""

    __tablename__ = "forum_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = moment_column(now=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    created_by: Mapped[User | None] = relationship()


meeting_attendance = sa.Table(
    "forum_meeting_attendance",
    db.metadata,
    sa.Column("meeting_id", sa.ForeignKey("forum_meetings.id"), primary_key=True),
    sa.Column("organization_id", sa.ForeignKey("organizations.id"), primary_key=True),
)


class ForumMeeting(db.Model):
    """A meeting of the forum: when, where (or online), the agenda, the minutes, who was
    there and what was decided. Public."""

    __tablename__ = "forum_meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    held_on: Mapped[date] = mapped_column(sa.Date, index=True)
    online: Mapped[bool] = mapped_column(default=False)
    place: Mapped[str] = mapped_column(sa.String(PLACE_MAX), default="")
    agenda: Mapped[str] = mapped_column(sa.Text)
    minutes: Mapped[str] = mapped_column(sa.Text, default="")
    decisions: Mapped[str] = mapped_column(sa.Text, default="")
    people_present: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = moment_column(now=True)
    updated_at: Mapped[datetime] = moment_column(now=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    organizations: Mapped[list[Organization]] = relationship(
        secondary=meeting_attendance, order_by="Organization.name")
    documents: Mapped[list[MeetingDocument]] = relationship(
        back_populates="meeting", order_by="MeetingDocument.id")

    @property
    def label(self) -> str:
        return self.held_on.isoformat()

    @property
    def people(self) -> list[str]:
        return [line for line in self.people_present.splitlines() if line.strip()]


class MeetingDocument(db.Model):
    """A document attached to a meeting (the minutes signed, a presentation): a PDF, ODT or
    DOCX stored by ``files`` and served at /archivos/<id>."""

    __tablename__ = "forum_meeting_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("forum_meetings.id"), index=True)
    file_id: Mapped[int] = mapped_column(sa.ForeignKey("stored_files.id"), unique=True)
    title: Mapped[str] = mapped_column(sa.String(DOCUMENT_TITLE_MAX))
    created_at: Mapped[datetime] = moment_column(now=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    meeting: Mapped[ForumMeeting] = relationship(back_populates="documents")
    file: Mapped[StoredFile] = relationship()
