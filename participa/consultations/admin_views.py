"""Consultation rounds in the administration. The MTGA runs its rounds (moderators and
administrators, ``round_runners_only`` blueprint-wide: the list, the form, the publication);
creating a round is the administrators' (``setup_refusal``)."""

from __future__ import annotations

import sqlalchemy as sa
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload, selectinload

from ..accounts.guards import round_runners_only
from ..base.errors import enforce
from ..base.extensions import db
from ..base.time import utcnow
from ..plans.models import ActionPlan
from ..web.current import user as current_person
from ..web.forms import form_status, refusals_on
from . import admin_bp, services
from .forms import RoundForm
from .models import ConsultationRound
from .permissions import setup_refusal
from .phases import current_phase

round_runners_only(admin_bp)


def _plans() -> list[ActionPlan]:
    return list(db.session.scalars(sa.select(ActionPlan).order_by(ActionPlan.number.desc())))


def _values(form: RoundForm) -> dict:
    return {
        "plan": db.session.get(ActionPlan, form.plan.data),  # one of the choices offered
        "title": form.title.data,
        "description": form.description.data,
        "language": form.language.data or None,
        "max_supports_per_user": form.max_supports_per_user.data,
        "max_votes_per_user": form.max_votes_per_user.data,
        "results_visibility": form.results_visibility.data,
        "premoderation_account_days": form.premoderation_account_days.data,
        "phases": form.schedule(),
    }


@admin_bp.route("/")
def index():
    rounds = db.session.scalars(
        sa.select(ConsultationRound)
        .options(selectinload(ConsultationRound.phases), joinedload(ConsultationRound.plan))
        .order_by(ConsultationRound.created_at.desc(), ConsultationRound.id.desc())
    ).unique().all()
    return render_template(
        "consultations/admin_index.html", rounds=rounds, now=utcnow(),
        current_phase=current_phase, can_create=setup_refusal(current_person()) is None,
    )


@admin_bp.route("/nueva", methods=["GET", "POST"])
def create():
    enforce(setup_refusal(current_person()))
    plans = _plans()
    form = RoundForm(plans=plans)
    if form.validate_on_submit():
        with refusals_on(form):  # every refusal of the service names one of its fields
            round = services.create_round(actor=current_person(), **_values(form))
            flash(_("Se creó la consulta «%(title)s».", title=round.title), "success")
            return redirect(url_for(".edit", round_id=round.id))
    return render_template(
        "consultations/admin_form.html", form=form, round=None, has_plans=bool(plans)
    ), form_status(form)


@admin_bp.route("/<int:round_id>/editar", methods=["GET", "POST"])
def edit(round_id: int):
    round = db.get_or_404(ConsultationRound, round_id)
    plans = _plans()
    form = RoundForm(plans=plans, round=round)
    if form.validate_on_submit():
        with refusals_on(form):
            services.update_round(actor=current_person(), round=round, **_values(form))
            flash(_("Los cambios quedaron guardados."), "success")
            return redirect(url_for(".edit", round_id=round.id))
    return render_template(
        "consultations/admin_form.html", form=form, round=round, has_plans=bool(plans)
    ), form_status(form)
