"""Reports by participants, and the moderators' decisions on content and accounts.
Services flush and write the audit event; the request (or the command) commits. Refusals are
``base.errors`` errors: the rules of ``permissions``, enforced here, ``Invalid`` on a field for
what was typed, ``Conflict`` for a state that does not allow the decision.

Reports (see docs/decisions.md, "Moderation"):

- one per person and item: the row is inserted first in a savepoint and
  ``UNIQUE(reporter_id, <target>)`` refuses a second one (a ``Conflict``, 409);
- the reported proposal or comment is locked (``FOR UPDATE``; SQLite's ``BEGIN IMMEDIATE``
  serialises writers anyway) **before** the insert, and its open reports are counted after
  the insert in the same transaction: simultaneous reports cannot all see "threshold - 1",
  so the item is hidden automatically exactly once, when the ``MODERATION_REPORT_THRESHOLD``-th
  open report arrives. Reports of people never block anyone automatically.

Decisions (hide, restore, dismiss the reports, approve, block, unblock) each lock the item,
compare it with the state the moderator loaded (``state_token``; a ``Conflict``, 409, with
the typed reason kept), change it, add a ``ModerationAction`` (the public moderation
log), write the audit event with before and after, and notify the author in their own
language (in the app, and by e-mail after the commit). Nothing is ever deleted, and no
notification or public page names who reported.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..accounts.models import User
from ..audit.services import record
from ..base.errors import Conflict, DomainError, Invalid, enforce
from ..base.extensions import db
from ..base.locking import inserted
from ..base.time import utcnow
from ..comments.models import Comment
from ..comments.services import tell_published
from ..content.text import REQUIRED, checked
from ..content.visibility import ModerationState
from ..content_translation import kinds
from ..content_translation.models import ContentTranslation
from ..content_translation.signals import translation_moderated
from ..notifications.services import notify, path_for
from ..proposals.models import Proposal
from . import permissions
from .models import (
    DETAILS_MAX,
    REASON_MAX,
    ActionKind,
    ModerationAction,
    ReasonTemplate,
    Report,
    ReportReason,
    ReportStatus,
)
from .targets import Content, Logged, Target, kind_of, token_of

THRESHOLD_DEFAULT = 3
TEMPLATE_TITLE_MAX = 120  # ReasonTemplate.title

# The reason of an automatic hide: stored in Spanish, the source language (content, like any
# reason), and shown in the reader's language (``reason_text``). The two must stay equal.
AUTO_HIDE_SOURCE = "Oculto automáticamente tras varias denuncias, a la espera de revisión."
AUTO_HIDE_REASON = _l("Oculto automáticamente tras varias denuncias, a la espera de revisión.")

# Notification kinds (registered with their messages in ``notification_kinds``).
CONTENT_HIDDEN = "content_hidden"
CONTENT_RESTORED = "content_restored"
CONTENT_APPROVED = "content_approved"
ACCOUNT_BLOCKED = "account_blocked"
ACCOUNT_UNBLOCKED = "account_unblocked"


# Targets -------------------------------------------------------------------------------------


def _column(model: type, target: Logged) -> Any:
    """The foreign key of ``model`` (Report or ModerationAction) naming the target."""
    return getattr(model, f"{kind_of(target)}_id")


def _names(target: Logged) -> dict[str, int]:
    return {f"{kind_of(target)}_id": target.id}


def _lock(target: Target) -> Any:
    """Re-read the target with its row locked (PostgreSQL; SQLite's BEGIN IMMEDIATE already
    serialises writers): the same object, refreshed."""
    model = type(target)
    return db.session.scalars(
        sa.select(model)
        .where(model.id == target.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()


def threshold() -> int:
    return int(current_app.config.get("MODERATION_REPORT_THRESHOLD", THRESHOLD_DEFAULT))


def reason_text(reason: str | None) -> str:
    """A stored reason for the reader: the automatic one in the reader's language."""
    if reason == AUTO_HIDE_SOURCE:
        return str(AUTO_HIDE_REASON)
    return reason or ""



def open_report_count(target: Target) -> int:
    return db.session.scalar(
        sa.select(sa.func.count(Report.id)).where(
            _column(Report, target) == target.id, Report.status == ReportStatus.OPEN
        )
    ) or 0


