"""The pages of a self-assessment: public (drafts too: the public comments on them), and
the MTGA's forms. Status codes: not signed in, the log-in page; not the MTGA 403; a
published assessment, or an action its state does not allow, 409; invalid input 422."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from ..base.errors import enforce
from ..base.extensions import db
from ..base.time import utcnow
from ..content.numbers import whole_number
from ..office import FORMATS, render
from ..plans.models import ActionPlan
from ..web import current, slots
from ..web.forms import form_status, refusals_on
from . import bp, permissions, queries, services, shown
from .documents import assessment_document
from .forms import CommentsForm, EditForm, OpenForm
from .models import NARRATIVES, AssessmentKind, AssessmentVersion, SelfAssessment

KINDS = "any(medio_termino, fin_de_termino)"


def _assessment(plan_id: int, kind: str) -> SelfAssessment:
    assessment = queries.assessment_of(plan_id, AssessmentKind(kind))
    if assessment is None:
        abort(404)
    return assessment


def _version(assessment: SelfAssessment) -> AssessmentVersion:
    """``?version=N`` or the newest; 404 for one that does not exist, 400 for a bad N."""
    wanted = request.args.get("version")
    if wanted is None:
        return assessment.versions[-1]
    number = whole_number(wanted, maximum=999_999)
    if number is None:
        abort(400)
    for version in assessment.versions:
        if version.number == number:
            return version
    abort(404)


@bp.route(f"/<int:plan_id>/autoevaluaciones/<{KINDS}:kind>")
def show(plan_id: int, kind: str):
    assessment = _assessment(plan_id, kind)
    version = _version(assessment)
    user = current.user()
    now = utcnow()
    can_write = permissions.write_refusal(user, assessment) is None
    return render_template(
        "assessments/show.html",
        assessment=assessment,
        plan=assessment.plan,
        version=version,
        latest=assessment.versions[-1].number,
        versions=assessment.versions,
        tracking=version.tracking,
        narratives=[(key, str(label), getattr(version, key)) for key, label in NARRATIVES],
        shown=shown,
        comments_open=assessment.comments_open(now),
        can_write=can_write,
        can_open_comments=permissions.open_comments_refusal(user, assessment) is None,
        can_publish=permissions.publish_refusal(user, assessment, now) is None,
        comments_form=CommentsForm(formdata=None),
        # The public's comments (comments fills the slot "assessment.comments").
        comment_slots=slots.gather("assessment.comments", assessment=assessment,
                                   version=version, user=user),
    )


@bp.route(f"/<int:plan_id>/autoevaluaciones/<{KINDS}:kind>/documento."
          "<any(docx, odt):extension>")
def document_file(plan_id: int, kind: str, extension: str):
    assessment = _assessment(plan_id, kind)
    version = _version(assessment)
    response = Response(render(assessment_document(assessment, version), extension),
                        mimetype=FORMATS[extension].mimetype)
    name = f"autoevaluacion-{kind.replace('_', '-')}-plan-{assessment.plan.number}"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}.{extension}"'
    return response


@bp.route("/<int:plan_id>/autoevaluaciones/nueva", methods=["GET", "POST"])
@login_required
def new(plan_id: int):
    plan = db.get_or_404(ActionPlan, plan_id)
    enforce(permissions.write_refusal(current.user()))
    form = OpenForm()
    if form.validate_on_submit():
        with refusals_on(form, form_level=True):
            assessment = services.open_assessment(
                actor=current.user(), plan=plan, kind=AssessmentKind(form.kind.data),
                narratives=form.narratives())
            flash(_("Se abrió la autoevaluación, como borrador."), "success")
            return redirect(url_for(".show", plan_id=plan.id, kind=assessment.kind.value))
    return render_template("assessments/form.html", plan=plan, form=form, assessment=None,
                           errors=form.form_errors), form_status(form)


@bp.route(f"/<int:plan_id>/autoevaluaciones/<{KINDS}:kind>/editar", methods=["GET", "POST"])
@login_required
def edit(plan_id: int, kind: str):
    assessment = _assessment(plan_id, kind)
    enforce(permissions.write_refusal(current.user(), assessment))
    latest = assessment.versions[-1]
    if request.method == "GET":
        form = EditForm(formdata=None, data={
            "base_number": str(latest.number),
            **{key: getattr(latest, key) for key, _label in NARRATIVES}})
    else:
        form = EditForm()
        base = whole_number(form.base_number.data or "", maximum=999_999)
        if base is None:
            abort(400)
        if form.validate_on_submit():
            with refusals_on(form, form_level=True):
                version = services.save_version(
                    actor=current.user(), assessment=assessment, base_number=base,
                    narratives=form.narratives(), change_note=form.change_note.data or "")
                flash(_("Se guardó la versión %(number)d.", number=version.number),
                      "success")
                return redirect(url_for(".show", plan_id=plan_id, kind=kind))
            refusal = getattr(form, "refusal", None)
            if isinstance(refusal, services.StaleAssessment):
                form.base_number.data = str(refusal.latest)
    return render_template("assessments/form.html", plan=assessment.plan, form=form,
                           assessment=assessment, errors=form.form_errors), form_status(form)


@bp.route(f"/<int:plan_id>/autoevaluaciones/<{KINDS}:kind>/comentarios", methods=["POST"])
@login_required
def open_comments(plan_id: int, kind: str):
    assessment = _assessment(plan_id, kind)
    enforce(permissions.open_comments_refusal(current.user(), assessment))
    form = CommentsForm()
    if form.validate_on_submit():
        with refusals_on(form):
            services.open_comments(actor=current.user(), assessment=assessment,
                                   days=form.days.data)
            flash(_("La autoevaluación quedó abierta a comentarios."), "success")
            return redirect(url_for(".show", plan_id=plan_id, kind=kind))
    return render_template("assessments/comments_form.html", assessment=assessment,
                           plan=assessment.plan, form=form), form_status(form)


@bp.route(f"/<int:plan_id>/autoevaluaciones/<{KINDS}:kind>/publicar", methods=["POST"])
@login_required
def publish(plan_id: int, kind: str):
    assessment = _assessment(plan_id, kind)
    services.publish(actor=current.user(), assessment=assessment)
    flash(_("Se publicó la autoevaluación."), "success")
    return redirect(url_for(".show", plan_id=plan_id, kind=kind))


def plan_links(plan: ActionPlan, user: object = None, **context) -> dict | None:  # noqa: ARG001
    """The slot ``plan.links``: the plan's self-assessments, and for the MTGA the link to
    open one. None (nothing shown) when there is neither."""
    assessments = queries.assessments_of(plan.id)
    can_open = permissions.can_write(current.user()) and len(assessments) < len(AssessmentKind)
    if not assessments and not can_open:
        return None
    return {"plan": plan, "assessments": assessments, "can_open": can_open}
