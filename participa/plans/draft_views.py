"""Versioned draft commitments: moderators edit a draft in the template's form (every save
a new version) and mark a version final; anyone compares two versions.

Status codes: not signed in, the log-in page; not a moderator 403; a commitment that is not
a draft 409; a version saved by someone else since the form was opened 409 (the form comes
back with the text kept and a link to the differences); invalid input 422.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required
from sqlalchemy.orm import joinedload

from ..base.errors import Invalid, enforce
from ..base.extensions import db
from ..web.current import user as current_person
from ..web.forms import form_status
from . import bp, permissions, versions
from .diff import diff_versions
from .draft_forms import DraftForm
from .models import Commitment, CommitmentVersion
from .queries import axes_of
from .views import version_number_arg

ADD_MILESTONE = "anadir_hito"
ADD_CONTACT = "anadir_contacto"


def _editable(commitment_id: int) -> Commitment:
    """The commitment, if the person may edit it (``permissions.draft_refusal``: 403 for
    someone who is not a moderator, 409 for a commitment that is not, or no longer, a
    draft); 404 when there is none."""
    commitment = db.get_or_404(Commitment, commitment_id)
    enforce(permissions.draft_refusal(current_person(), commitment))
    return commitment


def _render_form(commitment: Commitment, form: DraftForm, *, base: int, status: int = 200,
                 error: str | None = None, conflict: versions.StaleVersion | None = None,
                 base_final: bool = False):
    return render_template(
        "plans/draft_edit.html",
        commitment=commitment,
        form=form,
        base=base,
        error=error,
        conflict=conflict,
        base_final=base_final,
        errors=form.error_list(),
    ), status


def _newest_form(commitment: Commitment):
    """The form filled with the newest version (empty for a draft without versions)."""
    latest = versions.latest_number(commitment)
    base = versions.get_version(commitment, latest) if latest else None
    form = DraftForm.initial(base, title=commitment.title,
                             classification=versions.Classification.of(commitment))
    form.for_axes(axes_of(commitment.plan_id))
    return _render_form(commitment, form, base=latest,
                        base_final=base is not None and base.is_final)


@bp.route("/compromisos/<int:commitment_id>/editar", methods=["GET", "POST"])
@login_required
def edit_draft(commitment_id: int):
    """The whole template in one form. "Añadir un hito" / "Añadir un contacto" post the form
    back with one more blank row; "Guardar una nueva versión" saves."""
    commitment = _editable(commitment_id)
    if request.method == "GET":
        return _newest_form(commitment)
    form = DraftForm().for_axes(axes_of(commitment.plan_id))
    if form.base_number.data is None or form.base_number.errors:
        abort(400)
    base = form.base_number.data
    action = request.form.get("accion")
    if action in (ADD_MILESTONE, ADD_CONTACT):
        added = form.add_milestone_row() if action == ADD_MILESTONE else form.add_contact_row()
        return _render_form(commitment, form, base=base,
                            error=None if added else _("No se pueden añadir más filas."))
    if not form.validate():
        form.ensure_blank_rows()
        return _render_form(commitment, form, base=base, status=form_status(form))
    return _save(commitment, form, base)


def _save(commitment: Commitment, form: DraftForm, base: int):
    """Save the form as the next version; a version saved meanwhile, or a refusal of what
    was typed, sends the form back with everything in it."""
    try:
        version = versions.save_version(
            actor=current_person(),
            commitment=commitment,
            base_number=base,
            fields=form.version_fields(),
            milestones=form.milestone_rows(),
            contacts=form.contact_rows(),
            change_note=form.change_note.data,
            classification=form.classification(),
            language=form.language.data or None,
        )
    except versions.StaleVersion as conflict:
        # Saving again makes the user's text the next version, knowingly.
        form.base_number.data = conflict.latest
        form.base_number.raw_data = [str(conflict.latest)]
        form.ensure_blank_rows()
        return _render_form(commitment, form, base=conflict.latest, status=conflict.status,
                            conflict=conflict)
    except Invalid as refused:
        # Shown above the form (a milestone's or a contact's problem names no one input);
        # a commitment published meanwhile (Conflict) reaches the app-wide handler.
        form.ensure_blank_rows()
        return _render_form(commitment, form, base=base, status=refused.status,
                            error=str(refused))
    flash(_("Se guardó la versión %(number)d del borrador.", number=version.number), "success")
    return redirect(url_for(".commitment", commitment_id=commitment.id), code=303)


@bp.route("/compromisos/<int:commitment_id>/versiones/<int:number>/definitiva",
          methods=["POST"])
@login_required
def mark_final(commitment_id: int, number: int):
    commitment = _editable(commitment_id)
    version = versions.get_version(commitment, number)
    if version is None:
        abort(404)
    versions.mark_final(actor=current_person(), version=version)  # refusals: 409, app-wide
    flash(_("La versión %(number)d quedó marcada como definitiva.", number=number), "success")
    return redirect(url_for(".commitment", commitment_id=commitment_id), code=303)


def _compared(commitment: Commitment) -> tuple[list[int], CommitmentVersion, CommitmentVersion]:
    """The numbers of the commitment's versions and the two compared (``?de`` and ``?a``;
    by default the newest and the one before); 404 when either does not exist."""
    history = db.session.scalars(
        sa.select(CommitmentVersion)
        .where(CommitmentVersion.commitment_id == commitment.id)
        .options(joinedload(CommitmentVersion.author))
        .order_by(CommitmentVersion.number)
    ).all()
    if not history:
        abort(404)
    numbers = [version.number for version in history]
    new_number = version_number_arg("a") or numbers[-1]
    old_number = version_number_arg("de")
    if old_number is None:
        old_number = max((n for n in numbers if n < new_number), default=new_number)
    old = versions.get_version(commitment, old_number)
    new = versions.get_version(commitment, new_number)
    if old is None or new is None:
        abort(404)
    return numbers, old, new


@bp.route("/compromisos/<int:commitment_id>/diferencias")
def differences(commitment_id: int):
    """``?de=1&a=3``: what changed from version 1 to version 3, section by section. Without
    them, the newest version against the one before."""
    if set(request.args) - {"de", "a"}:
        abort(400)
    commitment = db.get_or_404(Commitment, commitment_id)
    numbers, old, new = _compared(commitment)
    sections = diff_versions(old, new)
    return render_template(
        "plans/draft_diff.html",
        commitment=commitment,
        old=old,
        new=new,
        numbers=numbers,
        sections=sections,
        changed=any(section.changed for section in sections),
    )
