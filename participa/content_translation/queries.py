"""The read side of content translation, each in a fixed number of statements: the
translation a reader sees of items (``shown_many``: one for the translations, one per kind
for the originals, one for the credits), an item's translations and requests, and a
language's open requests, reviews to do and outdated translations."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from ..base.extensions import db
from ..content.visibility import ModerationState
from ..proposals.models import Response
from ..translation.credits import credit_of
from ..translation.models import Credit, TranslatorRole
from . import kinds
from .models import (
    ContentTranslation,
    TranslationRequest,
    TranslationRequestStatus,
    TranslationStatus,
)
from .permissions import work_language

Key = tuple[str, int]
OPEN = (TranslationRequestStatus.OPEN, TranslationRequestStatus.TAKEN)
LIST_LIMIT = 200


@dataclass
class Shown:
    """An approved translation as a reader sees it, with who made and reviewed it."""

    translation: ContentTranslation
    source: kinds.Source
    translator_credit: str = ""
    reviewer_credit: str = ""
    outdated: bool = False
    fields: list[tuple[str, object, str, str]] = field(default_factory=list)


def credits(translations: list[ContentTranslation]) -> dict[tuple[int, str], str]:
    """(user id, work language) -> the name each person chose to be credited by."""
    pairs = set()
    for t in translations:
        language = work_language(t.source_language, t.language)
        pairs.add((t.translator_id, language))
        if t.reviewer_id:
            pairs.add((t.reviewer_id, language))
    if not pairs:
        return {}
    roles = {(r.user_id, r.language): r.credit for r in db.session.scalars(
        sa.select(TranslatorRole).where(
            TranslatorRole.user_id.in_({user_id for user_id, _l in pairs})))}
    users = {t.translator_id: t.translator for t in translations}
    users.update({t.reviewer_id: t.reviewer for t in translations if t.reviewer_id})
    return {(user_id, language): credit_of(users[user_id],
                                           roles.get((user_id, language), Credit.NAME))
            for user_id, language in pairs}


def _shown(translation: ContentTranslation, source: kinds.Source,
           credits: dict[tuple[int, str], str]) -> Shown:
    language = work_language(translation.source_language, translation.language)
    kind = kinds.get(translation.target_kind)
    return Shown(
        translation=translation, source=source,
        translator_credit=credits.get((translation.translator_id, language), ""),
        reviewer_credit=credits.get((translation.reviewer_id, language), "")
        if translation.reviewer_id else "",
        outdated=translation.source_digest != source.digest,
        fields=[(f.name, f.label, translation.texts.get(f.name, ""),
                 source.texts.get(f.name, "")) for f in kind.fields
                if translation.texts.get(f.name)],
    )


def shown_many(keys: Iterable[Key], language: str,
               sources: dict[Key, kinds.Source] | None = None) -> dict[Key, Shown]:
    """For each item, the newest approved and visible translation into ``language`` (none
    when the item is written in it): at most three statements, whatever the number of
    items or translations."""
    keys = list(dict.fromkeys(keys))
    if not keys:
        return {}
    by_kind: dict[str, list[int]] = {}
    for kind, item_id in keys:
        by_kind.setdefault(kind, []).append(item_id)
    conditions = [sa.and_(ContentTranslation.target_kind == kind,
                          ContentTranslation.target_id.in_(ids))
                  for kind, ids in by_kind.items()]
    rows = db.session.scalars(
        sa.select(ContentTranslation)
        .where(sa.or_(*conditions), ContentTranslation.language == language,
               ContentTranslation.status == TranslationStatus.APPROVED,
               ContentTranslation.moderation_state == ModerationState.VISIBLE)
        .order_by(ContentTranslation.id.desc())
        .options(joinedload(ContentTranslation.translator),
                 joinedload(ContentTranslation.reviewer))
    ).all()
    newest: dict[Key, ContentTranslation] = {}
    for row in rows:
        newest.setdefault((row.target_kind, row.target_id), row)
    if not newest:
        return {}
    if sources is None:
        sources = kinds.sources(newest)
    named = credits(list(newest.values()))
    return {key: _shown(translation, sources[key], named)
            for key, translation in newest.items()
            if key in sources and sources[key].language != language}


def shown(key: Key, language: str) -> Shown | None:
    return shown_many([key], language).get(key)


@dataclass
class ItemTranslations:
    source: kinds.Source
    kind: kinds.Kind
    translations: list[ContentTranslation]
    requests: list[TranslationRequest]
    credits: dict[tuple[int, str], str]

    def credit(self, translation: ContentTranslation, reviewer: bool = False) -> str:
        language = work_language(translation.source_language, translation.language)
        user_id = translation.reviewer_id if reviewer else translation.translator_id
        return self.credits.get((user_id, language), "")

    def outdated(self, translation: ContentTranslation) -> bool:
        return translation.source_digest != self.source.digest


def item(kind: str, item_id: int) -> ItemTranslations:
    """An item with every translation of it (newest first) and its requests: four
    statements."""
    source = kinds.source(kind, item_id)
    translations = list(db.session.scalars(
        sa.select(ContentTranslation)
        .where(ContentTranslation.target_kind == kind, ContentTranslation.target_id == item_id)
        .order_by(ContentTranslation.language, ContentTranslation.id.desc())
        .options(joinedload(ContentTranslation.translator),
                 joinedload(ContentTranslation.reviewer))))
    requests = list(db.session.scalars(
        sa.select(TranslationRequest)
        .where(TranslationRequest.target_kind == kind, TranslationRequest.target_id == item_id)
        .order_by(TranslationRequest.created_at, TranslationRequest.id)
        .options(joinedload(TranslationRequest.requested_by))))
    return ItemTranslations(source, kinds.get(kind), translations, requests,
                            credits(translations))


def _of_language(model, language: str) -> sa.ColumnElement[bool]:
    """A translation or request that is the work of ``language``'s translators."""
    return sa.or_(model.language == language,
                  sa.and_(model.language == "es", model.source_language == language))