def state_token(target: Target) -> str:
    """A short fingerprint of what a moderator decides on: the item's state, its newest open
    report and the newest decision about it. A decision posted with an older fingerprint is
    refused (a ``Conflict``): someone decided, or a new report came, in between."""
    newest_report = sa.select(sa.func.max(Report.id)).where(
        _column(Report, target) == target.id, Report.status == ReportStatus.OPEN
    ).scalar_subquery()
    newest_action = sa.select(sa.func.max(ModerationAction.id)).where(
        _column(ModerationAction, target) == target.id
    ).scalar_subquery()
    report_id, action_id = db.session.execute(sa.select(newest_report, newest_action)).one()
    return token_of(target, report_id, action_id)


def _check_expected(target: Target, expected: str | None) -> None:
    if expected is not None and expected != state_token(target):
        raise Conflict(
            _("Esto cambió mientras usted lo revisaba: otra persona tomó una decisión o llegó "
              "una denuncia nueva. Revise el estado actual; lo que usted escribió sigue en el "
              "formulario.")
        )


def _content_state(item: Content) -> dict[str, Any]:
    return {"moderation_state": item.moderation_state.value,
            "hidden_reason": item.hidden_reason}


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _account_state(user: User) -> dict[str, Any]:
    return {"blocked_at": _iso(user.blocked_at), "blocked_until": _iso(user.blocked_until),
            "block_reason": user.block_reason}


def _action(
    *, moderator: User | None, kind: ActionKind, target: Logged, reason: str = "",
    template: ReasonTemplate | None = None, now: datetime,
) -> ModerationAction:
    action = ModerationAction(
        moderator_id=moderator.id if moderator is not None else None, action=kind,
        reason=reason, template_id=template.id if template is not None else None,
        created_at=now, **_names(target),
    )
    db.session.add(action)
    return action


def _close_reports(
    target: Target, status: ReportStatus, moderator: User, now: datetime
) -> list[int]:
    """Resolve the target's open reports; their ids."""
    ids = list(db.session.scalars(
        sa.select(Report.id).where(
            _column(Report, target) == target.id, Report.status == ReportStatus.OPEN
        ).order_by(Report.id)
    ))
    if ids:
        db.session.execute(
            sa.update(Report)
            .where(Report.id.in_(ids))
            .values(status=status, resolved_at=now, resolved_by_id=moderator.id)
            .execution_options(synchronize_session=False)
        )
    return ids


# What the author is told --------------------------------------------------------------------


def content_params(item: Content) -> dict[str, Any]:
    """What a notification about ``item`` needs to be written later in any language (never
    who reported it)."""
    if isinstance(item, Proposal):
        return {"target": "proposal", "id": item.id, "reference": item.reference,
                "title": item.title}
    params: dict[str, Any] = {"target": "comment", "id": item.id,
                              "excerpt": " ".join(item.body.split())[:80]}
    if item.proposal_id is not None:
        params.update(on="proposal", reference=item.proposal.reference,
                      title=item.proposal.title)
    elif item.assessment_id is not None:
        # Said by the plan's title (a value in every language), not by the self-assessment's
        # label, which is words of the language it was written in.
        params.update(on="assessment", title=item.assessment.plan.title)
    else:
        params.update(on="draft", title=item.version.commitment.title)
    return params


def content_link(item: Content) -> str:
    if isinstance(item, Proposal):
        return path_for("proposals.show", proposal_id=item.id)
    return path_for("comments.permalink", comment_id=item.id)


def _notify_author(item: Content, kind: str, **extra: Any) -> None:
    author = db.session.get(User, item.author_id)
    if author is None or author.is_deleted:
        return
    notify(user=author, kind=kind, params={**content_params(item), **extra},
           link=content_link(item))


def _notify_account(user: User, kind: str, **params: Any) -> None:
    if not user.is_deleted:
        notify(user=user, kind=kind, params=params)


# Decisions on translations ------------------------------------------------------------------
# ``content_translation.services`` hides, restores and dismisses (and audits); it sends
# ``translation_moderated``, and here, as for a comment, the decision enters the public log
# and the translator is told in her language (never who reported).

