"""The moderators' workspace (``/moderacion``): a round's proposals with search and
filters, side-by-side reading, drafts made from chosen proposals, proposals attached to
drafts, responses prepared one by one and published together.

Every route needs a moderator or an administrator (``moderators_only``, blueprint-wide) and
answers ``Cache-Control: no-store``. The list's checkboxes are a GET form whose buttons lead
(``formaction``) to the comparison, or to a confirmation page that posts the change with
its CSRF token: nothing changes on GET, and everything works without JavaScript.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy.orm import joinedload
from werkzeug.datastructures import MultiDict

from ..accounts.guards import moderators_only
from ..base.errors import Invalid
from ..base.extensions import db
from ..consultations.models import ConsultationRound
from ..content.numbers import MAX_ID, whole_number
from ..content_translation.builtin import PROPOSAL
from ..content_translation.queries import first_approved
from ..i18n.languages import BY_CODE
from ..i18n.selection import language_choices
from ..plans.models import Commitment
from ..plans.queries import axes_of
from ..proposals.models import Proposal, ProposalCommitment, Response
from ..web import current
from ..web.args import InvalidParameter
from ..web.forms import form_status, notice, refusals_on
from ..web.pagination import page_arg, page_size_args, paginate, per_page_arg
from ..web.security import never_cache, safe_next
from . import bp, permissions, queries, services
from .forms import AttachForm, ConfirmForm, DraftForm, ResponseForm

PER_PAGE_CHOICES = (50, 100, 200)
# 50 rows weigh about 40 KB of HTML with realistic texts; 100 would pass the 60 KB page budget.
COMPARE_MIN, COMPARE_MAX = 2, 4
# At most this many proposals chosen at once (a draft of 88 proposals is already a lot).
MAX_CHOSEN = 200

moderators_only(bp)
never_cache(bp)  # moderators' pages hold unpublished work


def _round(round_id: int) -> ConsultationRound:
    return queries.round_with_plan(round_id) or abort(404)


def _chosen_ids(source: MultiDict) -> list[int]:
    """The repeated ``p`` parameters: ids in ASCII digits, at most MAX_CHOSEN; else a 400."""
    ids: list[int] = []
    for value in source.getlist("p"):
        number = whole_number(value, maximum=MAX_ID)
        if number is None:
            raise InvalidParameter("p")
        if number not in ids:
            ids.append(number)
    if len(ids) > MAX_CHOSEN:
        raise InvalidParameter("p")
    return ids


def _chosen(round: ConsultationRound, ids: list[int]) -> list[Proposal]:
    """The chosen proposals, loaded through the round (an id of another round is a 404)."""
    if not ids:
        return []
    proposals = db.session.scalars(
        sa.select(Proposal)
        .where(Proposal.round_id == round.id, Proposal.id.in_(ids))
        .options(joinedload(Proposal.author), joinedload(Proposal.organization),
                 joinedload(Proposal.axis))
        .order_by(Proposal.reference_year, Proposal.reference_number, Proposal.id)
    ).all()
    if len(proposals) != len(ids):
        abort(404)
    return list(proposals)


def _back(source: MultiDict, round: ConsultationRound) -> str:
    """Where to go afterwards: ``volver`` (a path of this site) or the round's workspace."""
    return safe_next(source.get("volver"), url_for(".workspace", round_id=round.id))


def _source() -> MultiDict:
    return request.form if request.method == "POST" else request.args


def _picked(round: ConsultationRound) -> tuple[list[Proposal], str]:
    """The proposals chosen (``p`` of the query string, or of the form posted) and where to
    go afterwards."""
    source = _source()
    return _chosen(round, _chosen_ids(source)), _back(source, round)


# The list of rounds and a round's workspace ------------------------------------------------------


@bp.route("/")
def index():
    rounds = db.session.scalars(
        sa.select(ConsultationRound)
        .options(joinedload(ConsultationRound.plan))
        .order_by(ConsultationRound.created_at.desc(), ConsultationRound.id.desc())
    ).all()
    return render_template("consolidation/index.html", rounds=rounds)


@bp.route("/consultas/<int:round_id>")
def workspace(round_id: int):
    round = _round(round_id)
    axes = axes_of(round.plan_id)
    filters = queries.parse(request.args, axis_ids={axis.id for axis in axes},
                            extra_args=("page", "per_page"))
    per_page = per_page_arg(request.args, PER_PAGE_CHOICES)
    page = page_arg(request.args, maximum=MAX_ID)
    pagination = paginate(queries.statement(round, filters), page=page, per_page=per_page)
    ids = [proposal.id for proposal in pagination.items]
    return render_template(
        "consolidation/workspace.html",
        round=round,
        axes=axes,
        filters=filters,
        pagination=pagination,
        **page_size_args(per_page, PER_PAGE_CHOICES, filters.url_args()),
        links=queries.links_of(ids),
        responses=queries.responses_of(ids),
        # The language each was written in, and whether a reviewed Spanish translation
        # exists (issue 18): one statement.
        translated=first_approved(PROPOSAL, ids),
        content_languages=language_choices(),
        language_names={code: language.spanish_name for code, language in BY_CODE.items()},
        summary=queries.summary(round),
        commitments=queries.commitments_with_counts(round),
        sorts=queries.SORTS,
        statuses=queries.STATUSES,
        response_states=queries.RESPONSE_STATES,
        link_states=queries.LINK_STATES,
        here=current.here(),
    )


