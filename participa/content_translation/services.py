"""The write side of content translation: ask for a translation, take a request, deliver
or revise a translation, review it, hide or show it again. Every service enforces its rule
(``permissions``), flushes, never commits; those of reviewers and moderators are audited,
and so are requests and deliveries (who asked whom for what, and who wrote what).

Other packages call ``request_translation`` to open a request for an item of a kind they
registered (``kinds.register``), e.g. an audio recording's transcript."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..accounts.models import User
from ..audit.services import record
from ..base.errors import Conflict, Invalid, enforce
from ..base.extensions import db
from ..base.locking import inserted
from ..base.time import utcnow
from ..content.text import clean_paragraphs, without_controls
from ..content.visibility import ModerationState
from ..notifications.services import notify, path_for
from . import kinds, permissions
from .models import (
    ContentTranslation,
    TranslationReport,
    TranslationReportStatus,
    TranslationRequest,
    TranslationRequestStatus,
    TranslationStatus,
)
from .signals import translation_moderated

TRANSLATION_READY = "translation_ready"
TRANSLATION_REQUIRED = _l("Escriba la traducción de este texto.")
NOTE_REQUIRED = _l("Diga a quien tradujo qué debe corregir.")
HIDE_REASON_REQUIRED = _l("Escriba por qué la oculta: se mostrará en su lugar.")
REPORT_REASON_REQUIRED = _l("Cuente brevemente qué está mal en esta traducción.")
REPORT_MAX = 2000
_OPEN = (TranslationRequestStatus.OPEN, TranslationRequestStatus.TAKEN)


def request_translation(*, requester: User, kind: str, item_id: int,
                        language: str) -> TranslationRequest:
    """Ask for ``kind`` ``item_id`` in ``language``. A request still open for the same item
    and language is answered instead of a second one."""
    source = kinds.source(kind, item_id)
    enforce(permissions.request_refusal(requester, source, language))
    existing = db.session.scalar(
        sa.select(TranslationRequest).where(
            TranslationRequest.target_kind == kind, TranslationRequest.target_id == item_id,
            TranslationRequest.language == language, TranslationRequest.status.in_(_OPEN))
        .limit(1))
    if existing is not None:
        return existing
    request = TranslationRequest(target_kind=kind, target_id=item_id, language=language,
                                 source_language=source.language, requested_by=requester)
    db.session.add(request)
    db.session.flush()
    record(actor=requester, action="content_translation.request", target=request,
           after={"kind": kind, "id": item_id, "language": language})
    return request


def take_request(*, translator: User, request: TranslationRequest) -> TranslationRequest:
    enforce(permissions.take_refusal(translator, request))
    request.status = TranslationRequestStatus.TAKEN
    request.taken_by_id = translator.id
    request.taken_at = utcnow()
    db.session.flush()
    record(actor=translator, action="content_translation.take", target=request)
    return request


def _cleaned(kind: kinds.Kind, source: kinds.Source, texts: dict[str, str]) -> dict[str, str]:
    """Every field the original has, translated: required, at most its length."""
    cleaned: dict[str, str] = {}
    for field in kind.fields:
        original = source.texts.get(field.name) or ""
        value = texts.get(field.name) or ""
        value = clean_paragraphs(value) if field.multiline else \
            " ".join(without_controls(value).split())
        if (original.strip() or field.required) and not value:
            raise Invalid(str(TRANSLATION_REQUIRED), field=field.name)
        if len(value) > field.max_length:
            raise Invalid(_("Escriba como mucho %(num)d caracteres.", num=field.max_length),
                          field=field.name)
        cleaned[field.name] = value
    return cleaned


def deliver_translation(*, translator: User, kind: str, item_id: int, language: str,
                        texts: dict[str, str],
                        request: TranslationRequest | None = None) -> ContentTranslation:
    """A translation (or a revision of the newest one) that waits for a reviewer. The
    request it answers, taken or open, is delivered."""
    registered = kinds.get(kind)
    source = kinds.source(kind, item_id)
    enforce(permissions.translate_refusal(translator, source, language))
    cleaned = _cleaned(registered, source, texts)
    previous = db.session.scalar(
        sa.select(ContentTranslation.id).where(
            ContentTranslation.target_kind == kind, ContentTranslation.target_id == item_id,
            ContentTranslation.language == language)
        .order_by(ContentTranslation.id.desc()).limit(1))
    if request is None:
        request = db.session.scalar(
            sa.select(TranslationRequest).where(
                TranslationRequest.target_kind == kind,
                TranslationRequest.target_id == item_id,
                TranslationRequest.language == language,
                TranslationRequest.status.in_(_OPEN))
            .order_by(TranslationRequest.id).limit(1))
    translation = ContentTranslation(
        target_kind=kind, target_id=item_id, language=language,
        source_language=source.language, texts=cleaned, source_digest=source.digest,
        translator=translator, request=request, revises_id=previous,
    )
    db.session.add(translation)
    if request is not None:
        request.status = TranslationRequestStatus.DELIVERED
        request.delivered_at = utcnow()
        request.taken_by_id = request.taken_by_id or translator.id
    db.session.flush()
    record(actor=translator, action="content_translation.deliver", target=translation,
           after={"kind": kind, "id": item_id, "language": language,
                  "request": request.id if request else None})
    return translation


def review_translation(*, reviewer: User, translation: ContentTranslation, approve: bool,
                       note: str = "") -> ContentTranslation:
    """Approve (readers see it from now on; the requester is told) or reject (with a note
    for the translator; its request opens again)."""
    enforce(permissions.review_refusal(reviewer, translation))
    note = clean_paragraphs(note or "")
    if not approve and not note:
        raise Invalid(str(NOTE_REQUIRED), field="note")
    translation.status = TranslationStatus.APPROVED if approve else TranslationStatus.REJECTED
    translation.reviewer_id = reviewer.id
    translation.reviewed_at = utcnow()
    translation.review_note = note or None
    request = translation.request
    if request is not None:
        if approve:
            source = kinds.sources([(translation.target_kind, translation.target_id)]).get(
                (translation.target_kind, translation.target_id))
            notify(user=request.requested_by, kind=TRANSLATION_READY, params={
                "kind": translation.target_kind, "id": translation.target_id,
                "label": source.label if source else "", "language": translation.language,
            }, link=source.path if source else None)
        else:
            request.status = TranslationRequestStatus.OPEN
            request.taken_by_id = None
            request.taken_at = None
            request.delivered_at = None
    db.session.flush()
    record(actor=reviewer, action="content_translation.approve" if approve
           else "content_translation.reject", target=translation,
           after={"status": translation.status.value, "note": note or None})
    return translation


def report_translation(*, reporter: User, translation: ContentTranslation,
                       reason: str) -> TranslationReport:
    """A reader reports a shown translation, saying why; it enters the MTGA's moderation
    queue. One report per person and translation (a second is a 409)."""
    enforce(permissions.report_refusal(reporter, translation))
    reason = clean_paragraphs(reason or "")
    if not reason:
        raise Invalid(str(REPORT_REASON_REQUIRED), field="reason")
    if len(reason) > REPORT_MAX:
        raise Invalid(_("Escriba como mucho %(num)d caracteres.", num=REPORT_MAX),
                      field="reason")
    report = TranslationReport(translation_id=translation.id, reporter_id=reporter.id,
                               reason=reason)
    if not inserted(report):
        raise Conflict(_("Usted ya denunció esta traducción. La moderación revisará su "
                         "denuncia; no hace falta enviarla otra vez."))
    return report


def _close_reports(translation: ContentTranslation, status: TranslationReportStatus,
                   moderator: User) -> list[int]:
    """Resolve the translation's open reports as ``status``: their ids."""
    reports = list(db.session.scalars(
        sa.select(TranslationReport).where(
            TranslationReport.translation_id == translation.id,
            TranslationReport.status == TranslationReportStatus.OPEN)
        .order_by(TranslationReport.id)))
    now = utcnow()
    for report in reports:
        report.status = status
        report.resolved_at = now
        report.resolved_by_id = moderator.id
    return [report.id for report in reports]


