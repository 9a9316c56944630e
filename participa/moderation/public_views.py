"""Reporting (signed-in participants) and the public moderation log, as a page and as CSV.

The log shows every decision: when, what (hidden, restored, reports dismissed, approved,
account blocked or unblocked), on what (a proposal, a comment, a translation or an account;
a link while the item is public, never a translation's text; "Contenido oculto"
and its reference otherwise; never the name of a blocked person), why, and by whom: "Mesa
Técnica de Gobierno Abierto" (the forum decides, not a person; the administrators' audit log
names the moderator) or "Automático, tras varias denuncias". Never who reported.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required
from sqlalchemy.orm import joinedload

from ..accounts.models import User
from ..assessments.models import AssessmentKind
from ..base.errors import enforce
from ..base.extensions import db
from ..base.time import iso_utc
from ..comments.models import Comment
from ..content.visibility import is_public
from ..content_translation import kinds
from ..content_translation.models import ContentTranslation
from ..i18n.selection import language_name
from ..plans.models import CommitmentVersion
from ..proposals.models import Proposal
from ..web import current
from ..web.api import csv_response
from ..web.args import page_number, query_args
from ..web.forms import form_status, notice, refusals_on
from ..web.pagination import paginate
from ..web.ratelimits import participation_limits
from ..web.security import safe_next
from . import permissions, public_bp, queries, services
from .forms import ReportForm
from .models import ModerationAction

LOG_PER_PAGE = 50
REPORT_KINDS = {"propuesta": "proposal", "comentario": "comment", "persona": "user"}
Sources = dict[tuple[str, int], kinds.Source]
CSV_FIELDS = ("id", "created_at", "action", "action_label", "target_type", "target_id",
              "reference", "url", "reason", "decided_by")


# Reporting ------------------------------------------------------------------------------------


def _report_target(kind: str, target_id: int) -> Any:
    """The item reported, if it exists for the person: a pending proposal or comment exists
    only for its author and the moderators (``visibility.can_see_item``), a 404 for anyone
    else here too, so the report page does not tell that it exists."""
    if kind in ("propuesta", "comentario"):
        if kind == "propuesta":
            item = db.get_or_404(Proposal, target_id)
        else:
            item = db.first_or_404(
                sa.select(Comment).where(Comment.id == target_id)
                .options(joinedload(Comment.author), joinedload(Comment.proposal),
                         joinedload(Comment.version).joinedload(CommitmentVersion.commitment))
            )
        return current.visible_or_404(item)
    user = db.get_or_404(User, target_id)
    if user.is_deleted:
        abort(404)
    return user


def _target_url(target: Any) -> str:
    if isinstance(target, Proposal):
        return url_for("proposals.show", proposal_id=target.id)
    if isinstance(target, Comment):
        return url_for("comments.permalink", comment_id=target.id)
    return url_for("core.home")


@public_bp.route("/denunciar/<any(propuesta, comentario, persona):kind>/<int:target_id>",
                 methods=["GET", "POST"])
@login_required
@participation_limits("reports")
def report(kind: str, target_id: int):
    target = _report_target(kind, target_id)
    user = current.user()
    enforce(permissions.report_refusal(user, target))
    back = safe_next(request.values.get("next"), _target_url(target))
    form = ReportForm()
    if form.validate_on_submit():
        with refusals_on(form, form_level=True):
            services.report(reporter=user, target=target, reason=form.reason.data,
                            details=form.details.data)
            flash(_("Gracias. La moderación revisará su denuncia; nadie más sabrá que usted "
                    "la hizo."), "success")
            return redirect(back, code=303)
    return render_template("moderation/report.html", form=form, target=target,
                           kind=REPORT_KINDS[kind], back=back,
                           error=notice(form)), form_status(form)


# The public moderation log --------------------------------------------------------------------


_ASSESSMENT_COMMENT = {
    AssessmentKind.MID_TERM: _l("Comentario en la autoevaluación de medio término del plan "
                                "«%(title)s»"),
    AssessmentKind.END_OF_TERM: _l("Comentario en la autoevaluación de fin de término del "
                                   "plan «%(title)s»"),
}


def _comment_text(comment: Comment) -> str:
    """Where a public comment is, as one whole sentence per place (a kind's label put in
    lower case inside a sentence breaks in languages whose words agree with it)."""
    if comment.proposal is not None:
        return _("Comentario en la propuesta %(reference)s",
                 reference=comment.proposal.reference)
    if comment.assessment is not None:
        return str(_ASSESSMENT_COMMENT[comment.assessment.kind]) % {
            "title": comment.assessment.plan.title}
    return _("Comentario en el borrador «%(title)s»", title=comment.version.commitment.title)


def _translation_item(translation: ContentTranslation, sources: Sources, *,
                      external: bool) -> dict[str, Any]:
    """A translation, while readers see it and the item it translates is public: the item's
    label and the language, linked to the item's translations; else only its number. Never
    its text."""
    item = {"type": "translation", "id": translation.id, "reference": "", "url": None}
    source = sources.get((translation.target_kind, translation.target_id))
    if (is_public(translation) and translation.is_approved and source is not None
            and source.public):
        item["text"] = _("Traducción al %(language)s de «%(label)s»",
                         language=language_name(translation.language), label=source.label)
        item["url"] = url_for("content_translation.item", kind=translation.target_kind,
                              item_id=translation.target_id, _external=external,
                              _anchor=f"traduccion-{translation.id}")
    else:
        item["text"] = _("Contenido oculto (traducción %(id)d)", id=translation.id)
    return item


def _item(action: ModerationAction, sources: Sources, *,
          external: bool = False) -> dict[str, Any]:
    """What the decision was about, for the public: the link only while it is public."""
    if action.proposal is not None:
        proposal = action.proposal
        item = {"type": "proposal", "id": proposal.id, "reference": proposal.reference,
                "url": None}
        if is_public(proposal):
            item["text"] = f"{proposal.reference} «{proposal.title}»"
            item["url"] = url_for("proposals.show", proposal_id=proposal.id,
                                  _external=external)
        else:
            item["text"] = _("Contenido oculto (%(reference)s)", reference=proposal.reference)
        return item
    if action.comment is not None:
        comment = action.comment
        item = {"type": "comment", "id": comment.id, "reference": "", "url": None}
        if is_public(comment):
            item["text"] = _comment_text(comment)
            item["url"] = url_for("comments.permalink", comment_id=comment.id,
                                  _external=external)
        else:
            item["text"] = _("Contenido oculto (comentario %(id)d)", id=comment.id)
        return item
    if action.translation is not None:
        return _translation_item(action.translation, sources, external=external)
    # The person is not named: the log is about the platform's decisions, not a list of
    # people (their hidden contributions appear on lines of their own).
    return {"type": "user", "id": None, "reference": "",
            "text": _("Cuenta de una persona participante"), "url": None}


def translated_sources(actions: Iterable[ModerationAction]) -> Sources:
    """The items that the translations of ``actions`` translate: one statement per kind."""
    return kinds.sources({(a.translation.target_kind, a.translation.target_id)
                          for a in actions if a.translation is not None})


def log_entry(action: ModerationAction, sources: Sources | None = None, *,
              external: bool = False) -> dict[str, Any]:
    return {
        "id": action.id,
        "created_at": action.created_at,
        "action": action.action.value,
        "label": action.action.label,
        "item": _item(action, sources or {}, external=external),
        "reason": services.reason_text(action.reason),
        "decided_by": (_("Mesa Técnica de Gobierno Abierto") if action.moderator_id is not None
                       else _("Automático, tras varias denuncias")),
    }


def _log_page() -> int:
    return query_args({"page": page_number}).get("page", 1)


@public_bp.route("/moderacion/registro")
def log():
    pagination = paginate(queries.public_log(), page=_log_page(), per_page=LOG_PER_PAGE)
    sources = translated_sources(pagination.items)
    return render_template("moderation/log.html", pagination=pagination,
                           entries=[log_entry(action, sources) for action in pagination.items])


@public_bp.route("/moderacion/registro.csv")
def log_csv():
    if request.args:
        abort(400)
    rows = []
    actions = list(db.session.scalars(queries.public_log()).unique())
    sources = translated_sources(actions)
    for action in actions:
        entry = log_entry(action, sources, external=True)
        item = entry["item"]
        rows.append({
            "id": entry["id"],
            "created_at": iso_utc(entry["created_at"]),
            "action": entry["action"],
            "action_label": entry["label"],
            "target_type": item["type"],
            "target_id": item["id"],
            "reference": item["reference"],
            "url": item["url"],
            "reason": entry["reason"],
            "decided_by": entry["decided_by"],
        })
    return csv_response(CSV_FIELDS, rows, "registro-de-moderacion.csv")
