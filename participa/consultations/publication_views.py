""""Publicar el plan": the administrators' page of a round's publication (on ``admin_bp``,
which is for administrators only)."""

from __future__ import annotations

import sqlalchemy as sa
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import joinedload, selectinload

from ..base.extensions import db
from ..base.time import utcnow
from . import admin_bp, publication
from .forms import PublishForm
from .models import ConsultationRound
from .phases import phase_of

CONFLICT = 409
INVALID = 422


def _render(round: ConsultationRound, form: PublishForm, *, error: str | None = None,
            status: int = 200):
    now = utcnow()
    state = publication.readiness(round)
    return render_template(
        "consultations/admin_publish.html",
        round=round,
        form=form,
        state=state,
        phase=phase_of(round, publication.PUBLICATION_PHASE),
        publication_open=publication.publication_open(round, now),
        unfinished_message=(publication.unfinished_message(len(state.unfinished))
                            if state.unfinished else None),
        error=error,
    ), status


@admin_bp.route("/<int:round_id>/publicar", methods=["GET", "POST"])
def publish(round_id: int):
    round = db.first_or_404(
        sa.select(ConsultationRound)
        .where(ConsultationRound.id == round_id)
        .options(selectinload(ConsultationRound.phases), joinedload(ConsultationRound.plan))
    )
    form = PublishForm()
    if not form.validate_on_submit():
        return _render(round, form, status=INVALID if form.is_submitted() else 200)
    try:
        publication.publish_plan(
            actor=current_user._get_current_object(),
            round=round,
            omit_unfinished=form.omit_unfinished.data,
        )
    except publication.PublicationError as error:
        db.session.rollback()
        return _render(round, form, error=str(error), status=CONFLICT)
    db.session.commit()
    flash(_("Se publicó el plan «%(title)s».", title=round.plan.title), "success")
    return redirect(url_for("publication.document", plan_id=round.plan_id), code=303)
