"""Translation operations: suggest, approve, reject; assign translators and reviewers; ask to
translate and decide. They enforce the rules of ``permissions``, run the checks, flush and
audit; the request's transaction boundary and the commands commit."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _

from ..accounts.models import User
from ..accounts.signals import account_deleted
from ..audit.services import record
from ..base.errors import Conflict, Invalid, enforce
from ..base.extensions import db
from ..base.time import utcnow
from . import checks, permissions
from .models import (
    CatalogVersion,
    Credit,
    GlossaryTerm,
    Origin,
    RequestStatus,
    SourceMessage,
    Suggestion,
    SuggestionStatus,
    TermStatus,
    TranslatorRequest,
    TranslatorRole,
)

# Suggestions -------------------------------------------------------------------------------


def check_forms(message: SourceMessage, forms: list[str], *, identical_ok: bool) -> list[str]:
    """The forms as they would be saved (apostrophes normalised); refuses with every problem
    found, on the ``forms`` field."""
    forms = [checks.normalise_apostrophes(form) for form in forms]
    found = checks.problems(message.msgid, message.msgid_plural, forms,
                            identical_ok=identical_ok, python_format=message.python_format)
    if found:
        raise Invalid(" ".join(found), field="forms")
    return forms


def forbidden_in(language: str, forms: list[str]) -> list[str]:
    """The glossary's forbidden translations that the forms use (a flag for the reviewer)."""
    terms = db.session.scalars(
        sa.select(GlossaryTerm.translation).where(
            GlossaryTerm.language == language, GlossaryTerm.status == TermStatus.FORBIDDEN
        )
    )
    return checks.forbidden_terms(forms, terms)


def suggest(
    *, author: User, message: SourceMessage, language: str, forms: list[str],
    identical_ok: bool = False, origin: Origin = Origin.TYPED, origin_detail: str = "",
    source_msgid: str | None = None,
) -> Suggestion:
    """A new pending suggestion, after the checks. The same text suggested again by the same
    person while it is pending is the same suggestion."""
    enforce(permissions.suggest_refusal(author, language))
    forms = check_forms(message, forms, identical_ok=identical_ok)
    existing = db.session.scalar(
        sa.select(Suggestion).where(
            Suggestion.message_id == message.id,
            Suggestion.language == language,
            Suggestion.author_id == author.id,
            Suggestion.status == SuggestionStatus.PENDING,
        ).order_by(Suggestion.id.desc()).limit(1)
    )
    if existing is not None and existing.forms == forms:
        return existing
    suggestion = Suggestion(
        message_id=message.id, language=language, forms=forms,
        source_msgid=source_msgid if source_msgid is not None else message.msgid,
        identical_ok=identical_ok, origin=origin, origin_detail=origin_detail[:300],
        author_id=author.id,
    )
    db.session.add(suggestion)
    db.session.flush()
    record(actor=author, action="translation.suggest", target=suggestion,
           after={"language": language, "forms": forms, "origin": origin.value,
                  "origin_detail": origin_detail})
    return suggestion


def bump_version(language: str) -> None:
    """Tell every server that the language's approved texts changed."""
    updated = db.session.execute(
        sa.update(CatalogVersion).where(CatalogVersion.language == language)
        .values(version=CatalogVersion.version + 1, changed_at=utcnow())
    )
    if not updated.rowcount:
        db.session.add(CatalogVersion(language=language, version=1))
    db.session.flush()


def approve(*, reviewer: User, suggestion: Suggestion) -> Suggestion:
    """The suggestion becomes the language's text for its message, on every server at the
    next page load; the previously approved text is superseded (and kept)."""
    enforce(permissions.review_refusal(reviewer, suggestion))
    previous = db.session.scalars(
        sa.select(Suggestion).where(
            Suggestion.message_id == suggestion.message_id,
            Suggestion.language == suggestion.language,
            Suggestion.status == SuggestionStatus.APPROVED,
        )
    ).all()
    for old in previous:
        old.status = SuggestionStatus.SUPERSEDED
    suggestion.status = SuggestionStatus.APPROVED
    suggestion.reviewer_id = reviewer.id
    suggestion.reviewed_at = utcnow()
    bump_version(suggestion.language)
    record(actor=reviewer, action="translation.approve", target=suggestion,
           before={"approved": [old.id for old in previous]},
           after={"language": suggestion.language, "forms": suggestion.forms})
    return suggestion


def reject(*, reviewer: User, suggestion: Suggestion, note: str) -> Suggestion:
    """Not this text; the note tells the translator why."""
    enforce(permissions.review_refusal(reviewer, suggestion))
    note = (note or "").strip()
    if not note:
        raise Invalid(_("Diga por qué rechaza la sugerencia."), field="note")
    suggestion.status = SuggestionStatus.REJECTED
    suggestion.reviewer_id = reviewer.id
    suggestion.reviewed_at = utcnow()
    suggestion.review_note = note
    db.session.flush()
    record(actor=reviewer, action="translation.reject", target=suggestion,
           after={"language": suggestion.language, "note": note})
    return suggestion


