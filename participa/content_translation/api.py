"""Open data: the reviewed translations of people's and the MTGA's texts, as paginated JSON
and as CSV (docs/api.md, "Traducciones"): each with the item it translates, both languages,
its texts and its credits (as each translator chose to be credited). Translations waiting
for review, rejected or hidden by the moderation are not published, nor those of an item the
public does not see."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa
from flask import Blueprint, current_app
from sqlalchemy.orm import joinedload

from ..base.extensions import db
from ..base.time import iso_utc
from ..content.visibility import ModerationState
from ..web import openapi as oa
from ..web.api import csv_response, listing_filters, paginated_json, where_equal
from ..web.args import query_args
from . import kinds, queries
from .models import ContentTranslation, TranslationStatus
from .permissions import work_language

api_bp = Blueprint("content_translation_api", __name__, url_prefix="/api/v1")

CSV_FIELDS = ("id", "kind", "item_id", "item_url", "source_language", "language", "texts",
              "translator", "reviewer", "reviewed_at", "outdated")


def _language(value: str) -> str:
    value = value.strip()
    if value not in current_app.config["LANGUAGES"]:
        raise ValueError(value)
    return value


def _kind(value: str) -> str:
    value = value.strip()
    if value not in kinds.KINDS:
        raise ValueError(value)
    return value


FILTERS = {"language": _language, "source_language": _language, "kind": _kind}
PARAMETERS = (
    oa.Param("language", oa.text(), "The language of the translation (an interface language "
             "code: es, quc, kek, cak, mam, en)."),
    oa.Param("source_language", oa.text(), "The language of the original."),
    oa.Param("kind", oa.text(), "What is translated: proposal, response, commitment, call or "
             "recording (what a recording says)."),
)
TRANSLATION_SCHEMA = oa.obj({
    "id": oa.ID,
    "kind": oa.text("what it translates: proposal, response, commitment, call"),
    "item_id": oa.ID,
    "item_url": oa.nullable(oa.text("the original's page, a relative URL; null when the "
                                    "public does not see the original")),
    "source_language": oa.text("the original's language code"),
    "language": oa.text("the translation's language code"),
    "texts": {"type": "object", "additionalProperties": {"type": "string"},
              "description": "the translated texts by field (empty when the public does not "
                             "see the original)"},
    "translator": oa.text("the translator's credit, as she chose it"),
    "reviewer": oa.text("the reviewer's credit"),
    "reviewed_at": oa.nullable(oa.date_time("when it was approved, UTC")),
    "outdated": {"type": "boolean",
                 "description": "the original changed since it was translated"},
}, description="A reviewed translation of a text people or the MTGA wrote.")


def _statement(filters: dict[str, Any]) -> sa.Select:
    query = (sa.select(ContentTranslation)
             .where(ContentTranslation.status == TranslationStatus.APPROVED,
                    ContentTranslation.moderation_state == ModerationState.VISIBLE)
             .options(joinedload(ContentTranslation.translator),
                      joinedload(ContentTranslation.reviewer))
             .order_by(ContentTranslation.id))
    return where_equal(query, filters, {"language": ContentTranslation.language,
                                        "source_language": ContentTranslation.source_language,
                                        "kind": ContentTranslation.target_kind})


def _serializer(rows: Sequence[ContentTranslation]
                ) -> Callable[[ContentTranslation], dict[str, Any]]:
    """What the rows need, read at once: their items (one statement per kind) and the
    credits (one)."""
    sources = kinds.sources((t.target_kind, t.target_id) for t in rows)
    credits = queries.credits(list(rows))

    def serialize(t: ContentTranslation) -> dict[str, Any]:
        source = sources.get((t.target_kind, t.target_id))
        public = source is not None and source.public
        language = work_language(t.source_language, t.language)
        return {
            "id": t.id,
            "kind": t.target_kind,
            "item_id": t.target_id,
            "item_url": source.path if public else None,
            "source_language": t.source_language,
            "language": t.language,
            "texts": t.texts if public else {},
            "translator": credits.get((t.translator_id, language), ""),
            "reviewer": credits.get((t.reviewer_id, language), ""),
            "reviewed_at": iso_utc(t.reviewed_at) if t.reviewed_at else None,
            "outdated": bool(public and source.digest != t.source_digest),
        }
    return serialize


@api_bp.route("/translations")
@oa.describe(summary="Reviewed translations of people's and the MTGA's texts",
             description="Approved translations that the moderation has not hidden, with "
                         "both languages and the translators' credits.",
             parameters=(*PARAMETERS, *oa.PAGE_PARAMETERS), page_of=TRANSLATION_SCHEMA)
def translations():
    return paginated_json(_statement(listing_filters(FILTERS)), prepare=_serializer)


@api_bp.route("/translations.csv")
@oa.describe(summary="Reviewed translations as CSV", parameters=PARAMETERS, csv=CSV_FIELDS)
def translations_csv():
    rows = db.session.scalars(_statement(query_args(FILTERS))).unique().all()
    serialize = _serializer(rows)

    def row(t: ContentTranslation) -> dict[str, Any]:
        data = serialize(t)
        data["texts"] = json.dumps(data["texts"], ensure_ascii=False, sort_keys=True)
        return data
    return csv_response(CSV_FIELDS, map(row, rows), "traducciones.csv")
