"""Submitting (with a preview), editing and withdrawing proposals, the proposal page,
supports, and "Mi participación"."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload

from ..accounts.blocking import blocked_message
from ..base.extensions import db, limiter
from ..consultations.models import ConsultationRound
from ..consultations.permissions import can_participate, is_blocked
from ..consultations.phases import SUBMIT_PHASE, SUPPORT_PHASE, require_open
from ..content import visibility
from ..organizations.models import Organization, OrganizationKind
from ..organizations.permissions import organizations_user_can_act_for
from ..plans.models import Axis
from ..web.args import number
from ..web.errors import TITLES
from ..web.ratelimits import participation_limits
from ..web.security import safe_next
from . import bp, permissions, services
from .forms import ProposalForm, WithdrawForm
from .models import TITLE_MAX, Proposal, Support
from .similar import similar_proposals

INVALID = 422
FORBIDDEN = 403
CONFLICT = 409

# Templates ask the permissions (``proposal_permissions.can_edit_proposal(...)``) to show or
# hide; the round page includes proposals/_round_actions.html.
bp.add_app_template_global(permissions, "proposal_permissions")
# Templates ask ``visibility.can_see_text(current_user, item)``, ``visibility.is_hidden(...)``.
bp.add_app_template_global(visibility, "visibility")


def _user():
    return current_user._get_current_object()


def _user_key() -> str:
    """Rate limits per person when signed in (many people may share one address)."""
    if current_user.is_authenticated:
        return f"user:{current_user.id}"
    return get_remote_address()


def _wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json"


def _refuse(status: int, message: str, *, title: str | None = None):
    title = title or str(TITLES.get(status, TITLES[400]))
    if _wants_json():
        return {"error": status, "title": title, "message": message}, status
    return render_template(
        "errors/error.html", code=status, title=title, explanation=message
    ), status


def _cannot_participate():
    """The 403 for someone signed in who may not participate: blocked by the moderation
    (with the reason and the end of the block), or with an unconfirmed address."""
    user = _user()
    if is_blocked(user):
        return _refuse(FORBIDDEN, blocked_message(user))
    return _refuse(
        FORBIDDEN,
        _("Confirme su correo electrónico para poder participar en la consulta. Si no recibió "
          "el correo, puede pedir que se lo enviemos de nuevo desde su perfil."),
    )


def _publishing() -> bool:
    """The post publishes the proposal (previews and "Seguir editando" do not)."""
    return request.form.get("accion") == "publicar"


# The proposal form -------------------------------------------------------------------------


def _axes(round: ConsultationRound) -> list[Axis]:
    return list(round.plan.axes)


def _form(round: ConsultationRound, **kwargs) -> ProposalForm:
    return ProposalForm(**kwargs).for_round(
        _axes(round), organizations_user_can_act_for(_user())
    )


def _institutions() -> list[str]:
    return list(db.session.scalars(
        sa.select(Organization.name)
        .where(Organization.kind == OrganizationKind.INSTITUCION_PUBLICA)
        .order_by(Organization.name)
    ))


def _chosen(form: ProposalForm, round: ConsultationRound) -> dict:
    """The form's axis and organisation as objects, loaded through the round's plan and the
    person's own organisations (an id posted by hand cannot reach another plan's axis)."""
    axis = None
    if "axis" in form and form.axis.data is not None:
        axis = next((a for a in _axes(round) if a.id == form.axis.data), None)
    organization = None
    if "organization" in form and form.organization.data is not None:
        organization = next(
            (o for o in organizations_user_can_act_for(_user())
             if o.id == form.organization.data),
            None,
        )
    return {"axis": axis, "organization": organization}


def _proposal_fields(form: ProposalForm, round: ConsultationRound) -> dict:
    return {
        **_chosen(form, round),
        "title": form.title.data,
        "problem": form.problem.data,
        "proposed_commitment": form.proposed_commitment.data,
        "benefit": form.benefit.data,
        "institution": form.institution.data,
        "values": form.chosen_values(),
    }


def _attach(form: ProposalForm, error: services.ProposalError) -> bool:
    """Put a service's refusal beside its field; False when it belongs to no field."""
    if error.field and error.field in form:
        form[error.field].errors = [*form[error.field].errors, str(error)]
        return True
    return False