# Side-by-side reading ----------------------------------------------------------------------------


@bp.route("/consultas/<int:round_id>/comparar")
def compare(round_id: int):
    round = _round(round_id)
    proposals, back = _picked(round)
    status = 200
    error = None
    if not COMPARE_MIN <= len(proposals) <= COMPARE_MAX:
        error = _("Elija entre %(min)d y %(max)d propuestas para leerlas lado a lado.",
                  min=COMPARE_MIN, max=COMPARE_MAX)
        status = Invalid.status
    ids = [proposal.id for proposal in proposals]
    return render_template(
        "consolidation/compare.html", round=round, proposals=proposals if not error else [],
        links=queries.links_of(ids) if not error else {},
        responses=queries.responses_of(ids) if not error else {},
        error=error, back=back,
    ), status


# Drafts and links ------------------------------------------------------------------------------


def _confirming(round: ConsultationRound, proposals: list[Proposal], back: str) -> dict:
    """What the confirmation pages show besides the form: the chosen proposals whose
    response says they fed no commitment (linking them is refused until it is corrected),
    and this page's address with the proposals chosen, for the links back from the
    correction."""
    responses = queries.responses_of([p.id for p in proposals])
    return {
        "contradicted": {pid: r for pid, r in responses.items()
                         if permissions.says_no_commitment(r)},
        "here": url_for(request.endpoint, round_id=round.id,
                        p=[p.id for p in proposals], volver=back),
    }


@bp.route("/consultas/<int:round_id>/borradores/nuevo", methods=["GET", "POST"])
def new_draft(round_id: int):
    """Confirm the proposals chosen and give the draft a title; the post creates it."""
    round = _round(round_id)
    proposals, back = _picked(round)
    form = DraftForm(formdata=request.form if request.method == "POST" else None)
    if not proposals:
        form.form_errors.append(_("Elija al menos una propuesta."))
    elif form.validate_on_submit():
        with refusals_on(form, form_level=True):
            commitment = services.create_draft(actor=current.user(), round=round,
                                               proposals=proposals, title=form.title.data)
            flash(ngettext(
                "Creó el borrador de compromiso %(number)s a partir de %(num)d propuesta.",
                "Creó el borrador de compromiso %(number)s a partir de %(num)d propuestas.",
                len(proposals), number=commitment.number,
            ), "success")
            return redirect(back, code=303)
    return render_template("consolidation/new_draft.html", round=round, proposals=proposals,
                           form=form, back=back, error=notice(form),
                           **_confirming(round, proposals, back)), \
        form_status(form) if proposals else Invalid.status


@bp.route("/consultas/<int:round_id>/vincular", methods=["GET", "POST"])
def attach(round_id: int):
    """Confirm the proposals chosen and pick one of the round's drafts; the post links them."""
    round = _round(round_id)
    proposals, back = _picked(round)
    drafts = list(db.session.scalars(queries.round_commitments(round, drafts_only=True)))
    form = AttachForm(formdata=request.form if request.method == "POST" else None)
    form.for_drafts(drafts)
    if not proposals:
        form.form_errors.append(_("Elija al menos una propuesta."))
    elif form.validate_on_submit():
        commitment = next(c for c in drafts if c.id == form.commitment.data)
        with refusals_on(form, form_level=True):
            added = services.attach(actor=current.user(), commitment=commitment,
                                    proposals=proposals)
            if added:
                flash(ngettext(
                    "Vinculó %(num)d propuesta al borrador de compromiso %(number)s.",
                    "Vinculó %(num)d propuestas al borrador de compromiso %(number)s.",
                    len(added), number=commitment.number,
                ), "success")
            else:
                flash(_("Esas propuestas ya estaban vinculadas a ese borrador."), "info")
            return redirect(back, code=303)
    return render_template("consolidation/attach.html", round=round, proposals=proposals,
                           form=form, drafts=drafts, back=back, error=notice(form),
                           **_confirming(round, proposals, back)), \
        form_status(form) if proposals else Invalid.status


# Responses --------------------------------------------------------------------------------------


def _proposal(proposal_id: int) -> Proposal:
    return db.first_or_404(
        sa.select(Proposal)
        .where(Proposal.id == proposal_id)
        .options(joinedload(Proposal.author), joinedload(Proposal.organization),
                 joinedload(Proposal.axis), joinedload(Proposal.round))
    )


