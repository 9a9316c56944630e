"""Submitting (with a preview), editing and withdrawing proposals, the proposal page,
supports, and "Mi participación"."""

from __future__ import annotations

import sqlalchemy as sa
from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload

from ..base.errors import Conflict, enforce
from ..base.extensions import db, limiter
from ..consultations.models import ConsultationRound
from ..consultations.permissions import can_participate
from ..consultations.phases import PhaseClosed
from ..content import visibility
from ..organizations.models import Organization, OrganizationKind
from ..organizations.permissions import organizations_user_can_act_for
from ..plans.models import Axis
from ..web import slots
from ..web.args import number
from ..web.current import user as current_person
from ..web.current import visible_or_404
from ..web.errors import wants_json
from ..web.forms import form_status, notice, refusals_on
from ..web.ratelimits import participation_limits
from ..web.security import safe_next
from . import bp, permissions, services
from .forms import ProposalForm, WithdrawForm
from .models import TEXT_FIELDS, TITLE_MAX, Proposal, Support
from .queries.similar import similar_proposals


def _user_key() -> str:
    """Rate limits per person when signed in (many people may share one address)."""
    if current_user.is_authenticated:
        return f"user:{current_user.id}"
    return get_remote_address()


def _publishing() -> bool:
    """The post publishes the proposal (previews and "Seguir editando" do not)."""
    return request.form.get("accion") == "publicar"


# The proposal form -------------------------------------------------------------------------


def _axes(round: ConsultationRound) -> list[Axis]:
    return list(round.plan.axes)


def _form(round: ConsultationRound, **kwargs) -> ProposalForm:
    return ProposalForm(**kwargs).for_round(
        _axes(round), organizations_user_can_act_for(current_person())
    )


def institution_names() -> list[str]:
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
            (o for o in organizations_user_can_act_for(current_person())
             if o.id == form.organization.data),
            None,
        )
    return {"axis": axis, "organization": organization}


def _proposal_fields(form: ProposalForm, round: ConsultationRound) -> dict:
    """What the form posted, as the services take it."""
    texts = {name: form[name].data for name in TEXT_FIELDS}
    return {**_chosen(form, round), **texts, "values": form.chosen_values(),
            "language": form.language.data}


def _initial(proposal: Proposal) -> dict:
    """The form's data for a proposal being edited."""
    return {
        **{name: getattr(proposal, name) for name in TEXT_FIELDS},
        "values": [value.value for value in proposal.ogp_values],
        "axis": proposal.axis_id,
        "organization": proposal.organization_id,
        **({"language": proposal.language} if proposal.language else {}),
    }


def _render_form(round: ConsultationRound, form: ProposalForm, *, proposal=None,
                 status: int | None = None):
    return render_template(
        "proposals/form.html",
        round=round,
        form=form,
        proposal=proposal,
        institutions=institution_names(),
        error=notice(form),  # a refusal of the service that names no field
        title_max=TITLE_MAX,
        # Slot "proposal.submit": other ways to send one (a recording, participa/recordings).
        submit_slots=[] if proposal is not None else slots.gather(
            "proposal.submit", round=round, user=current_person()),
    ), status or form_status(form)


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
    user = current_person()
    enforce(permissions.submit_refusal(user, round))
    form = _form(round)
    if request.method == "POST" and request.form.get("accion") == "editar":
        return _render_form(round, form, status=200)  # "Seguir editando" after the preview
    if form.validate_on_submit():
        with refusals_on(form, form_level=True):
            if not _publishing():
                services.check_links(user, _proposal_fields(form, round))
                return _render_preview(round, form)
            proposal = services.submit_proposal(
                author=user, round=round, **_proposal_fields(form, round)
            )
            _say_submitted(proposal)
            return redirect(url_for(".show", proposal_id=proposal.id))
    return _render_form(round, form)


def _say_submitted(proposal: Proposal) -> None:
    """Published, or waiting for the moderation's approval (pre-moderation)."""
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
    return visible_or_404(db.get_or_404(Proposal, proposal_id))


@bp.route("/propuestas/<int:proposal_id>/editar", methods=["GET", "POST"])
@login_required
@limiter.limit("40 per hour", methods=["POST"], key_func=_user_key)
def edit(proposal_id: int):
    proposal = _load_visible(proposal_id)
    user = current_person()
    enforce(permissions.edit_refusal(user, proposal))
    round = proposal.round
    form = _form(round, data=_initial(proposal))
    if form.validate_on_submit():
        with refusals_on(form, form_level=True):
            services.edit_proposal(editor=user, proposal=proposal,
                                   **_proposal_fields(form, round))
            flash(_("Sus cambios quedaron guardados."), "success")
            return redirect(url_for(".show", proposal_id=proposal.id))
    return _render_form(round, form, proposal=proposal)