def _render_form(round: ConsultationRound, form: ProposalForm, *, proposal=None,
                 error: str | None = None, status: int = 200):
    return render_template(
        "proposals/form.html",
        round=round,
        form=form,
        proposal=proposal,
        institutions=_institutions(),
        error=error,
        title_max=TITLE_MAX,
    ), status


def _render_preview(round: ConsultationRound, form: ProposalForm):
    chosen = _chosen(form, round)
    return render_template(
        "proposals/preview.html",
        round=round,
        form=form,
        axis=chosen["axis"],
        organization=chosen["organization"],
        values=form.chosen_values(),
        similar=similar_proposals(round, form.title.data or ""),
    )


@bp.route("/consultas/<int:round_id>/propuestas/nueva", methods=["GET", "POST"])
@login_required
@limiter.limit("40 per hour", methods=["POST"], key_func=_user_key)
@participation_limits("proposals", exempt_when=lambda: not _publishing())
def new(round_id: int):
    """The form; "Vista previa" shows the proposal as it will look, with the values in
    hidden fields, "Publicar" and "Seguir editando". Nothing is stored before "Publicar".
    Every post counts towards 40 an hour; publishing also towards ``RATELIMIT_PROPOSALS``
    (per person and per address)."""
    round = db.get_or_404(ConsultationRound, round_id)
    user = _user()
    if not can_participate(user):
        return _cannot_participate()
    require_open(round, SUBMIT_PHASE)
    form = _form(round)
    action = request.form.get("accion")
    if request.method == "POST" and action == "editar":
        return _render_form(round, form)
    if not form.validate_on_submit():
        return _render_form(round, form, status=INVALID if form.is_submitted() else 200)
    if action != "publicar":
        try:
            services.check_links(user, _proposal_fields(form, round))
        except services.ProposalError as error:
            _attach(form, error)
            return _render_form(round, form, status=INVALID)
        return _render_preview(round, form)
    try:
        proposal = services.submit_proposal(
            author=user, round=round, **_proposal_fields(form, round)
        )
    except services.ProposalBlocked as error:
        db.session.rollback()
        return _refuse(FORBIDDEN, str(error))
    except services.ProposalError as error:
        db.session.rollback()
        if _attach(form, error):
            return _render_form(round, form, status=INVALID)
        return _render_form(round, form, error=str(error), status=CONFLICT)
    db.session.commit()
    if visibility.is_pending(proposal):
        flash(
            _("Su propuesta espera la aprobación de la moderación. Tiene el código "
              "%(reference)s; nadie más la verá hasta que la aprueben.",
              reference=proposal.reference),
            "info",
        )
    else:
        flash(
            _("Su propuesta quedó publicada con el código %(reference)s.",
              reference=proposal.reference),
            "success",
        )
    return redirect(url_for(".show", proposal_id=proposal.id))


@bp.route("/consultas/<int:round_id>/propuestas/similares")
@limiter.limit("120 per minute", key_func=_user_key)
def similar(round_id: int):
    """Up to five published proposals of the round with a title like ``titulo`` (for
    static/js/similar.js), as ``[{reference, title, url}]``."""
    round = db.get_or_404(ConsultationRound, round_id)
    title = request.args.get("titulo", "")[: TITLE_MAX * 2]
    exclude = number(request.args, "excluir")  # an id, or a 400
    return jsonify([
        {
            "reference": item.reference,
            "title": item.title,
            "url": url_for(".show", proposal_id=item.id),
        }
        for item in similar_proposals(round, title, exclude_id=exclude)
    ])


# Editing and withdrawing -------------------------------------------------------------------


def _load_visible(proposal_id: int) -> Proposal:
    """The proposal, if it exists for the person: a pending proposal (waiting for the
    moderation's approval) exists only for its author and moderators, a 404 for anyone else.
    A hidden one exists for everyone; its page shows the texts only to those who may read
    them (``visibility.can_see_text``)."""
    proposal = db.get_or_404(Proposal, proposal_id)
    if not visibility.can_see_item(_user(), proposal):
        abort(404)
    return proposal


def _initial(proposal: Proposal) -> dict:
    return {
        "title": proposal.title,
        "problem": proposal.problem,
        "proposed_commitment": proposal.proposed_commitment,
        "benefit": proposal.benefit,
        "institution": proposal.institution,
        "values": [value.value for value in proposal.ogp_values],
        "axis": proposal.axis_id,
        "organization": proposal.organization_id,
    }


