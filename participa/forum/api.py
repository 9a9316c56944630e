"""Open data: the forum's meetings with their minutes, as paginated JSON and as CSV. See
``docs/api.md``."""

from __future__ import annotations

from typing import Any

from flask import url_for

from ..base.extensions import db
from ..web import openapi as oa
from ..web.api import PAGINATION, csv_response, paginated_json
from ..web.args import query_args
from . import api_bp, queries
from .models import ForumMeeting

FIELDS = ("id", "held_on", "online", "place", "agenda", "minutes", "decisions",
          "organizations", "people_present", "documents", "updated_at")
DOCUMENT = oa.obj({
    "title": oa.text(),
    "url": oa.text("where the file is served", format="uri"),
    "media_type": oa.text(),
    "size": oa.integer("bytes", minimum=1),
}, description="A document attached to the meeting.")
SCHEMA = oa.obj({
    "id": oa.ID,
    "held_on": oa.day(),
    "online": oa.BOOLEAN,
    "place": oa.text(),
    "agenda": oa.text(),
    "minutes": oa.text(),
    "decisions": oa.text(),
    "organizations": {"type": "array", "items": oa.text(),
                      "description": "the organisations present, by name"},
    "people_present": {"type": "array", "items": oa.text()},
    "documents": {"type": "array", "items": DOCUMENT},
    "updated_at": oa.date_time(),
}, description="A meeting of the Mesa Técnica de Gobierno Abierto with its minutes.")


def meeting_data(meeting: ForumMeeting) -> dict[str, Any]:
    return {
        "id": meeting.id,
        "held_on": meeting.held_on.isoformat(),
        "online": meeting.online,
        "place": meeting.place,
        "agenda": meeting.agenda,
        "minutes": meeting.minutes,
        "decisions": meeting.decisions,
        "organizations": [org.name for org in meeting.organizations],
        "people_present": meeting.people,
        "documents": [{
            "title": document.title,
            "url": url_for("files.serve", file_id=document.file_id, _external=True),
            "media_type": document.file.media_type,
            "size": document.file.size,
        } for document in meeting.documents],
        "updated_at": meeting.updated_at.isoformat(),
    }


def _csv_row(meeting: ForumMeeting) -> dict[str, Any]:
    data = meeting_data(meeting)
    data["organizations"] = "; ".join(data["organizations"])
    data["people_present"] = "; ".join(data["people_present"])
    data["documents"] = " ".join(document["url"] for document in data["documents"])
    return data


@api_bp.route("/forum/meetings")
@oa.describe(summary="Meetings of the Mesa Técnica",
             description="Every meeting of the open-government forum, newest first, with its "
                         "agenda, minutes, decisions and attendance.",
             parameters=oa.PAGE_PARAMETERS, page_of=SCHEMA)
def meetings():
    query_args(PAGINATION)
    return paginated_json(queries.meetings_statement(), meeting_data)


@api_bp.route("/forum/meetings.csv")
@oa.describe(summary="Meetings of the Mesa Técnica as CSV", csv=FIELDS)
def meetings_csv():
    query_args({})
    found = db.session.scalars(queries.meetings_statement()).unique()
    return csv_response(FIELDS, map(_csv_row, found), "mesa-tecnica-reuniones.csv")
