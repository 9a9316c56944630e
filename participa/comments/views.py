"""Writing comments and replies, editing them for a short while, their earlier texts, and a
permalink. The threads themselves are shown by the partials that the proposal page and the
commitment page include (``comments/_proposal_comments.html``,
``comments/_version_comments.html``); their forms post here. Invalid input re-renders the
form on a page of its own (422) with what was typed."""

from __future__ import annotations

import sqlalchemy as sa
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required
from sqlalchemy.orm import joinedload, selectinload

from ..assessments.models import AssessmentKind, SelfAssessment
from ..base.errors import enforce
from ..base.extensions import db
from ..content.visibility import can_see_text, is_pending
from ..organizations.permissions import organizations_user_can_act_for
from ..plans.models import CommitmentVersion
from ..proposals.models import Proposal
from ..tracking.models import ProgressUpdate, UpdateState
from ..web import current
from ..web.forms import form_status, refusals_on
from ..web.ratelimits import participation_limits
from . import bp, permissions, services
from .forms import CommentForm, EditForm, ReplyForm, anchor_choices
from .models import Comment
from .threads import PAGE_ARG, THREAD_ARG, comment_page, comment_place, thread_root_id

# One budget for every post of this blueprint: comments, replies and edits together, per
# person (RATELIMIT_COMMENTS) and per address (RATELIMIT_COMMENTS_PER_ADDRESS).
posting_limit = participation_limits("comments")


def _published_message(comment: Comment, published: str) -> str:
    if is_pending(comment):
        return _("Su comentario espera la aprobación de la moderación: nadie más lo verá "
                 "hasta que lo aprueben.")
    return published


def comment_url(comment: Comment) -> str:
    """The comment on its page (``threads.comment_place``), on a proposal at the page of
    threads that shows it."""
    endpoint, values = comment_place(comment)
    if endpoint == "proposals.show":
        page = comment_page(comment)
        if page > 1:
            values[PAGE_ARG] = page
        # A reply may be past the first ones of its thread: the link opens the thread.
        if comment.parent_id is not None:
            values[THREAD_ARG] = thread_root_id(comment)
    return url_for(endpoint, **values)


def where_sentence(comment: Comment) -> str:
    """The sentence that says what the comment is on, for the pages of one comment: one whole
    sentence per kind of place, never a phrase put inside another (words agree with what they
    name in many languages). A proposal that the person may not read is named by its code
    only."""
    if comment.assessment_id is not None:
        plan = comment.assessment.plan.title
        if comment.assessment.kind == AssessmentKind.MID_TERM:
            return _("Comentario sobre la autoevaluación de medio término del plan "
                     "«%(plan)s».", plan=plan)
        return _("Comentario sobre la autoevaluación de fin de término del plan «%(plan)s».",
                 plan=plan)
    if comment.proposal_id is not None:
        proposal = comment.proposal
        if not can_see_text(current.user(), proposal):
            return _("Comentario sobre la propuesta %(reference)s.",
                     reference=proposal.reference)
        return _("Comentario sobre la propuesta %(reference)s «%(title)s».",
                 reference=proposal.reference, title=proposal.title)
    if comment.update_id is not None:
        return _("Comentario sobre un informe de avance del compromiso «%(title)s».",
                 title=comment.update.commitment.title)
    version = comment.version
    return _("Comentario sobre el borrador «%(title)s», versión %(number)d.",
             title=version.commitment.title, number=version.number)


def _outcome(comment: Comment, message: str) -> tuple[str, str, str]:
    """Where to go and what to say after posting."""
    return (comment_url(comment), _published_message(comment, message),
            "info" if is_pending(comment) else "success")


def _done(outcome: tuple[str, str, str]):
    url, message, category = outcome
    flash(message, category)
    return redirect(url, code=303)


def _load_comment(comment_id: int) -> Comment:
    """The comment, if it exists for the person (a pending one only for its author and
    moderators; a 404 for anyone else)."""
    return current.visible_or_404(db.first_or_404(
        sa.select(Comment)
        .where(Comment.id == comment_id)
        .options(joinedload(Comment.author), joinedload(Comment.organization),
                 joinedload(Comment.workshop))
    ))


def _load_proposal(proposal_id: int) -> Proposal:
    return current.visible_or_404(db.get_or_404(Proposal, proposal_id))


# New comments -------------------------------------------------------------------------------


def _post_new(*, anchors=None, proposal=None, version=None, update=None, assessment=None):
    """The new comment's form (whom the person may speak for, the version's ``anchors``) on
    the thing the route loaded and checked, and its posting."""
    organizations = organizations_user_can_act_for(current.user())
    form = CommentForm().configure(organizations=organizations, anchors=anchors)
    if form.validate_on_submit():
        section, milestone_number = form.chosen_anchor()
        with refusals_on(form):
            comment = services.post_comment(
                author=current.user(), body=form.body.data, proposal=proposal,
                version=version, update=update, assessment=assessment,
                organization=form.chosen_organization(organizations),
                stance=form.chosen_stance(), section=section, milestone_number=milestone_number,
                language=form.language.data,
            )
            return _done(_outcome(comment, _("Su comentario quedó publicado.")))
    return render_template(
        "comments/new.html", form=form, proposal=proposal, version=version, update=update,
        assessment=assessment,
        commitment=(update.commitment if update is not None
                    else version.commitment if version is not None else None),
    ), form_status(form)


