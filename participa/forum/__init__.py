"""The Mesa Técnica de Gobierno Abierto's own space (issue 19, item 1): its members, its
rules of participation and its meetings with their documents, public and in the open data."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import Blueprint

from ..base.extensions import db
from ..files.registry import Access, register_owner
from .models import OWNER, MeetingDocument

bp = Blueprint("forum", __name__)
api_bp = Blueprint("forum_api", __name__, url_prefix="/api/v1")


def file_access(file: Any, user: Any) -> Access:
    """A meeting's documents are public, as its minutes are; a file of this owner that no
    document names is nobody's (404)."""
    found = db.session.scalar(
        sa.select(MeetingDocument.id).where(MeetingDocument.file_id == file.id))
    return Access.PUBLIC if found is not None else Access.HIDDEN


register_owner(OWNER, file_access)

from . import api, repository_entries, views  # noqa: E402,F401
