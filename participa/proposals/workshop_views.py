"""What the MTGA gathered at a workshop, entered on its behalf: the proposal form for staff
(one proposal after another), the printable paper form with the same fields, and the
proposals on the workshop's page (slot ``workshop.contributions``)."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required

from ..accounts.models import Sector
from ..base.errors import enforce
from ..base.extensions import db
from ..content.visibility import ModerationState
from ..i18n.languages import BY_CODE
from ..web.current import user as current_person
from ..web.forms import form_status, notice, refusals_on
from ..workshops.models import Workshop
from ..workshops.permissions import can_record
from . import bp, permissions, services
from .forms import WorkshopProposalForm
from .models import TEXT_FIELDS, OgpValue, Proposal
from .views import institution_names


def _workshop(workshop_id: int) -> Workshop:
    workshop = db.session.get(Workshop, workshop_id)
    if workshop is None:
        abort(404)
    return workshop


def _form(workshop: Workshop, **kwargs) -> WorkshopProposalForm:
    return WorkshopProposalForm(**kwargs).for_round(list(workshop.round.plan.axes), [])


@bp.route("/talleres/<int:workshop_id>/propuestas/nueva", methods=["GET", "POST"])
@login_required
def enter_from_workshop(workshop_id: int):
    """Staff type a paper form in; on saving, the form comes back empty for the next one."""
    workshop = _workshop(workshop_id)
    staff = current_person()
    enforce(permissions.workshop_entry_refusal(staff, workshop))
    form = _form(workshop)
    if form.validate_on_submit():
        axis = None
        if "axis" in form and form.axis.data is not None:
            axis = next((a for a in workshop.round.plan.axes if a.id == form.axis.data), None)
        with refusals_on(form, form_level=True):
            proposal = services.enter_workshop_proposal(
                staff=staff, workshop=workshop, sector=form.sector.data or None, axis=axis,
                values=form.chosen_values(), language=form.language.data,
                **{name: form[name].data for name in TEXT_FIELDS},
            )
            flash(_("La propuesta %(reference)s quedó registrada con su origen en el taller. "
                    "Puede registrar la siguiente.", reference=proposal.reference), "success")
            return redirect(url_for(".enter_from_workshop", workshop_id=workshop.id))
    return render_template(
        "proposals/workshop_form.html", workshop=workshop, round=workshop.round, form=form,
        error=notice(form), institutions=institution_names(),
    ), form_status(form)


@bp.route("/talleres/<int:workshop_id>/formulario")
def paper_form(workshop_id: int):
    """The proposal form to print for a workshop on paper: the same questions, the plan's
    axes, the values and the sectors, in light black-on-white HTML."""
    workshop = _workshop(workshop_id)
    return render_template(
        "proposals/paper_form.html", workshop=workshop, round=workshop.round,
        axes=list(workshop.round.plan.axes), values=list(OgpValue), sectors=list(Sector),
        languages=[BY_CODE[code].autonym for code in workshop.language_codes
                   if code in BY_CODE],
    )


def workshop_contributions(*, workshop: Workshop, user: object, **_context: object) -> dict:
    """The workshop page's proposals (those the public sees), with staff's links."""
    proposals = list(db.session.scalars(
        sa.select(Proposal).where(Proposal.workshop_id == workshop.id,
                                  Proposal.moderation_state == ModerationState.VISIBLE)
        .order_by(Proposal.id)
    ))
    return {"workshop": workshop, "proposals": proposals,
            "can_enter": can_record(user)}