@bp.route("/propuestas/<int:proposal_id>/nuevo", methods=["GET", "POST"])
@login_required
@posting_limit
def new_on_proposal(proposal_id: int):
    proposal = _load_proposal(proposal_id)
    enforce(permissions.comment_refusal(current.user(), proposal))
    return _post_new(proposal=proposal)


@bp.route("/versiones/<int:version_id>/nuevo", methods=["GET", "POST"])
@login_required
@posting_limit
def new_on_version(version_id: int):
    version = db.first_or_404(
        sa.select(CommitmentVersion)
        .where(CommitmentVersion.id == version_id)
        .options(joinedload(CommitmentVersion.commitment),
                 selectinload(CommitmentVersion.milestones))
    )
    enforce(permissions.version_comment_refusal(current.user(), version))
    return _post_new(anchors=anchor_choices(list(version.milestones)), version=version)


@bp.route("/avances/<int:update_id>/nuevo", methods=["GET", "POST"])
@login_required
@posting_limit
def new_on_update(update_id: int):
    """A comment on a published progress update (any other is a 404 here)."""
    update = db.first_or_404(
        sa.select(ProgressUpdate)
        .where(ProgressUpdate.id == update_id, ProgressUpdate.state == UpdateState.PUBLISHED)
        .options(joinedload(ProgressUpdate.commitment))
    )
    enforce(permissions.update_comment_refusal(current.user(), update))
    return _post_new(update=update)


@bp.route("/autoevaluaciones/<int:assessment_id>/nuevo", methods=["GET", "POST"])
@login_required
@posting_limit
def new_on_assessment(assessment_id: int):
    """A comment on a self-assessment during its public comment period (409 outside it)."""
    assessment = db.first_or_404(
        sa.select(SelfAssessment).where(SelfAssessment.id == assessment_id)
        .options(joinedload(SelfAssessment.plan)))
    enforce(permissions.assessment_comment_refusal(current.user(), assessment))
    return _post_new(assessment=assessment)


# Replies ------------------------------------------------------------------------------------


@bp.route("/<int:comment_id>/responder", methods=["GET", "POST"])
@login_required
@posting_limit
def reply(comment_id: int):
    parent = _load_comment(comment_id)
    user = current.user()
    enforce(permissions.reply_refusal(user, parent))
    organizations = organizations_user_can_act_for(user)
    form = ReplyForm().configure(organizations=organizations)
    if form.validate_on_submit():
        with refusals_on(form):
            answer = services.post_reply(
                author=user, parent=parent, body=form.body.data,
                organization=form.chosen_organization(organizations),
                language=form.language.data,
            )
            return _done(_outcome(answer, _("Su respuesta quedó publicada.")))
    return render_template(
        "comments/reply.html", form=form, parent=parent, attach_to=services.reply_parent(parent),
        back=comment_url(parent), where=where_sentence(parent),
    ), form_status(form)


# Editing and earlier texts ----------------------------------------------------------------


@bp.route("/<int:comment_id>/editar", methods=["GET", "POST"])
@login_required
@posting_limit
def edit(comment_id: int):
    comment = _load_comment(comment_id)
    user = current.user()
    enforce(permissions.edit_refusal(user, comment))
    form = EditForm(data={"body": comment.body,
                          **({"language": comment.language} if comment.language else {})})
    if form.validate_on_submit():
        with refusals_on(form):
            if services.edit_comment(editor=user, comment=comment, body=form.body.data,
                                     language=form.language.data):
                return _done(_outcome(comment, _(
                    "Su comentario quedó modificado. El texto anterior sigue disponible en "
                    "su historial.")))
            flash(_("No cambió el texto: el comentario quedó como estaba."), "info")
            return redirect(comment_url(comment), code=303)
    return render_template(
        "comments/edit.html", form=form, comment=comment,
        edit_until=permissions.edit_deadline(comment), back=comment_url(comment),
        where=where_sentence(comment),
    ), form_status(form)


@bp.route("/<int:comment_id>/historial")
def history(comment_id: int):
    comment = current.visible_or_404(db.first_or_404(
        sa.select(Comment)
        .where(Comment.id == comment_id)
        .options(joinedload(Comment.author), joinedload(Comment.organization),
                 joinedload(Comment.workshop),
                 selectinload(Comment.revisions))
    ))
    readable = can_see_text(current.user(), comment)
    return render_template(
        "comments/history.html", comment=comment, back=comment_url(comment),
        where=where_sentence(comment), readable=readable,
        # The earlier texts of a hidden comment are hidden with it.
        revisions=list(reversed(comment.revisions)) if readable else [],
    )


@bp.route("/<int:comment_id>")
def permalink(comment_id: int):
    comment = _load_comment(comment_id)
    return redirect(comment_url(comment))