def hide_translation(*, moderator: User, translation: ContentTranslation,
                     reason: str) -> ContentTranslation:
    """Moderation hides a translation (kept, never deleted) with a reason; its open reports
    are resolved as attended."""
    enforce(permissions.hide_refusal(moderator, translation))
    reason = clean_paragraphs(reason or "")
    if not reason:
        raise Invalid(str(HIDE_REASON_REQUIRED), field="reason")
    before = {"state": translation.moderation_state.value}
    now = utcnow()
    translation.hide(reason, now)
    closed = _close_reports(translation, TranslationReportStatus.ACTED, moderator)
    db.session.flush()
    record(actor=moderator, action="content_translation.hide", target=translation,
           before=before, after={"state": translation.moderation_state.value,
                                 "reason": reason, "reports_closed": closed})
    translation_moderated.send(translation, moderator=moderator, decision="hide",
                               reason=reason, now=now)
    return translation


def restore_translation(*, moderator: User, translation: ContentTranslation
                        ) -> ContentTranslation:
    """Shown again, intact; its open reports are dismissed."""
    enforce(permissions.hide_refusal(moderator, translation))
    if translation.moderation_state != ModerationState.HIDDEN:
        raise Conflict(_("No está oculta: no hay nada que restaurar."))
    before = {"state": translation.moderation_state.value}
    translation.restore()
    closed = _close_reports(translation, TranslationReportStatus.DISMISSED, moderator)
    db.session.flush()
    record(actor=moderator, action="content_translation.restore", target=translation,
           before=before, after={"state": translation.moderation_state.value,
                                 "reports_closed": closed})
    translation_moderated.send(translation, moderator=moderator, decision="restore",
                               reason="", now=utcnow())
    return translation


def dismiss_translation_reports(*, moderator: User, translation: ContentTranslation
                                ) -> list[int]:
    """The reports are unfounded: closed, the translation left as it is."""
    enforce(permissions.hide_refusal(moderator, translation))
    closed = _close_reports(translation, TranslationReportStatus.DISMISSED, moderator)
    if not closed:
        raise Conflict(_("No tiene denuncias abiertas."))
    db.session.flush()
    record(actor=moderator, action="content_translation.dismiss_reports",
           target=translation, before={"open_reports": len(closed)},
           after={"open_reports": 0, "reports_dismissed": closed})
    translation_moderated.send(translation, moderator=moderator, decision="dismiss",
                               reason="", now=utcnow())
    return closed


def translation_path(kind: str, item_id: int) -> str:
    return path_for("content_translation.item", kind=kind, item_id=item_id)