@bp.route("/propuestas/<int:proposal_id>/retirar", methods=["GET", "POST"])
@login_required
def withdraw(proposal_id: int):
    proposal = _load_visible(proposal_id)
    user = current_person()
    enforce(permissions.withdraw_refusal(user, proposal))
    form = WithdrawForm()
    if form.validate_on_submit():
        with refusals_on(form, form_level=True):
            services.withdraw_proposal(author=user, proposal=proposal, reason=form.reason.data)
            flash(_("Retiró su propuesta. Seguirá visible, marcada como retirada."), "info")
            return redirect(url_for(".show", proposal_id=proposal.id))
    return render_template("proposals/withdraw.html", proposal=proposal,
                           form=form), form_status(form)


# The proposal page and supports --------------------------------------------------------------


def _render_show(proposal: Proposal, *, error: str | None = None):
    user = current_person()
    round = proposal.round
    given = (services.supports_given(user, round)
             if round.max_supports_per_user is not None and can_participate(user) else None)
    return render_template(
        "proposals/show.html",
        proposal=proposal,
        round=round,
        supported=services.has_supported(user, proposal),
        supports_left=(
            max(round.max_supports_per_user - given, 0) if given is not None else None
        ),
        rules=permissions.ProposalRules.of(user, proposal, supports_given=given),
        # The upper features' parts of the page (web.slots): what became of the proposal,
        # the moderation's links and the comments.
        outcome_slots=slots.gather("proposal.outcome", proposal=proposal, user=user),
        # Its translation into the reader's language beside the original (issue 18).
        translation_slots=slots.gather("proposal.translation", proposal=proposal, user=user),
        recording_slots=slots.gather("proposal.recording", proposal=proposal, user=user),
        action_slots=slots.gather("proposal.actions", proposal=proposal, user=user),
        comment_slots=slots.gather("proposal.comments", proposal=proposal, user=user),
        error=error,
    )


@bp.route("/propuestas/<int:proposal_id>")
def show(proposal_id: int):
    return _render_show(visible_or_404(db.first_or_404(
        sa.select(Proposal)
        .where(Proposal.id == proposal_id)
        .options(joinedload(Proposal.author), joinedload(Proposal.organization),
                 joinedload(Proposal.axis), joinedload(Proposal.round))
    )))


def _support_answer(proposal_id: int, count: int, *, supported: bool, message: str):
    """From values read in the view (the transaction commits after it), so no row is loaded
    again."""
    if wants_json():
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
    return visible_or_404(db.session.scalars(
        sa.select(Proposal).where(Proposal.id == proposal_id)
        .options(joinedload(Proposal.round).joinedload(ConsultationRound.phases))
    ).unique().first())


def _count_text(count: int) -> str:
    return ngettext("%(num)d apoyo", "%(num)d apoyos", count)


def _change_support(proposal_id: int, *, support: bool):
    """Support the proposal, or take the support back: the rule, the service, the answer. A
    conflict with the proposal's state (withdrawn, hidden, the round's limit reached, a
    change that came first) is shown on the proposal's page with its status; a refusal of
    the person or of the phase, and any answer to JSON, by the app-wide handler."""
    proposal = _load_for_support(proposal_id)
    user = current_person()
    try:
        if support:
            enforce(permissions.support_refusal(user, proposal))
            added = services.support_proposal(user=user, proposal=proposal)
            message = _("Apoyó esta propuesta.") if added else _("Ya apoyaba esta propuesta.")
        else:
            enforce(permissions.unsupport_refusal(user, proposal))
            removed = services.withdraw_support(user=user, proposal=proposal)
            message = _("Retiró su apoyo.") if removed else _("No apoyaba esta propuesta.")
    except Conflict as refusal:
        if wants_json() or isinstance(refusal, PhaseClosed):
            raise
        # The page shows the proposal as it is, not what the refused service wrote.
        db.session.rollback()
        return _render_show(proposal, error=str(refusal)), refusal.status
    return _support_answer(proposal_id, proposal.support_count, supported=support,
                           message=message)


@bp.route("/propuestas/<int:proposal_id>/apoyar", methods=["POST"])
@login_required
@participation_limits("supports")
def support(proposal_id: int):
    return _change_support(proposal_id, support=True)


@bp.route("/propuestas/<int:proposal_id>/retirar-apoyo", methods=["POST"])
@login_required
@participation_limits("supports")
def unsupport(proposal_id: int):
    return _change_support(proposal_id, support=False)


# Mi participación ---------------------------------------------------------------------------


@bp.route("/mi-participacion")
@login_required
def participation():
    user = current_person()
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
    return render_template(
        "proposals/participation.html", own=own, supported=supported,
        # Slot "participation.outcomes": the MTGA's published responses (consolidation).
        outcome_slots=slots.gather("participation.outcomes", proposals=[*own, *supported],
                                   user=user),
    )
