"""Who may see a file given as evidence (``files.registry``, owner ``progress``): everyone
once its update is published; the institution and the MTGA before; nobody else (404)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from ..base.extensions import db
from ..files.models import StoredFile
from ..files.registry import Access
from . import permissions, queries
from .models import Evidence, ProgressUpdate, UpdateState


def file_access(file: StoredFile, user: Any) -> Access:
    update = db.session.scalar(
        sa.select(ProgressUpdate).join(Evidence, Evidence.update_id == ProgressUpdate.id)
        .where(Evidence.file_id == file.id).limit(1)
    )
    if update is None:
        return Access.HIDDEN
    if update.state == UpdateState.PUBLISHED:
        return Access.PUBLIC
    organization = queries.lead_organization(update.commitment_id)
    return Access.PRIVATE if permissions.can_see(user, update, organization) else Access.HIDDEN