_TRANSLATION_DECISIONS = {"hide": (ActionKind.HIDE, CONTENT_HIDDEN),
                          "restore": (ActionKind.RESTORE, CONTENT_RESTORED),
                          "dismiss": (ActionKind.DISMISS, None)}


def translation_params(translation: ContentTranslation) -> dict[str, Any]:
    """What a notification about a translation needs: the item it translates by its label,
    in the translator's language (the label of a response says «Respuesta a ...»), and the
    language it was translated into (named in the reader's language when shown)."""
    translator = translation.translator
    with force_locale(translator.preferred_language or "es"):
        source = kinds.sources([(translation.target_kind, translation.target_id)]).get(
            (translation.target_kind, translation.target_id))
        label = source.label if source is not None else ""
    return {"target": "translation", "id": translation.id, "kind": translation.target_kind,
            "item_id": translation.target_id, "language": translation.language,
            "label": label}


def _on_translation_moderated(translation: ContentTranslation, *, moderator: User,
                              decision: str, reason: str, now: datetime) -> None:
    kind, notice = _TRANSLATION_DECISIONS[decision]
    _action(moderator=moderator, kind=kind, target=translation, reason=reason, now=now)
    db.session.flush()
    translator = translation.translator
    if notice is None or translator is None or translator.is_deleted:
        return
    params = translation_params(translation)
    notify(user=translator, kind=notice,
           params={**params, **({"reason": reason} if decision == "hide" else {})},
           link=path_for("content_translation.item", kind=translation.target_kind,
                         item_id=translation.target_id, _anchor=f"traduccion-{translation.id}"),
           actor=moderator)


translation_moderated.connect(_on_translation_moderated)


# Reports ------------------------------------------------------------------------------------


def _clean_details(reason: ReportReason, details: str | None) -> str:
    return _checked_text(details, field="details", maximum=DETAILS_MAX, missing=_(
        "Cuente brevemente qué pasa: eligió «Otro motivo».") if reason == ReportReason.OTHER
        else None)


def report(
    *,
    reporter: User,
    target: Target,
    reason: ReportReason | str,
    details: str | None = None,
    now: datetime | None = None,
) -> Report:
    """Report ``target`` (a proposal, a comment or a person). Raises the refusal of
    ``permissions.report_refusal``, ``Conflict`` when this person already reported it, and
    ``Invalid`` for the details. When the report makes the item's open reports reach the
    threshold, the item is hidden automatically (``moderation.auto_hide``)."""
    now = now or utcnow()
    enforce(permissions.report_refusal(reporter, target))
    reason = ReportReason(reason)
    details = _clean_details(reason, details)
    if not isinstance(target, User):
        # Every report of this item waits here for the previous one to commit, so the count
        # below sees them all (PostgreSQL; on SQLite, BEGIN IMMEDIATE).
        target = _lock(target)
    enforce(permissions.unreportable_refusal(target))  # asked again, the row locked
    row = Report(reporter_id=reporter.id, reason=reason, details=details, created_at=now,
                 status=ReportStatus.OPEN, **_names(target))
    if not inserted(row):
        raise Conflict(
            _("Usted ya denunció esto. La moderación revisará su denuncia; no hace falta "
              "enviarla otra vez.")
        )
    if not isinstance(target, User):
        count = open_report_count(target)
        if count >= threshold():
            _auto_hide(target, count=count, now=now)
    return row


def _auto_hide(item: Content, *, count: int, now: datetime) -> None:
    before = _content_state(item)
    reason = AUTO_HIDE_SOURCE
    item.hide(reason, now)
    _action(moderator=None, kind=ActionKind.HIDE, target=item, reason=reason, now=now)
    db.session.flush()
    # The system acts, not the person whose report crossed the threshold: their address is
    # not recorded with the event.
    record(actor=None, action="moderation.auto_hide", target=item, before=before,
           after={**_content_state(item), "open_reports": count}, from_request=False)
    _notify_author(item, CONTENT_HIDDEN, automatic=True)


# Decisions on content -----------------------------------------------------------------------


def _checked_text(value: str | None, *, field: str, missing: object | None = REQUIRED,
                  maximum: int = REASON_MAX) -> str:
    """``value`` trimmed and ``checked``."""
    return checked((value or "").strip(), field=field, maximum=maximum, missing=missing)


