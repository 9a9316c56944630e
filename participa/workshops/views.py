"""A round's workshops (public), recording one (the MTGA), and a workshop's page."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required

from ..accounts.models import Sector
from ..base.errors import enforce
from ..base.extensions import db
from ..consultations.models import ConsultationRound
from ..i18n.languages import BY_CODE
from ..web import slots
from ..web.current import user as current_person
from ..web.forms import form_status, refusals_on
from . import bp, permissions, queries, services
from .forms import WorkshopForm

# What upper features show on a workshop's page (proposals: those gathered there).
WORKSHOP_CONTRIBUTIONS = "workshop.contributions"


def _languages(workshop) -> list[str]:
    return [BY_CODE[code].autonym for code in workshop.language_codes if code in BY_CODE]


@bp.route("/consultas/<int:round_id>/talleres")
def round_list(round_id: int):
    round = db.get_or_404(ConsultationRound, round_id)
    return render_template(
        "workshops/list.html", round=round, workshops=queries.round_workshops(round),
        languages=_languages, can_record=permissions.can_record(current_person()),
    )


def _counts(form: WorkshopForm) -> list[services.Count]:
    return [
        services.Count(sector=sector, total=form[f"total_{sector.value}"].data,
                       women=form[f"women_{sector.value}"].data,
                       men=form[f"men_{sector.value}"].data)
        for sector in Sector
    ]


@bp.route("/consultas/<int:round_id>/talleres/nuevo", methods=["GET", "POST"])
@login_required
def new(round_id: int):
    round = db.get_or_404(ConsultationRound, round_id)
    staff = current_person()
    enforce(permissions.record_refusal(staff))
    form = WorkshopForm()
    if form.validate_on_submit():
        with refusals_on(form, form_level=True):
            workshop = services.record_workshop(
                staff=staff, round=round, title=form.title.data, held_on=form.held_on.data,
                department_code=form.department_code.data,
                municipality_code=form.municipality_code.data, place=form.place.data,
                languages=form.languages.data or [], facilitators=form.facilitators.data,
                counts=_counts(form),
            )
            flash(_("El taller quedó registrado. Ahora puede registrar las propuestas "
                    "recogidas en él."), "success")
            return redirect(url_for(".show", workshop_id=workshop.id))
    return render_template("workshops/form.html", round=round, form=form,
                           sectors=list(Sector)), form_status(form)


@bp.route("/talleres/<int:workshop_id>")
def show(workshop_id: int):
    workshop = queries.workshop_or_none(workshop_id)
    if workshop is None:
        abort(404)
    user = current_person()
    return render_template(
        "workshops/show.html", workshop=workshop, round=workshop.round,
        languages=_languages(workshop), can_record=permissions.can_record(user),
        slots=slots.gather(WORKSHOP_CONTRIBUTIONS, workshop=workshop, user=user),
    )
