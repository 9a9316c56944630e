"""Comments on draft commitments gathered at a workshop, entered on its behalf by staff
(issue 19, item 2): the form (one comment after another), and the comments on the
workshop's page (slot ``workshop.contributions``)."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required
from sqlalchemy.orm import joinedload

from ..base.errors import enforce
from ..base.extensions import db
from ..content.visibility import ModerationState
from ..plans.models import Commitment, CommitmentStatus, CommitmentVersion
from ..web.current import user as current_person
from ..web.forms import form_status, notice, refusals_on
from ..workshops.models import Workshop
from . import bp, permissions, services
from .forms import WorkshopCommentForm, parse_anchor
from .models import Comment


def _workshop(workshop_id: int) -> Workshop:
    workshop = db.session.get(Workshop, workshop_id)
    if workshop is None:
        abort(404)
    return workshop


def _drafts(workshop: Workshop) -> list[Commitment]:
    return list(db.session.scalars(
        sa.select(Commitment).where(Commitment.round_id == workshop.round_id,
                                    Commitment.status == CommitmentStatus.DRAFT)
        .order_by(Commitment.number, Commitment.id)))


@bp.route("/talleres/<int:workshop_id>/nuevo", methods=["GET", "POST"])
@login_required
def enter_from_workshop(workshop_id: int):
    """Staff type in a comment gathered at the workshop; on saving, the form comes back
    empty for the next one."""
    workshop = _workshop(workshop_id)
    staff = current_person()
    enforce(permissions.workshop_comments_refusal(staff, workshop))
    drafts = _drafts(workshop)
    form = WorkshopCommentForm().configure(drafts)
    if form.validate_on_submit():
        commitment = next((c for c in drafts if c.id == form.commitment.data), None)
        section, _milestone = parse_anchor(form.anchor.data)
        with refusals_on(form, form_level=True):
            services.enter_workshop_comment(
                staff=staff, workshop=workshop, commitment=commitment, body=form.body.data,
                stance=form.chosen_stance(), section=section, language=form.language.data)
            flash(_("El comentario quedó registrado con su origen en el taller. Puede "
                    "registrar el siguiente."), "success")
            return redirect(url_for(".enter_from_workshop", workshop_id=workshop.id))
    return render_template(
        "comments/workshop_form.html", workshop=workshop, form=form, drafts=drafts,
        error=notice(form),
    ), form_status(form)


def workshop_comments(*, workshop: Workshop, user: object, **_context: object) -> dict:
    """The workshop page's comments on drafts (those the public sees), with staff's link
    when the workshop takes them."""
    comments = list(db.session.scalars(
        sa.select(Comment).where(Comment.workshop_id == workshop.id,
                                 Comment.moderation_state == ModerationState.VISIBLE)
        .options(joinedload(Comment.version).joinedload(CommitmentVersion.commitment))
        .order_by(Comment.id)))
    return {"workshop": workshop, "comments": comments,
            "can_enter": permissions.workshop_comments_refusal(user, workshop) is None}