def _check_author_action(proposal: Proposal):
    """The refusal for someone who is not the author, or a state that forbids the change;
    None when the author may go on. Outside the phase, PhaseClosed answers 409."""
    user = _user()
    if not permissions.is_author(user, proposal):
        if user.id == proposal.author_id:  # the author, unconfirmed or blocked
            return _cannot_participate()
        return _refuse(
            FORBIDDEN, _("Solo la persona que envió la propuesta puede modificarla o retirarla.")
        )
    if proposal.is_withdrawn:
        return _refuse(
            CONFLICT,
            _("La propuesta fue retirada: ya no se puede modificar."),
            title=_("La propuesta ya no se puede cambiar"),
        )
    require_open(proposal.round, SUBMIT_PHASE)
    return None


@bp.route("/propuestas/<int:proposal_id>/editar", methods=["GET", "POST"])
@login_required
@limiter.limit("40 per hour", methods=["POST"], key_func=_user_key)
def edit(proposal_id: int):
    proposal = _load_visible(proposal_id)
    refusal = _check_author_action(proposal)
    if refusal is not None:
        return refusal
    round = proposal.round
    if visibility.is_hidden(proposal):
        return _refuse(
            CONFLICT,
            _("La moderación ocultó la propuesta: ya no se puede modificar."),
            title=_("La propuesta ya no se puede cambiar"),
        )
    if proposal.support_count > 0:
        return _refuse(
            CONFLICT,
            _("La propuesta ya recibió apoyos: ya no se puede modificar, para que quienes la "
              "apoyaron sigan apoyando lo que leyeron. Puede retirarla y enviar otra."),
            title=_("La propuesta ya no se puede cambiar"),
        )
    form = _form(round, data=_initial(proposal))
    if not form.validate_on_submit():
        return _render_form(round, form, proposal=proposal,
                            status=INVALID if form.is_submitted() else 200)
    try:
        services.edit_proposal(editor=_user(), proposal=proposal, **_proposal_fields(form, round))
    except services.ProposalBlocked as error:
        db.session.rollback()
        return _refuse(FORBIDDEN, str(error))
    except services.ProposalError as error:
        db.session.rollback()
        if _attach(form, error):
            return _render_form(round, form, proposal=proposal, status=INVALID)
        return _render_form(round, form, proposal=proposal, error=str(error), status=CONFLICT)
    db.session.commit()
    flash(_("Sus cambios quedaron guardados."), "success")
    return redirect(url_for(".show", proposal_id=proposal.id))


@bp.route("/propuestas/<int:proposal_id>/retirar", methods=["GET", "POST"])
@login_required
def withdraw(proposal_id: int):
    proposal = _load_visible(proposal_id)
    refusal = _check_author_action(proposal)
    if refusal is not None:
        return refusal
    form = WithdrawForm()
    if not form.validate_on_submit():
        status = INVALID if form.is_submitted() else 200
        return render_template("proposals/withdraw.html", proposal=proposal, form=form), status
    try:
        services.withdraw_proposal(author=_user(), proposal=proposal, reason=form.reason.data)
    except services.ProposalError as error:
        db.session.rollback()
        form.reason.errors = [*form.reason.errors, str(error)]
        return render_template(
            "proposals/withdraw.html", proposal=proposal, form=form
        ), INVALID if error.field else CONFLICT
    db.session.commit()
    flash(_("Retiró su propuesta. Seguirá visible, marcada como retirada."), "info")
    return redirect(url_for(".show", proposal_id=proposal.id))


# The proposal page and supports --------------------------------------------------------------


def _render_show(proposal: Proposal, *, error: str | None = None, status: int = 200):
    user = _user()
    round = proposal.round
    return render_template(
        "proposals/show.html",
        proposal=proposal,
        round=round,
        supported=services.has_supported(user, proposal),
        supports_left=(
            max(round.max_supports_per_user - services.supports_given(user, round), 0)
            if round.max_supports_per_user is not None and can_participate(user)
            else None
        ),
        error=error,
    ), status


@bp.route("/propuestas/<int:proposal_id>")
def show(proposal_id: int):
    proposal = db.first_or_404(
        sa.select(Proposal)
        .where(Proposal.id == proposal_id)
        .options(joinedload(Proposal.author), joinedload(Proposal.organization),
                 joinedload(Proposal.axis), joinedload(Proposal.round))
    )
    if not visibility.can_see_item(_user(), proposal):
        abort(404)
    return _render_show(proposal)


