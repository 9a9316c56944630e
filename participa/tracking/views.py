"""The pages of progress reporting: the institution writes and corrects its updates and sends
them; the MTGA publishes or returns them and names each commitment's lead organisation; the
workspace lists what waits for each. Unpublished work is seen by the institution and the
MTGA only (a 404 for anyone else); published updates are shown on the commitment's page."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required
from sqlalchemy.orm import joinedload

from ..base.errors import NotAllowed, enforce
from ..base.extensions import db
from ..content.numbers import whole_number
from ..organizations.models import Organization, OrganizationKind
from ..plans.models import Commitment
from ..web import current
from ..web.forms import form_status, posted, refusals_on
from ..web.security import never_cache
from . import bp, pages, permissions, queries, services
from .forms import (
    DecisionForm,
    FileForm,
    LeadOrganizationForm,
    ReturnForm,
    UpdateForm,
    links_text,
)
from .models import FILE_MAX_BYTES, ProgressUpdate

never_cache(bp)  # unpublished work of institutions and of the MTGA


def _commitment(commitment_id: int) -> Commitment:
    return db.first_or_404(
        sa.select(Commitment).where(Commitment.id == commitment_id)
        .options(joinedload(Commitment.plan))
    )


def _update(update_id: int):
    """The update with its organisation, if this person may see it (else a 404)."""
    update = queries.update_with_details(update_id)
    if update is None:
        abort(404)
    organization = queries.lead_organization(update.commitment_id)
    if not permissions.can_see(current.user(), update, organization):
        abort(404)
    return update, organization


def _back(update: ProgressUpdate) -> str:
    return url_for("plans.commitment", commitment_id=update.commitment_id,
                   _anchor=f"avance-{update.id}")


@bp.route("/")
@login_required
def index():
    """What waits for this person: the MTGA's review queue and every overdue milestone; an
    institution's commitments, its unpublished updates and its overdue milestones."""
    user = current.user()
    reviewer = permissions.can_review(user)
    commitments = queries.institution_commitments(user.id)
    if not reviewer and not commitments:
        raise NotAllowed(_("Esta página es de la MTGA y de las instituciones responsables de "
                           "compromisos publicados."))
    day = pages.today()
    ids = [c.id for c in commitments]
    overdue = queries.overdue_milestones(day, None if reviewer else ids)
    titles = dict(db.session.execute(
        sa.select(Commitment.id, Commitment.title)
        .where(Commitment.id.in_(list({m.commitment_id for m in overdue})))).all()
    ) if overdue else {}
    return render_template(
        "tracking/index.html", reviewer=reviewer, queue=queries.review_queue() if reviewer else [],
        commitments=commitments, drafts=queries.institution_updates(ids), overdue=overdue,
        titles=titles, today=day,
    )


def _milestone_arg() -> int | None:
    value = request.args.get("hito")
    return whole_number(value, maximum=9999) if value is not None else None


def _saved(user, update, message: str):
    """After saving an update's form: sent to the MTGA when the person pressed «enviar»,
    else kept as it is (``message``); then the update's page."""
    if request.form.get("enviar"):
        services.submit_update(actor=user, update=update)
        flash(_("El avance quedó enviado a la MTGA para su revisión."), "success")
    else:
        flash(message, "success")
    return redirect(url_for(".update", update_id=update.id), code=303)


@bp.route("/compromisos/<int:commitment_id>/avances/nuevo", methods=["GET", "POST"])
@login_required
def new(commitment_id: int):
    commitment = _commitment(commitment_id)
    user = current.user()
    enforce(permissions.report_refusal(user, commitment,
                                      queries.lead_organization(commitment.id)))
    milestones = queries.tracked_milestones([commitment.id])
    form = UpdateForm(data={"milestone": _milestone_arg()}).configure(milestones)
    if form.validate_on_submit():
        with refusals_on(form):
            update = services.draft_update(
                author=user, commitment=commitment, milestone_number=form.milestone.data,
                status=form.status.data, body=form.body.data,
                withdrawn_reason=form.withdrawn_reason.data, links=form.parsed_links())
            return _saved(user, update, _("El avance quedó guardado como borrador."))
    return render_template("tracking/form.html", form=form, commitment=commitment,
                           update=None), form_status(form)


@bp.route("/avances/<int:update_id>")
def update(update_id: int):
    update, organization = _update(update_id)
    user = current.user()
    return _update_page(update, organization, user)


def _update_page(update, organization, user, *, return_form=None, file_form=None):
    version = {"row_version": update.row_version}
    return render_template(
        "tracking/update.html", update=update, organization=organization,
        can_edit=permissions.can_edit(user, update, organization),
        can_decide=permissions.can_decide(user, update),
        decision_form=DecisionForm(formdata=None, data=version),
        return_form=return_form or ReturnForm(formdata=None, data=version),
        file_form=file_form or FileForm(formdata=None),
        max_bytes=FILE_MAX_BYTES,
    )


