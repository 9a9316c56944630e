"""The forum's minutes and meeting documents in the OGP repository (``plans.repository``).

The forum is not one plan's: it oversees every cycle. A meeting belongs to the cycle of each
plan whose years cover its day, counting the year before the plan's first year, when the plan
is co-created (docs/decisions.md, issue 19). A meeting's minutes are listed once written,
dated by the meeting's last change (the minutes are usually added after the meeting); each
document attached to a meeting is listed with the day it was attached, pointing to its file.
One statement each."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..base.extensions import db
from ..i18n.dates import day_text
from ..plans.models import ActionPlan
from ..plans.repository import Entry, register_source
from .models import ForumMeeting, MeetingDocument


def cycle_days(plan: ActionPlan) -> tuple[date, date]:
    """The first and last day of the plan's cycle, co-creation included."""
    return date(plan.start_year - 1, 1, 1), date(plan.end_year, 12, 31)


def _in_cycle(plan: ActionPlan) -> sa.ColumnElement[bool]:
    first, last = cycle_days(plan)
    return ForumMeeting.held_on.between(first, last)


def minutes(plan: ActionPlan) -> list[Entry]:
    rows = db.session.execute(
        sa.select(ForumMeeting.id, ForumMeeting.held_on, ForumMeeting.updated_at)
        .where(_in_cycle(plan), ForumMeeting.minutes != "")
    ).all()
    return [
        Entry(key=f"acta-{meeting_id}", kind="actas",
              title=_("Acta de la reunión del %(day)s", day=day_text(held_on)),
              date=updated_at, url=url_for("forum.meeting", meeting_id=meeting_id),
              detail=_("Mesa Técnica de Gobierno Abierto"))
        for meeting_id, held_on, updated_at in rows
    ]


def documents(plan: ActionPlan) -> list[Entry]:
    rows = db.session.execute(
        sa.select(MeetingDocument.id, MeetingDocument.title, MeetingDocument.file_id,
                  MeetingDocument.created_at, ForumMeeting.held_on)
        .join(ForumMeeting, ForumMeeting.id == MeetingDocument.meeting_id)
        .where(_in_cycle(plan))
    ).all()
    return [
        Entry(key=f"documento-reunion-{document_id}", kind="documentos-mesa", title=title,
              date=created_at, url=url_for("files.serve", file_id=file_id),
              detail=_("Reunión del %(day)s", day=day_text(held_on)))
        for document_id, title, file_id, created_at, held_on in rows
    ]


register_source("actas", _l("Actas de la Mesa Técnica"), minutes, order=50)
register_source("documentos-mesa", _l("Documentos de las reuniones de la Mesa Técnica"),
                documents, order=55)
