"""The IRM's fields of a commitment, entered by an administrator (behind
``views.require_admin``): each save adds an entry (``plans.irm``)."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy.orm import contains_eager, selectinload

from ..base.errors import enforce
from ..base.extensions import db
from ..plans import irm
from ..plans.irm_forms import IrmForm
from ..plans.models import Commitment, IrmReview
from ..plans.permissions import irm_refusal
from ..web import current
from ..web.forms import form_status, refusals_on
from . import bp


def _commitment(commitment_id: int) -> Commitment:
    """The commitment with its plan and IRM entries (404; 409 for a draft)."""
    commitment = db.session.scalar(
        sa.select(Commitment).join(Commitment.plan)
        .where(Commitment.id == commitment_id)
        .options(contains_eager(Commitment.plan),
                 selectinload(Commitment.irm_reviews).joinedload(IrmReview.author))
    )
    if commitment is None:
        abort(404)
    enforce(irm_refusal(current.user(), commitment.status))
    return commitment


@bp.route("/compromisos/<int:commitment_id>/irm", methods=["GET", "POST"])
def irm_review(commitment_id: int):
    """The form starts from the current entry; saving adds the next one."""
    commitment = _commitment(commitment_id)
    if request.method == "GET":
        entry = commitment.irm
        form = IrmForm.initial(irm.IrmValues.of(entry), entry.source_url if entry else "")
    else:
        form = IrmForm()
        if form.validate_on_submit():
            with refusals_on(form):
                irm.record_review(actor=current.user(), commitment=commitment,
                                  values=form.values(), source_url=form.source_url.data,
                                  note=form.note.data or "")
                flash(_("Se guardó la revisión del IRM."), "success")
                return redirect(url_for("plans.commitment", commitment_id=commitment.id,
                                        _anchor="irm"))
    return render_template(
        "admin/irm_form.html", commitment=commitment, form=form,
        entries=list(reversed(commitment.irm_reviews)), pending=irm.PENDING,
    ), form_status(form)