def decision_reason(reason: str | None, template: ReasonTemplate | None) -> str:
    """The reason of a hide: the text typed, else the template's text; required."""
    if template is not None and not template.is_active:
        raise Invalid(_("Ese motivo ya no está disponible."), field="template")
    if not (reason or "").strip() and template is not None:
        reason = template.body
    return _checked_text(reason, field="reason", missing=_(
        "Elija un motivo de la lista o escríbalo: la persona autora y el público lo leerán."))


def _moderating(moderator: User, now: datetime | None) -> datetime:
    """Enforce that ``moderator`` may moderate; the decision's time (``now`` or the clock)."""
    enforce(permissions.moderate_refusal(moderator))
    return now or utcnow()


def _clean_note(note: str | None) -> str:
    return _checked_text(note, field="note", missing=None)


def _decide(
    target: Target, *, moderator: User, expected: str | None, now: datetime,
    refusal: Callable[[Any], DomainError | None], change: Callable[[Any], None],
    kind: ActionKind,
    event: str, tell: Callable[[Any], None], logged_reason: str = "",
    template: ReasonTemplate | None = None, close: ReportStatus | None = None,
    after: dict[str, Any] | None = None,
) -> ModerationAction:
    """The one sequence of a decision on a proposal, a comment or an account: lock it,
    check it against the state the moderator saw and against the decision's own
    ``refusal``, ``change`` the locked row (``content.visibility.Moderated``'s changes for
    content), resolve
    its open reports as ``close``, log the action, write the audit event (``after`` adds to
    the new state) and ``tell`` the person concerned."""
    target = _lock(target)
    _check_expected(target, expected)
    enforce(refusal(target))
    account = isinstance(target, User)
    state = _account_state if account else _content_state
    before = state(target)
    change(target)
    extra = dict(after or {})
    if close is not None:
        extra["reports_closed"] = _close_reports(target, close, moderator, now)
    action = _action(moderator=moderator, kind=kind, target=target, reason=logged_reason,
                     template=template, now=now)
    db.session.flush()
    record(actor=moderator, action=event, target=target, before=before,
           after={**state(target), **extra},
           **({"label": f"usuario {target.id}"} if account else {}))
    tell(target)
    return action


def _undo(
    target: Target, *, moderator: User, note: str | None, expected: str | None,
    now: datetime | None, refusal: Callable[[Any], DomainError | None],
    change: Callable[[Any], None], kind: ActionKind, event: str,
    tell: Callable[[Any, str], None], close: ReportStatus | None = None,
) -> ModerationAction:
    """A decision that undoes one (restore, unblock), with the moderator's optional note:
    the log keeps it as the reason, the audit event and the person are told it."""
    now = _moderating(moderator, now)
    note = _clean_note(note)
    return _decide(
        target, moderator=moderator, expected=expected, now=now, refusal=refusal,
        change=change, kind=kind, event=event, logged_reason=note, close=close,
        after={"note": note}, tell=lambda item: tell(item, note),
    )


def _block(person: User, *, reason: str, at: datetime, until: datetime | None) -> None:
    person.blocked_at = at
    person.blocked_until = until
    person.block_reason = reason
    person.session_epoch += 1  # every session of the person ends


def _unblock(person: User) -> None:
    person.blocked_at = None
    person.blocked_until = None
    person.block_reason = None


def _conflict_unless(condition: Callable[[Any], bool], message: str
                     ) -> Callable[[Any], DomainError | None]:
    return lambda target: None if condition(target) else Conflict(message)


def hide(
    *,
    moderator: User,
    target: Content,
    reason: str | None = None,
    template: ReasonTemplate | None = None,
    expected: str | None = None,
    now: datetime | None = None,
) -> ModerationAction:
    """Hide a proposal or a comment with a reason (typed, or a template's), from any state:
    a visible item, a pending one (not approved), or a hidden one (a new reason, e.g.
    confirming an automatic hide). Its open reports are resolved as attended. Nothing is
    deleted: the author and moderators still read it."""
    now = _moderating(moderator, now)
    text = decision_reason(reason, template)

    return _decide(
        target, moderator=moderator, expected=expected, now=now,
        refusal=_conflict_unless(
            lambda item: not (item.moderation_state == ModerationState.HIDDEN
                              and item.hidden_reason == text),
            _("Ya está oculto, con ese mismo motivo.")),
        change=lambda item: item.hide(text, now),
        kind=ActionKind.HIDE, event="moderation.hide", logged_reason=text, template=template,
        close=ReportStatus.ACTED, after={"template_id": template.id if template else None},
        tell=lambda item: _notify_author(item, CONTENT_HIDDEN, reason=text),
    )