@dataclass
class Workspace:
    requests: list[TranslationRequest]
    reviews: list[ContentTranslation]
    sources: dict[Key, kinds.Source]


def workspace(language: str) -> Workspace:
    """The language's open requests, oldest first, and the translations waiting for review,
    with their items: two statements and one per kind of item."""
    requests = list(db.session.scalars(
        sa.select(TranslationRequest)
        .where(_of_language(TranslationRequest, language),
               TranslationRequest.status.in_(OPEN))
        .order_by(TranslationRequest.created_at, TranslationRequest.id)
        .limit(LIST_LIMIT)
        .options(joinedload(TranslationRequest.taken_by))))
    reviews = list(db.session.scalars(
        sa.select(ContentTranslation)
        .where(_of_language(ContentTranslation, language),
               ContentTranslation.status == TranslationStatus.PENDING)
        .order_by(ContentTranslation.created_at, ContentTranslation.id)
        .limit(LIST_LIMIT)
        .options(joinedload(ContentTranslation.translator))))
    keys = [(r.target_kind, r.target_id) for r in requests] + \
        [(t.target_kind, t.target_id) for t in reviews]
    return Workspace(requests, reviews, kinds.sources(keys))


def first_approved(kind: str, ids: Iterable[int], language: str = "es"
                   ) -> dict[int, datetime]:
    """Item id -> when its first translation into ``language`` was approved (the MTGA reads
    Spanish): one statement."""
    ids = list(ids)
    if not ids:
        return {}
    return dict(db.session.execute(
        sa.select(ContentTranslation.target_id, sa.func.min(ContentTranslation.reviewed_at))
        .where(ContentTranslation.target_kind == kind, ContentTranslation.target_id.in_(ids),
               ContentTranslation.language == language,
               ContentTranslation.status == TranslationStatus.APPROVED)
        .group_by(ContentTranslation.target_id)).all())


def response_texts(proposal_ids: Iterable[int], language: str) -> dict[int, dict[str, str]]:
    """Proposal id -> the approved, visible and current (not outdated) translations into
    ``language`` of its title (``title``) and of the MTGA's response to it
    (``reason_translation``), for the notifications that name them: three statements (the
    translations, then the proposals and the responses they translate)."""
    ids = [i for i in set(proposal_ids) if isinstance(i, int)]
    if not ids:
        return {}
    rows = db.session.execute(
        sa.select(ContentTranslation,
                  sa.func.coalesce(Response.proposal_id, ContentTranslation.target_id))
        .outerjoin(Response, sa.and_(ContentTranslation.target_kind == "response",
                                     Response.id == ContentTranslation.target_id))
        .where(sa.or_(sa.and_(ContentTranslation.target_kind == "proposal",
                              ContentTranslation.target_id.in_(ids)),
                      sa.and_(ContentTranslation.target_kind == "response",
                              Response.proposal_id.in_(ids))),
               ContentTranslation.language == language,
               ContentTranslation.status == TranslationStatus.APPROVED,
               ContentTranslation.moderation_state == ModerationState.VISIBLE)
        .order_by(ContentTranslation.id)
    ).all()
    if not rows:
        return {}
    sources = kinds.sources((t.target_kind, t.target_id) for t, _proposal_id in rows)
    texts: dict[int, dict[str, str]] = {}
    for translation, proposal_id in rows:  # the newest last: it wins
        source = sources.get((translation.target_kind, translation.target_id))
        if source is None or source.digest != translation.source_digest:
            continue  # the original changed since: not what the notice is about
        translated = translation.texts
        if translation.target_kind == "proposal" and translated.get("title"):
            texts.setdefault(proposal_id, {})["title"] = translated["title"]
        elif translation.target_kind == "response" and translated.get("reason"):
            texts.setdefault(proposal_id, {})["reason_translation"] = translated["reason"]
    return texts
