"""Keeping the forum's record: members, rules and meetings. Each flushes and audits; the
view commits."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from ..accounts.models import User
from ..audit.services import record
from ..base.errors import Invalid, enforce
from ..base.extensions import db
from ..base.time import local_zone, utcnow
from ..content.text import checked
from ..files.services import check_upload, store_bytes
from ..files.sniffing import FileKind
from ..organizations.models import Organization
from . import permissions
from .models import (
    DOCUMENT_MAX_BYTES,
    DOCUMENT_TITLE_MAX,
    OWNER,
    PEOPLE_MAX,
    PLACE_MAX,
    RULES_MAX,
    TEXT_MAX,
    ForumMeeting,
    ForumMember,
    ForumRole,
    ForumRules,
    MeetingDocument,
)

# OGP's Standard 1: the forum meets at least every six months.
MEETING_INTERVAL = timedelta(days=183)


def set_member(*, staff: User, organization: Organization | None, role: ForumRole | None
               ) -> ForumMember:
    """Seat ``organization`` in the forum with ``role``, or change its role."""
    enforce(permissions.manage_refusal(staff))
    if organization is None:
        raise Invalid(_l("Elija una organización."), field="organization_id")
    if role is None:
        raise Invalid(_l("Elija su papel en la Mesa Técnica."), field="role")
    member = db.session.scalar(
        sa.select(ForumMember).where(ForumMember.organization_id == organization.id))
    before = {"role": member.role.value} if member is not None else None
    if member is None:
        member = ForumMember(organization=organization, role=role, created_by_id=staff.id)
        db.session.add(member)
    member.role = role
    db.session.flush()
    record(actor=staff, action="forum.member", target=organization, before=before,
           after={"role": role.value})
    return member


def set_rules(*, staff: User, body: str, now: datetime | None = None) -> ForumRules:
    """A new version of the rules of participation (the previous ones are kept)."""
    enforce(permissions.manage_refusal(staff))
    body = checked((body or "").strip(), field="body", maximum=RULES_MAX)
    rules = ForumRules(body=body, created_by=staff, created_at=now or utcnow())
    db.session.add(rules)
    db.session.flush()
    record(actor=staff, action="forum.rules", target=rules, after={"length": len(body)})
    return rules


def _fill(meeting: ForumMeeting, *, held_on: date | None, online: bool, place: str,
          agenda: str, minutes: str, decisions: str, people_present: str,
          organizations: Iterable[Organization], now: datetime) -> None:
    if held_on is None:
        raise Invalid(_l("Escriba la fecha de la reunión."), field="held_on")
    if held_on > now.astimezone(local_zone()).date() and (minutes or decisions):
        raise Invalid(_l("Una reunión futura no tiene acta ni acuerdos todavía."),
                      field="minutes")
    place = checked((place or "").strip(), field="place", maximum=PLACE_MAX,
                    missing=None if online else _l("Escriba el lugar o marque «en línea»."))
    agenda = checked((agenda or "").strip(), field="agenda", maximum=TEXT_MAX)
    minutes = checked((minutes or "").strip(), field="minutes", maximum=TEXT_MAX,
                      missing=None)
    decisions = checked((decisions or "").strip(), field="decisions", maximum=TEXT_MAX,
                        missing=None)
    people_present = checked((people_present or "").strip(), field="people_present",
                             maximum=PEOPLE_MAX, missing=None)
    # (checked before anything changes: a refused edit leaves the meeting as it was)
    meeting.held_on, meeting.online, meeting.place = held_on, bool(online), place
    meeting.agenda, meeting.minutes, meeting.decisions = agenda, minutes, decisions
    meeting.people_present = people_present
    meeting.organizations = list(organizations)
    meeting.updated_at = now


def _snapshot(meeting: ForumMeeting) -> dict:
    return {
        "held_on": meeting.held_on.isoformat(), "online": meeting.online,
        "place": meeting.place, "agenda": meeting.agenda, "minutes": meeting.minutes,
        "decisions": meeting.decisions, "people_present": meeting.people_present,
        "organizations": [org.id for org in meeting.organizations],
    }


def record_meeting(*, staff: User, now: datetime | None = None, **fields) -> ForumMeeting:
    """Record a meeting (held or planned: a planned one has no minutes yet)."""
    enforce(permissions.manage_refusal(staff))
    now = now or utcnow()
    meeting = ForumMeeting(created_by_id=staff.id, created_at=now)
    _fill(meeting, now=now, **fields)
    db.session.add(meeting)
    db.session.flush()
    record(actor=staff, action="forum.meeting.record", target=meeting,
           after=_snapshot(meeting))
    return meeting


def edit_meeting(*, staff: User, meeting: ForumMeeting, now: datetime | None = None,
                 **fields) -> ForumMeeting:
    """Correct a meeting or add its minutes; the audit log keeps what it said before."""
    enforce(permissions.manage_refusal(staff))
    before = _snapshot(meeting)
    _fill(meeting, now=now or utcnow(), **fields)
    db.session.flush()
    record(actor=staff, action="forum.meeting.edit", target=meeting, before=before,
           after=_snapshot(meeting))
    return meeting


# The formats a meeting's documents take: documents meant to be kept and read as they are.
DOCUMENT_EXTENSIONS = ("pdf", "odt", "docx")


def attach_document(*, staff: User, meeting: ForumMeeting, title: str, upload: object
                    ) -> MeetingDocument:
    """Store ``upload`` (a PDF, ODT or DOCX within the limit) as a document of ``meeting``.
    The title is checked before the file is read."""
    enforce(permissions.manage_refusal(staff))
    title = checked((title or "").strip(), field="title", maximum=DOCUMENT_TITLE_MAX)
    data, found = check_upload(upload, kinds=(FileKind.DOCUMENT,),
                               max_bytes=DOCUMENT_MAX_BYTES, field="document")
    if found.extension not in DOCUMENT_EXTENSIONS:
        raise Invalid(_l("Este archivo no es de un tipo aceptado. Se aceptan: %(types)s.",
                         types="PDF, ODT, DOCX"), field="document")
    file = store_bytes(data, found, name=getattr(upload, "filename", None), user=staff,
                       owner=OWNER)
    document = MeetingDocument(meeting=meeting, file=file, title=title,
                               created_by_id=staff.id)
    db.session.add(document)
    db.session.flush()
    record(actor=staff, action="forum.document.attach", target=meeting,
           after={"document_id": document.id, "title": title, "file_id": file.id,
                  "sha256": file.sha256})
    return document


def last_meeting_day(today: date) -> date | None:
    return db.session.scalar(
        sa.select(sa.func.max(ForumMeeting.held_on)).where(ForumMeeting.held_on <= today))


def overdue(today: date) -> tuple[bool, date | None]:
    """Whether the forum has gone more than six months without meeting by ``today``, and
    the day it last met (None: never)."""
    last = last_meeting_day(today)
    return (last is None or today - last > MEETING_INTERVAL), last