def restore(
    *,
    moderator: User,
    target: Content,
    note: str | None = None,
    expected: str | None = None,
    now: datetime | None = None,
) -> ModerationAction:
    """Show a hidden proposal or comment again, intact; its open reports are dismissed."""
    return _undo(
        target, moderator=moderator, note=note, expected=expected, now=now,
        refusal=_conflict_unless(lambda item: item.moderation_state == ModerationState.HIDDEN,
                                 _("No está oculto: no hay nada que restaurar.")),
        change=lambda item: item.restore(),
        kind=ActionKind.RESTORE, event="moderation.restore", close=ReportStatus.DISMISSED,
        tell=lambda item, note: _notify_author(item, CONTENT_RESTORED, note=note),
    )


def dismiss_reports(
    *,
    moderator: User,
    target: Target,
    expected: str | None = None,
    now: datetime | None = None,
) -> ModerationAction:
    """The reports are unfounded: close them, leaving the item (or the account) as it is. A
    hidden item is restored instead (which dismisses its reports) or its hiding confirmed."""
    now = _moderating(moderator, now)
    target = _lock(target)
    _check_expected(target, expected)
    if not isinstance(target, User) and target.moderation_state == ModerationState.HIDDEN:
        raise Conflict(
            _("Está oculto: restáurelo si las denuncias no tienen fundamento, o confirme que "
              "queda oculto con un motivo.")
        )
    closed = _close_reports(target, ReportStatus.DISMISSED, moderator, now)
    if not closed:
        raise Conflict(_("No tiene denuncias abiertas."))
    action = _action(moderator=moderator, kind=ActionKind.DISMISS, target=target, now=now)
    db.session.flush()
    record(actor=moderator, action="moderation.dismiss", target=target,
           before={"open_reports": len(closed)},
           after={"open_reports": 0, "reports_dismissed": closed})
    return action


def approve(
    *,
    moderator: User,
    target: Content,
    expected: str | None = None,
    now: datetime | None = None,
) -> ModerationAction:
    """Publish a proposal or comment that was waiting for approval (pre-moderation)."""
    now = _moderating(moderator, now)
    return _decide(
        target, moderator=moderator, expected=expected, now=now,
        refusal=_conflict_unless(lambda item: item.moderation_state == ModerationState.PENDING,
                                 _("No está esperando aprobación.")),
        change=lambda item: item.approve(),
        kind=ActionKind.APPROVE, event="moderation.approve",
        tell=lambda item: _tell_approved(item, moderator),
    )


def _tell_approved(item: Content, moderator: User) -> None:
    """Its author hears it is published; a comment also reaches, now and only now, those it
    concerns (the author of the proposal or of the comment it answers), as it would have
    when posted had it not waited (approval happens once: only a pending item is approved)."""
    _notify_author(item, CONTENT_APPROVED)
    if isinstance(item, Comment):
        tell_published(item, actor=moderator)


# Decisions on accounts ----------------------------------------------------------------------


def block_user(
    *,
    moderator: User,
    user: User,
    reason: str | None,
    until: datetime | None = None,
    expected: str | None = None,
    now: datetime | None = None,
) -> ModerationAction:
    """Block a participant (no posting, commenting, supporting, voting or reporting) until
    ``until`` (aware; None: until unblocked), with a reason they are told. Every session of
    the person ends (the session epoch is raised). Blocking a blocked person changes the
    reason or the end. Their open reports are resolved as attended."""
    now = _moderating(moderator, now)
    text = _checked_text(reason, field="reason", missing=_(
        "Escriba el motivo: la persona lo leerá en el aviso del bloqueo."))
    if until is not None and until <= now:
        raise Invalid(
            _("La fecha de fin del bloqueo ya pasó. Elija una fecha futura, o déjela en "
              "blanco para bloquear hasta que se desbloquee."),
            field="until",
        )
    return _decide(
        user, moderator=moderator, expected=expected, now=now,
        refusal=lambda person: permissions.block_refusal(moderator, person),
        change=lambda person: _block(person, reason=text, at=now, until=until),
        kind=ActionKind.BLOCK, event="user.block", logged_reason=text,
        close=ReportStatus.ACTED, after={"sessions_ended": True},
        tell=lambda person: _notify_account(person, ACCOUNT_BLOCKED, reason=text,
                                            until=_iso(until)),
    )