@bp.route("/avances/<int:update_id>/archivos", methods=["POST"])
@login_required
def attach(update_id: int):
    """A file of evidence for a draft or returned update: a larger body than the app's
    default is accepted here only."""
    request.max_content_length = FILE_MAX_BYTES + 256 * 1024
    update, organization = _update(update_id)
    user = current.user()
    enforce(permissions.edit_refusal(user, update, organization))
    form = FileForm()
    if form.validate_on_submit():
        with refusals_on(form, form_level=True):
            services.attach_file(editor=user, update=update,
                                 upload=request.files.get("archivo"), title=form.title.data)
            flash(_("El archivo quedó añadido a la evidencia."), "success")
            return redirect(url_for(".update", update_id=update.id, _anchor="evidencia"),
                            code=303)
    return _update_page(update, organization, user, file_form=form), form_status(form)


@bp.route("/avances/<int:update_id>/editar", methods=["GET", "POST"])
@login_required
def edit(update_id: int):
    update, organization = _update(update_id)
    user = current.user()
    enforce(permissions.edit_refusal(user, update, organization))
    form = UpdateForm(data={
        "milestone": update.milestone_number, "status": update.status.value,
        "body": update.body, "withdrawn_reason": update.withdrawn_reason,
        "links": links_text(update.evidence), "row_version": update.row_version,
    }).configure(queries.tracked_milestones([update.commitment_id]))
    if form.validate_on_submit():
        with refusals_on(form):
            services.edit_update(
                editor=user, update=update, milestone_number=form.milestone.data,
                status=form.status.data, body=form.body.data,
                withdrawn_reason=form.withdrawn_reason.data, links=form.parsed_links(),
                row_version=form.row_version.data)
            return _saved(user, update, _("Los cambios quedaron guardados."))
    return render_template("tracking/form.html", form=form, commitment=update.commitment,
                           update=update), form_status(form)


@bp.route("/avances/<int:update_id>/enviar", methods=["POST"])
@login_required
def submit(update_id: int):
    update, organization = _update(update_id)
    enforce(permissions.edit_refusal(current.user(), update, organization))
    form = posted(DecisionForm())
    services.submit_update(actor=current.user(), update=update,
                           row_version=form.row_version.data)
    flash(_("El avance quedó enviado a la MTGA para su revisión."), "success")
    return redirect(url_for(".update", update_id=update.id), code=303)


@bp.route("/avances/<int:update_id>/publicar", methods=["POST"])
@login_required
def publish(update_id: int):
    update, _organization = _update(update_id)
    enforce(permissions.review_refusal(current.user(), update))
    form = posted(DecisionForm())
    services.publish_update(actor=current.user(), update=update,
                            row_version=form.row_version.data)
    flash(_("El avance quedó publicado en la página del compromiso."), "success")
    return redirect(_back(update), code=303)


@bp.route("/avances/<int:update_id>/devolver", methods=["POST"])
@login_required
def return_(update_id: int):
    update, organization = _update(update_id)
    user = current.user()
    enforce(permissions.review_refusal(user, update))
    form = ReturnForm()
    if form.validate_on_submit():
        with refusals_on(form):
            services.return_update(actor=user, update=update, note=form.note.data,
                                   row_version=form.row_version.data)
            flash(_("El avance quedó devuelto a la institución con su nota."), "success")
            return redirect(url_for(".update", update_id=update.id), code=303)
    return _update_page(update, organization, user, return_form=form), form_status(form)


@bp.route("/compromisos/<int:commitment_id>/institucion", methods=["GET", "POST"])
@login_required
def lead_organization(commitment_id: int):
    """The MTGA names the organisation in Participa of the commitment's lead institution
    (public institutions, verified)."""
    commitment = _commitment(commitment_id)
    user = current.user()
    enforce(permissions.link_organization_refusal(user))
    current_organization = queries.lead_organization(commitment.id)
    organizations = list(db.session.scalars(
        sa.select(Organization)
        .where(Organization.kind == OrganizationKind.INSTITUCION_PUBLICA,
               Organization.is_verified.is_(True))
        .order_by(Organization.name)))
    form = LeadOrganizationForm(data={
        "organization": current_organization.id if current_organization else None,
    }).configure(organizations)
    if form.validate_on_submit():
        chosen = next(o for o in organizations if o.id == form.organization.data)
        with refusals_on(form):
            if services.set_lead_organization(actor=user, commitment=commitment,
                                              organization=chosen):
                flash(_("La institución responsable quedó indicada."), "success")
            return redirect(url_for("plans.commitment", commitment_id=commitment.id,
                                    _anchor="avance"), code=303)
    return render_template("tracking/lead_organization.html", form=form,
                           commitment=commitment, current=current_organization,
                           organizations=organizations), form_status(form)
