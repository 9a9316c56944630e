"""The read side of the forum: its members, rules and meetings (a fixed number of
statements whatever their number)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from ..base.extensions import db
from ..organizations.models import Organization
from .models import ForumMeeting, ForumMember, ForumRules, MeetingDocument


def members() -> list[ForumMember]:
    return list(db.session.scalars(
        sa.select(ForumMember).join(ForumMember.organization)
        .options(joinedload(ForumMember.organization))
        .order_by(ForumMember.role, Organization.name)
    ))


def current_rules() -> ForumRules | None:
    return db.session.scalar(
        sa.select(ForumRules).order_by(ForumRules.id.desc()).limit(1))


def rules_versions() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(ForumRules)) or 0


def meetings_statement() -> sa.Select:
    return (sa.select(ForumMeeting).options(
                selectinload(ForumMeeting.organizations),
                selectinload(ForumMeeting.documents).joinedload(MeetingDocument.file))
            .order_by(ForumMeeting.held_on.desc(), ForumMeeting.id.desc()))


def meetings() -> list[ForumMeeting]:
    return list(db.session.scalars(meetings_statement()))


def meeting_or_none(meeting_id: int) -> ForumMeeting | None:
    return db.session.scalar(
        sa.select(ForumMeeting).where(ForumMeeting.id == meeting_id)
        .options(selectinload(ForumMeeting.organizations),
                 selectinload(ForumMeeting.documents).joinedload(MeetingDocument.file)))