def unblock_user(
    *,
    moderator: User,
    user: User,
    note: str | None = None,
    expected: str | None = None,
    now: datetime | None = None,
) -> ModerationAction:
    """Lift a block (also one whose end date passed, to clear it)."""
    return _undo(
        user, moderator=moderator, note=note, expected=expected, now=now,
        refusal=_conflict_unless(lambda person: person.blocked_at is not None,
                                 _("Esta cuenta no está bloqueada.")),
        change=_unblock, kind=ActionKind.UNBLOCK, event="user.unblock",
        tell=lambda person, note: _notify_account(person, ACCOUNT_UNBLOCKED, note=note),
    )


# Reason templates ---------------------------------------------------------------------------


def _template_fields(template: ReasonTemplate) -> dict[str, Any]:
    return {"title": template.title, "body": template.body, "is_active": template.is_active}


def _clean_template(title: str | None, body: str | None) -> tuple[str, str]:
    title = _checked_text(" ".join((title or "").split()), field="title",
                          maximum=TEMPLATE_TITLE_MAX)
    return title, _checked_text(body, field="body")


def _title_taken() -> Invalid:
    return Invalid(_("Ya hay un motivo con ese título."), field="title")


def _check_title_free(title: str, exclude_id: int | None = None) -> None:
    statement = sa.select(ReasonTemplate.id).where(
        sa.func.lower(ReasonTemplate.title) == title.lower()
    )
    if exclude_id is not None:
        statement = statement.where(ReasonTemplate.id != exclude_id)
    if db.session.scalar(statement) is not None:
        raise _title_taken()


def create_template(*, moderator: User, title: str, body: str) -> ReasonTemplate:
    enforce(permissions.moderate_refusal(moderator))
    title, body = _clean_template(title, body)
    _check_title_free(title)
    template = ReasonTemplate(title=title, body=body, is_active=True)
    if not inserted(template):
        raise _title_taken()
    record(actor=moderator, action="reason_template.create", target=template,
           after=_template_fields(template))
    return template


def update_template(
    *, moderator: User, template: ReasonTemplate, title: str, body: str, is_active: bool
) -> bool:
    """Change a template (decisions already taken keep the text they were given); whether
    anything changed (an unchanged form writes no event)."""
    enforce(permissions.moderate_refusal(moderator))
    title, body = _clean_template(title, body)
    _check_title_free(title, exclude_id=template.id)
    before = _template_fields(template)
    try:
        with db.session.begin_nested():
            template.title, template.body, template.is_active = title, body, bool(is_active)
    except sa.exc.IntegrityError:
        raise _title_taken() from None
    after = _template_fields(template)
    if before == after:
        return False
    changed = [key for key in after if before[key] != after[key]]
    record(actor=moderator, action="reason_template.update", target=template,
           before={key: before[key] for key in changed},
           after={key: after[key] for key in changed})
    return True


def template_in_use(template: ReasonTemplate) -> bool:
    return db.session.scalar(
        sa.select(sa.literal(True)).where(ModerationAction.template_id == template.id).limit(1)
    ) is not None


def delete_template(*, moderator: User, template: ReasonTemplate) -> None:
    """Delete a template nobody used yet; a used one is kept (the log names it) and can be
    deactivated instead."""
    enforce(permissions.moderate_refusal(moderator))
    if template_in_use(template):
        raise Conflict(
            _("Este motivo ya se usó en decisiones: no se puede eliminar, pero puede "
              "desactivarlo para que no se ofrezca más.")
        )
    record(actor=moderator, action="reason_template.delete", target=template,
           before=_template_fields(template))
    db.session.delete(template)
    db.session.flush()
