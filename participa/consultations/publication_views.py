""""Publicar el plan": the administrators' page of a round's publication (on ``admin_bp``,
which is for administrators only)."""

from __future__ import annotations

import sqlalchemy as sa
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload, selectinload

from ..base.extensions import db
from ..base.time import utcnow
from ..web.current import user as current_person
from ..web.forms import form_status, notice, refusals_on
from . import admin_bp, publication
from .forms import PublishForm
from .models import ConsultationRound
from .phases import phase_of


def _render(round: ConsultationRound, form: PublishForm):
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
        error=notice(form),  # a refusal of the service (409)
    ), form_status(form)


@admin_bp.route("/<int:round_id>/publicar", methods=["GET", "POST"])
def publish(round_id: int):
    round = db.first_or_404(
        sa.select(ConsultationRound)
        .where(ConsultationRound.id == round_id)
        .options(selectinload(ConsultationRound.phases), joinedload(ConsultationRound.plan))
    )
    form = PublishForm()
    if form.validate_on_submit():
        with refusals_on(form, form_level=True):
            publication.publish_plan(actor=current_person(), round=round,
                                     omit_unfinished=form.omit_unfinished.data)
            flash(_("Se publicó el plan «%(title)s».", title=round.plan.title), "success")
            return redirect(url_for("publication.document", plan_id=round.plan_id), code=303)
    return _render(round, form)
