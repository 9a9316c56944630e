"""The MTGA's queue of translations (issue 18: translations are moderated like any content):
the reported ones (open reports, the most reported first) and the hidden ones (most recently
hidden first), each with the item it translates, its text, the readers' reasons and the
decisions: hide with a reason, show again, dismiss the reports. The decisions are
content_translation's services, which audit them and resolve the reports. The page runs a
fixed number of statements: the count and the page, the open reports of the page, the
items (one per kind) and the credits."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import sqlalchemy as sa
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy.orm import joinedload

from ..base.extensions import db
from ..content.visibility import ModerationState
from ..content_translation import kinds
from ..content_translation.models import (
    ContentTranslation,
    TranslationReport,
    TranslationReportStatus,
)
from ..web.pagination import paginate
from .queries import translations_to_moderate


@dataclass
class TranslationQueue:
    pagination: Pagination
    reports: dict[int, list[TranslationReport]]
    sources: dict[tuple[str, int], kinds.Source]


def _open_reports() -> sa.ScalarSelect:
    return (sa.select(sa.func.count(TranslationReport.id))
            .where(TranslationReport.translation_id == ContentTranslation.id,
                   TranslationReport.status == TranslationReportStatus.OPEN)
            .scalar_subquery())


def queue(page: int, per_page: int) -> TranslationQueue:
    statement = (
        sa.select(ContentTranslation).where(translations_to_moderate())
        .options(joinedload(ContentTranslation.translator))
        .order_by(_open_reports().desc(),
                  (ContentTranslation.moderation_state == ModerationState.HIDDEN).asc(),
                  ContentTranslation.hidden_at.desc(), ContentTranslation.id.desc()))
    pagination = paginate(statement, page=page, per_page=per_page)
    ids = [t.id for t in pagination.items]
    reports: dict[int, list[TranslationReport]] = defaultdict(list)
    if ids:
        for report in db.session.scalars(
                sa.select(TranslationReport)
                .where(TranslationReport.translation_id.in_(ids),
                       TranslationReport.status == TranslationReportStatus.OPEN)
                .order_by(TranslationReport.id)):
            reports[report.translation_id].append(report)
    sources = kinds.sources((t.target_kind, t.target_id) for t in pagination.items)
    return TranslationQueue(pagination, dict(reports), sources)


def translation_or_none(translation_id: int) -> ContentTranslation | None:
    return db.session.get(ContentTranslation, translation_id)