# Roles and requests ------------------------------------------------------------------------


def grant(*, actor: User | None, user: User, language: str, can_review: bool = False
          ) -> TranslatorRole:
    """``user`` translates ``language`` (and reviews it with ``can_review``). ``actor`` None:
    a command run on the server."""
    if actor is not None:
        enforce(permissions.manage_refusal(actor))
    enforce(permissions.language_refusal(language))
    role = db.session.scalar(
        sa.select(TranslatorRole).where(TranslatorRole.user_id == user.id,
                                        TranslatorRole.language == language)
    )
    before = None
    if role is None:
        role = TranslatorRole(user_id=user.id, language=language)
        db.session.add(role)
    else:
        before = {"can_review": role.can_review, "active": role.is_active}
    role.can_review = can_review
    role.revoked_at = None
    role.granted_by_id = actor.id if actor is not None else None
    role.granted_at = utcnow()
    db.session.flush()
    record(actor=actor, action="translation.grant", target=role, before=before,
           after={"user_id": user.id, "language": language, "can_review": can_review})
    return role


def revoke(*, actor: User | None, role: TranslatorRole) -> TranslatorRole:
    if actor is not None:
        enforce(permissions.manage_refusal(actor))
    if role.revoked_at is None:
        role.revoked_at = utcnow()
        db.session.flush()
        record(actor=actor, action="translation.revoke", target=role,
               before={"can_review": role.can_review},
               after={"user_id": role.user_id, "language": role.language})
    return role


@account_deleted.connect
def _end_roles(user: User, **_extra: object) -> None:
    """A deleted account translates nothing (its work stays, credited as a volunteer) and
    its pending requests are declined."""
    now = utcnow()
    for role in db.session.scalars(sa.select(TranslatorRole).where(
            TranslatorRole.user_id == user.id, TranslatorRole.revoked_at.is_(None))):
        role.revoked_at = now
    for request in db.session.scalars(sa.select(TranslatorRequest).where(
            TranslatorRequest.user_id == user.id,
            TranslatorRequest.status == RequestStatus.PENDING)):
        request.status = RequestStatus.DECLINED
        request.decided_at = now


def set_credit(*, user: User, role: TranslatorRole, credit: Credit) -> TranslatorRole:
    """How the translator is credited: their name, their organisation, or no name."""
    if role.user_id != user.id:
        raise Invalid(_("Solo la persona que traduce elige cómo se la nombra."))
    role.credit = credit
    db.session.flush()
    return role


def request_role(*, user: User, language: str, motivation: str) -> TranslatorRequest:
    enforce(permissions.request_refusal(user, language))
    pending = db.session.scalar(
        sa.select(TranslatorRequest).where(
            TranslatorRequest.user_id == user.id, TranslatorRequest.language == language,
            TranslatorRequest.status == RequestStatus.PENDING,
        )
    )
    if pending is not None:
        raise Conflict(_("Su solicitud para este idioma ya espera respuesta."),
                       field="language")
    request = TranslatorRequest(user_id=user.id, language=language,
                                motivation=(motivation or "").strip())
    db.session.add(request)
    db.session.flush()
    return request


def decide_request(*, actor: User, request: TranslatorRequest, accept: bool, note: str = ""
                   ) -> TranslatorRequest:
    enforce(permissions.manage_refusal(actor))
    if request.status != RequestStatus.PENDING:
        raise Conflict(_("Esta solicitud ya tiene respuesta."))
    request.status = RequestStatus.ACCEPTED if accept else RequestStatus.DECLINED
    request.decided_by_id = actor.id
    request.decided_at = utcnow()
    request.decision_note = (note or "").strip()
    db.session.flush()
    record(actor=actor, action="translation.request_" + ("accept" if accept else "decline"),
           target=request, after={"user_id": request.user_id, "language": request.language,
                                  "note": request.decision_note})
    if accept:
        grant(actor=actor, user=request.user, language=request.language)
    return request


def set_language_roles(*, actor: User, user: User, language: str, translate: bool,
                       review: bool) -> TranslatorRole | None:
    """What the administrator's page asks for one language: ``user`` translates it (and
    reviews it with ``review``, which implies translating) or not. Only a change is granted
    or revoked (and audited)."""
    enforce(permissions.assign_refusal(actor, user))
    role = db.session.scalar(
        sa.select(TranslatorRole).where(TranslatorRole.user_id == user.id,
                                        TranslatorRole.language == language)
    )
    translate = translate or review
    if translate:
        if role is None or not role.is_active or role.can_review != review:
            role = grant(actor=actor, user=user, language=language, can_review=review)
        return role
    if role is not None and role.is_active:
        revoke(actor=actor, role=role)
    return role