def _support_answer(proposal_id: int, count: int, *, supported: bool, message: str):
    """After the commit: from values read before it, so no row is loaded again."""
    if _wants_json():
        return jsonify(
            supported=supported,
            count=count,
            count_text=_count_text(count),
            message=message,
            action=url_for(".unsupport" if supported else ".support", proposal_id=proposal_id),
            button=_("Retirar mi apoyo") if supported else _("Apoyar esta propuesta"),
        )
    flash(message, "success")
    default = url_for(".show", proposal_id=proposal_id)
    return redirect(safe_next(request.form.get("next"), default), code=303)


def _load_for_support(proposal_id: int) -> Proposal:
    """``_load_visible`` with the round and its phases in the same statement."""
    proposal = db.session.scalars(
        sa.select(Proposal).where(Proposal.id == proposal_id)
        .options(joinedload(Proposal.round).joinedload(ConsultationRound.phases))
    ).unique().first()
    if proposal is None or not visibility.can_see_item(_user(), proposal):
        abort(404)
    return proposal


def _count_text(count: int) -> str:
    return ngettext("%(num)d apoyo", "%(num)d apoyos", count)


def _support_refusal(proposal: Proposal, status: int, message: str):
    if _wants_json():
        return _refuse(status, message)
    return _render_show(proposal, error=message, status=status)


@bp.route("/propuestas/<int:proposal_id>/apoyar", methods=["POST"])
@login_required
@participation_limits("supports")
def support(proposal_id: int):
    proposal = _load_for_support(proposal_id)
    user = _user()
    if not can_participate(user):
        return _cannot_participate()
    require_open(proposal.round, SUPPORT_PHASE)
    if proposal.author_id == user.id:
        return _support_refusal(proposal, FORBIDDEN, _("No puede apoyar su propia propuesta."))
    if proposal.is_withdrawn:
        return _support_refusal(
            proposal, CONFLICT, _("La propuesta fue retirada: ya no recibe apoyos.")
        )
    if not visibility.is_public(proposal):
        return _support_refusal(proposal, CONFLICT, services.not_public_message())
    try:
        added = services.support_proposal(user=user, proposal=proposal)
    except services.ProposalBlocked as error:
        db.session.rollback()
        return _refuse(FORBIDDEN, str(error))
    except services.ProposalError as error:
        db.session.rollback()
        return _support_refusal(proposal, CONFLICT, str(error))
    message = _("Apoyó esta propuesta.") if added else _("Ya apoyaba esta propuesta.")
    count = proposal.support_count
    db.session.commit()
    return _support_answer(proposal_id, count, supported=True, message=message)


@bp.route("/propuestas/<int:proposal_id>/retirar-apoyo", methods=["POST"])
@login_required
@participation_limits("supports")
def unsupport(proposal_id: int):
    proposal = _load_for_support(proposal_id)
    user = _user()
    if not can_participate(user):
        return _cannot_participate()
    require_open(proposal.round, SUPPORT_PHASE)
    if proposal.is_withdrawn:
        return _support_refusal(
            proposal, CONFLICT, _("La propuesta fue retirada: sus apoyos ya no cambian.")
        )
    try:
        removed = services.withdraw_support(user=user, proposal=proposal)
    except services.ProposalError as error:
        db.session.rollback()
        return _support_refusal(proposal, CONFLICT, str(error))
    message = _("Retiró su apoyo.") if removed else _("No apoyaba esta propuesta.")
    count = proposal.support_count
    db.session.commit()
    return _support_answer(proposal_id, count, supported=False, message=message)


# Mi participación ---------------------------------------------------------------------------


@bp.route("/mi-participacion")
@login_required
def participation():
    user = _user()
    own = db.session.scalars(
        sa.select(Proposal)
        .where(Proposal.author_id == user.id)
        .options(joinedload(Proposal.round), joinedload(Proposal.organization))
        .order_by(Proposal.created_at.desc(), Proposal.id.desc())
    ).all()
    supported = db.session.scalars(
        sa.select(Proposal)
        .join(Support, Support.proposal_id == Proposal.id)
        .where(Support.user_id == user.id)
        .options(joinedload(Proposal.round))
        .order_by(Support.created_at.desc(), Support.id.desc())
    ).all()
    return render_template("proposals/participation.html", own=own, supported=supported)
