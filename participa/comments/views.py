"""Writing comments and replies, editing them for a short while, their earlier texts, and a
permalink. The threads themselves are shown by the partials that the proposal page and the
commitment page include (``comments/_proposal_comments.html``,
``comments/_version_comments.html``); their forms post here. Invalid input re-renders the
form on a page of its own (422) with what was typed."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload, selectinload

from ..accounts.blocking import blocked_message
from ..base.extensions import db
from ..consultations.permissions import is_blocked
from ..content.visibility import can_see_item, can_see_text, is_hidden, is_pending
from ..organizations.permissions import organizations_user_can_act_for
from ..plans.models import CommitmentVersion
from ..proposals.models import Proposal
from ..web.errors import TITLES
from ..web.ratelimits import participation_limits
from . import bp, permissions, services
from .forms import CommentForm, EditForm, ReplyForm, anchor_choices
from .models import Comment
from .threads import PAGE_ARG, THREAD_ARG, comment_page, thread_root_id

INVALID = 422
FORBIDDEN = 403
CONFLICT = 409


def _user():
    return current_user._get_current_object()


# One budget for every post of this blueprint: comments, replies and edits together, per
# person (RATELIMIT_COMMENTS) and per address (RATELIMIT_COMMENTS_PER_ADDRESS).
posting_limit = participation_limits("comments")


def _refuse(status: int, message: str, *, title: str | None = None):
    title = title or str(TITLES.get(status, TITLES[400]))
    return render_template(
        "errors/error.html", code=status, title=title, explanation=message
    ), status


def _cannot_participate():
    """The 403 for someone signed in who may not comment: blocked by the moderation (with
    the reason and the end of the block), or with an unconfirmed address."""
    user = _user()
    if is_blocked(user):
        return _refuse(FORBIDDEN, blocked_message(user))
    return _refuse(
        FORBIDDEN,
        _("Confirme su correo electrónico para poder comentar. Si no recibió el correo, puede "
          "pedir que se lo enviemos de nuevo desde su perfil."),
    )


def _closed(error: services.CommentError):
    db.session.rollback()
    if isinstance(error, services.CommentBlocked):
        return _refuse(FORBIDDEN, str(error))
    return _refuse(CONFLICT, str(error), title=_("Los comentarios están cerrados aquí"))


def _published_message(comment: Comment, published: str) -> str:
    if is_pending(comment):
        return _("Su comentario espera la aprobación de la moderación: nadie más lo verá "
                 "hasta que lo aprueben.")
    return published


def _attach(form, error: services.CommentError) -> bool:
    """Put a service's refusal beside its field; False when it belongs to no field."""
    if error.field and error.field in form:
        form[error.field].errors = [*form[error.field].errors, str(error)]
        return True
    return False


def comment_url(comment: Comment) -> str:
    """The comment on its page (the proposal, or the commitment at the comment's version)."""
    anchor = f"comentario-{comment.id}"
    if comment.proposal_id is not None:
        page = comment_page(comment)
        # A reply may be past the first ones of its thread: the link opens the thread.
        thread = {THREAD_ARG: thread_root_id(comment)} if comment.parent_id is not None else {}
        return url_for("proposals.show", proposal_id=comment.proposal_id, _anchor=anchor,
                       **({PAGE_ARG: page} if page > 1 else {}), **thread)
    version = comment.version
    return url_for("plans.commitment", commitment_id=version.commitment_id,
                   version=version.number, _anchor=anchor)


def where_label(comment: Comment) -> str:
    """What the comment is on, for the pages of one comment (a proposal that the person may
    not read is named by its code only)."""
    if comment.proposal_id is not None:
        proposal = comment.proposal
        if not can_see_text(_user(), proposal):
            return _("la propuesta %(reference)s", reference=proposal.reference)
        return _("la propuesta %(reference)s «%(title)s»", reference=proposal.reference,
                 title=proposal.title)
    version = comment.version
    return _("el borrador «%(title)s», versión %(number)d", title=version.commitment.title,
             number=version.number)


def _outcome(comment: Comment, message: str) -> tuple[str, str, str]:
    """Where to go and what to say after posting: read before the commit, which expires the
    rows (reading them afterwards would load them again)."""
    return (comment_url(comment), _published_message(comment, message),
            "info" if is_pending(comment) else "success")


def _done(outcome: tuple[str, str, str]):
    url, message, category = outcome
    flash(message, category)
    return redirect(url, code=303)


def _load_comment(comment_id: int) -> Comment:
    """The comment, if it exists for the person (a pending one only for its author and
    moderators; a 404 for anyone else)."""
    comment = db.first_or_404(
        sa.select(Comment)
        .where(Comment.id == comment_id)
        .options(joinedload(Comment.author), joinedload(Comment.organization))
    )
    if not can_see_item(_user(), comment):
        abort(404)
    return comment


def _load_proposal(proposal_id: int) -> Proposal:
    proposal = db.get_or_404(Proposal, proposal_id)
    if not can_see_item(_user(), proposal):
        abort(404)
    return proposal


# New comments -------------------------------------------------------------------------------


def _render_new(form, *, proposal=None, version=None, status: int = 200):
    return render_template(
        "comments/new.html", form=form, proposal=proposal, version=version,
        commitment=version.commitment if version is not None else None,
    ), status