def _initial(response: Response | None) -> dict:
    if response is None:
        return {"version": ""}
    return {
        "decision": response.decision.value,
        "reason": response.reason,
        "commitment": response.commitment_id,
        "language": response.language,
        "version": queries.response_version(response),
    }


def _render_respond(proposal, form, *, back, error=None, status=200):
    response = queries.response_of(proposal)
    links = queries.links_of([proposal.id]).get(proposal.id, [])
    user = current.user()
    return render_template(
        "consolidation/respond.html",
        proposal=proposal,
        round=proposal.round,
        response=response,
        links=links,
        detachable={c.id for c in links if permissions.can_detach(user, c, response)},
        form=form,
        detach_form=ConfirmForm(formdata=None),
        back=back,
        error=error,
    ), status


@bp.route("/propuestas/<int:proposal_id>/respuesta", methods=["GET", "POST"])
def respond(proposal_id: int):
    """Prepare the response to one proposal, or correct a published one."""
    proposal = _proposal(proposal_id)
    back = _back(_source(), proposal.round)
    commitments = db.session.scalars(queries.round_commitments(proposal.round)).all()
    response = queries.response_of(proposal)
    form = ResponseForm(data=_initial(response)).for_commitments(commitments)
    if form.validate_on_submit():
        was_published = response is not None and response.is_published
        commitment = next((c for c in commitments if c.id == form.commitment.data), None)
        with refusals_on(form, form_level=True):
            services.prepare_response(
                actor=current.user(), proposal=proposal, decision=form.decision.data,
                reason=form.reason.data, commitment=commitment,
                expected_version=form.version.data or "", language=form.language.data or None,
            )
            if was_published:
                flash(_("Corrigió la respuesta publicada. Se avisó de nuevo a quien envió la "
                        "propuesta y a quienes la apoyan."), "success")
            else:
                flash(_("Guardó la respuesta a %(reference)s. Se hará pública cuando publique "
                        "las respuestas de la consulta.", reference=proposal.reference),
                      "success")
            return redirect(back, code=303)
        if form.form_errors:
            # Someone else changed the response: what they saved is shown on the page, and
            # saving again overwrites it.
            form.version.data = queries.response_version(queries.response_of(proposal))
    return _render_respond(proposal, form, back=back, error=notice(form),
                           status=form_status(form))


@bp.route("/propuestas/<int:proposal_id>/compromisos/<int:commitment_id>/desvincular",
          methods=["POST"])
def detach(proposal_id: int, commitment_id: int):
    proposal = _proposal(proposal_id)
    # Loaded through the link: a commitment the proposal is not linked to is a 404.
    commitment = db.first_or_404(
        sa.select(Commitment)
        .join(ProposalCommitment, ProposalCommitment.commitment_id == Commitment.id)
        .where(ProposalCommitment.proposal_id == proposal.id, Commitment.id == commitment_id)
    )
    back = safe_next(request.form.get("volver"),
                     url_for(".respond", proposal_id=proposal.id))
    refusal = permissions.detach_refusal(current.user(), commitment,
                                         queries.response_of(proposal))
    if refusal is not None:
        commitments = db.session.scalars(queries.round_commitments(proposal.round)).all()
        form = ResponseForm(formdata=None, data=_initial(queries.response_of(proposal)))
        return _render_respond(proposal, form.for_commitments(commitments), back=back,
                               error=str(refusal), status=refusal.status)
    services.detach(actor=current.user(), commitment=commitment, proposal=proposal)
    flash(_("Quitó el vínculo de %(reference)s con el compromiso %(number)s.",
            reference=proposal.reference, number=commitment.number), "success")
    return redirect(back, code=303)


@bp.route("/consultas/<int:round_id>/publicar", methods=["GET", "POST"])
def publish(round_id: int):
    """The prepared responses, then one button that publishes them together."""
    round = _round(round_id)
    form = ConfirmForm()
    if not form.validate_on_submit():
        prepared = db.session.execute(
            sa.select(Proposal, Response)
            .join(Response, Response.proposal_id == Proposal.id)
            .where(Proposal.round_id == round.id, Response.published_at.is_(None))
            .options(joinedload(Response.commitment))
            .order_by(Proposal.reference_year, Proposal.reference_number, Proposal.id)
        ).all()
        return render_template("consolidation/publish.html", round=round, form=form,
                               prepared=prepared, summary=queries.summary(round))
    count = services.publish_responses(actor=current.user(), round=round)
    if count:
        flash(ngettext(
            "Publicó %(num)d respuesta. Se avisó a quienes enviaron y apoyaron la propuesta.",
            "Publicó %(num)d respuestas. Se avisó a quienes enviaron y apoyaron cada propuesta.",
            count,
        ), "success")
    else:
        flash(_("No había respuestas preparadas por publicar."), "info")
    return redirect(url_for(".workspace", round_id=round.id), code=303)