def _post_new(form: CommentForm, *, organizations, proposal=None, version=None):
    render = {"proposal": proposal, "version": version}
    if not form.validate_on_submit():
        return _render_new(form, **render, status=INVALID if form.is_submitted() else 200)
    section, milestone_number = form.chosen_anchor()
    try:
        comment = services.post_comment(
            author=_user(), body=form.body.data, proposal=proposal, version=version,
            organization=form.chosen_organization(organizations),
            stance=form.chosen_stance(), section=section, milestone_number=milestone_number,
        )
    except services.CommentError as error:
        db.session.rollback()
        if _attach(form, error):
            return _render_new(form, **render, status=INVALID)
        return _closed(error)
    outcome = _outcome(comment, _("Su comentario quedó publicado."))
    db.session.commit()
    return _done(outcome)


@bp.route("/propuestas/<int:proposal_id>/nuevo", methods=["GET", "POST"])
@login_required
@posting_limit
def new_on_proposal(proposal_id: int):
    proposal = _load_proposal(proposal_id)
    if not permissions.can_comment(_user()):
        return _cannot_participate()
    try:
        services.require_proposal_open(proposal)
    except services.CommentError as error:
        return _closed(error)
    organizations = organizations_user_can_act_for(_user())
    form = CommentForm().configure(organizations=organizations)
    return _post_new(form, organizations=organizations, proposal=proposal)


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
    if not permissions.can_comment(_user()):
        return _cannot_participate()
    try:
        services.require_draft_open(version)
        services.require_newest(version)
    except services.CommentError as error:
        return _closed(error)
    organizations = organizations_user_can_act_for(_user())
    form = CommentForm().configure(
        organizations=organizations, anchors=anchor_choices(list(version.milestones))
    )
    return _post_new(form, organizations=organizations, version=version)


# Replies ------------------------------------------------------------------------------------


@bp.route("/<int:comment_id>/responder", methods=["GET", "POST"])
@login_required
@posting_limit
def reply(comment_id: int):
    parent = _load_comment(comment_id)
    if not permissions.can_comment(_user()):
        return _cannot_participate()
    try:
        services.require_open_for(parent)
        services.require_public(parent)
    except services.CommentError as error:
        return _closed(error)
    organizations = organizations_user_can_act_for(_user())
    form = ReplyForm().configure(organizations=organizations)
    attach_to = services.reply_parent(parent)

    def render(status: int = 200):
        return render_template(
            "comments/reply.html", form=form, parent=parent, attach_to=attach_to,
            back=comment_url(parent), where=where_label(parent),
        ), status

    if not form.validate_on_submit():
        return render(INVALID if form.is_submitted() else 200)
    try:
        answer = services.post_reply(
            author=_user(), parent=parent, body=form.body.data,
            organization=form.chosen_organization(organizations),
        )
    except services.CommentError as error:
        db.session.rollback()
        if _attach(form, error):
            return render(INVALID)
        return _closed(error)
    outcome = _outcome(answer, _("Su respuesta quedó publicada."))
    db.session.commit()
    return _done(outcome)


# Editing and earlier texts ----------------------------------------------------------------


@bp.route("/<int:comment_id>/editar", methods=["GET", "POST"])
@login_required
@posting_limit
def edit(comment_id: int):
    comment = _load_comment(comment_id)
    user = _user()
    if user.id != comment.author_id:
        return _refuse(FORBIDDEN, _("Solo quien escribió el comentario puede modificarlo."))
    if not permissions.can_comment(user):
        return _cannot_participate()
    if is_hidden(comment):
        return _refuse(CONFLICT, _("La moderación ocultó el comentario: ya no se puede "
                                   "modificar."), title=_("Ya no se puede modificar"))
    if not permissions.within_edit_window(comment):
        return _refuse(CONFLICT, services.edit_window_message(),
                       title=_("Ya no se puede modificar"))
    try:
        services.require_open_for(comment)
    except services.CommentError as error:
        return _closed(error)
    form = EditForm(data={"body": comment.body})

    def render(status: int = 200):
        return render_template(
            "comments/edit.html", form=form, comment=comment,
            edit_until=permissions.edit_deadline(comment), back=comment_url(comment),
            where=where_label(comment),
        ), status

    if not form.validate_on_submit():
        return render(INVALID if form.is_submitted() else 200)
    try:
        changed = services.edit_comment(editor=user, comment=comment, body=form.body.data)
    except services.CommentError as error:
        db.session.rollback()
        if _attach(form, error):
            return render(INVALID)
        if isinstance(error, services.CommentBlocked):
            return _refuse(FORBIDDEN, str(error))
        return _refuse(CONFLICT, str(error), title=_("Ya no se puede modificar"))
    outcome = _outcome(comment, _("Su comentario quedó modificado. El texto anterior sigue "
                                  "disponible en su historial."))
    db.session.commit()
    if not changed:
        flash(_("No cambió el texto: el comentario quedó como estaba."), "info")
        return redirect(outcome[0], code=303)
    return _done(outcome)


@bp.route("/<int:comment_id>/historial")
def history(comment_id: int):
    comment = db.first_or_404(
        sa.select(Comment)
        .where(Comment.id == comment_id)
        .options(joinedload(Comment.author), joinedload(Comment.organization),
                 selectinload(Comment.revisions))
    )
    if not can_see_item(_user(), comment):
        abort(404)
    readable = can_see_text(_user(), comment)
    return render_template(
        "comments/history.html", comment=comment, back=comment_url(comment),
        where=where_label(comment), readable=readable,
        # The earlier texts of a hidden comment are hidden with it.
        revisions=list(reversed(comment.revisions)) if readable else [],
    )


@bp.route("/<int:comment_id>")
def permalink(comment_id: int):
    comment = _load_comment(comment_id)
    return redirect(comment_url(comment))

