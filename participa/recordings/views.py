"""Recordings: the form that attaches one (no JavaScript needed), a recording's own page
(player and transcript), the moderation's hide, and the slots that list them on the
commitment, round and proposal pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required
from sqlalchemy.orm import joinedload

from ..base.errors import enforce
from ..base.extensions import db, limiter
from ..base.roles import can_moderate
from ..consultations.models import ConsultationRound
from ..content.visibility import ModerationState
from ..content_translation import queries as translation_queries
from ..files.services import size_text
from ..i18n import languages
from ..i18n.selection import interface_language
from ..plans.models import Commitment
from ..proposals import permissions as proposal_permissions
from ..proposals.models import Proposal, Response
from ..web import current
from ..web.forms import form_status, refusals_on
from ..web.ratelimits import participation_limits
from ..web.security import MICROPHONE_POLICY
from . import bp, permissions, queries, services
from .forms import RecordedProposalForm, RecordingForm
from .models import Recording, Target
from .services import clock_text, limits
from .translation_kind import RECORDING

# The body of a request that carries a recording: the limit, and room for a file somewhat
# larger, which the service then refuses with the form and what was typed (past it, 413).
BODY_MARGIN = 8 * 1024 * 1024


@dataclass(frozen=True)
class Place:
    """What a recording belongs to, as its pages name and link it."""

    target: Target
    target_id: int
    title: str
    url: str


def place_of(target: Target, target_id: int) -> Place | None:
    if target == Target.COMMITMENT:
        commitment = db.session.get(Commitment, target_id)
        return commitment and Place(target, target_id, commitment.title,
                                    url_for("plans.commitment", commitment_id=target_id))
    if target == Target.CALL:
        round = db.session.get(ConsultationRound, target_id)
        return round and Place(target, target_id, round.title,
                               url_for("consultations.show", round_id=target_id))
    if target == Target.PROPOSAL:
        proposal = db.session.get(Proposal, target_id)
        return proposal and Place(target, target_id, proposal.title,
                                  url_for("proposals.show", proposal_id=target_id))
    response = db.session.get(Response, target_id)
    return response and Place(target, target_id, response.proposal.title,
                              url_for("proposals.show", proposal_id=response.proposal_id))


def _place(target: str, target_id: int) -> Place:
    place = place_of(Target(target), target_id)
    if place is None:
        abort(404)
    return place


def _recording_form(page: str, status: int):
    """A form that takes a recording: this site may use the microphone there, for the
    recording in the browser (static/js/recorder.js)."""
    response = make_response(page, status)
    response.headers["Permissions-Policy"] = MICROPHONE_POLICY
    return response


@bp.route("/grabaciones/<any(compromiso, respuesta, convocatoria):target>/<int:target_id>/nueva",
          methods=["GET", "POST"])
@login_required
def new(target: str, target_id: int):
    place = _place(target, target_id)
    user = current.user()
    enforce(permissions.attach_refusal(user))
    max_bytes, max_seconds = limits()
    request.max_content_length = max_bytes + BODY_MARGIN
    form = RecordingForm()
    if form.validate_on_submit():
        with refusals_on(form):
            services.attach_recording(
                actor=user, target=place.target, target_id=place.target_id,
                language=form.idioma_grabacion.data or "", transcript=form.transcripcion.data or "",
                upload=request.files.get("grabacion"))
            flash(_("Grabación añadida."), "success")
            return redirect(place.url, code=303)
    return _recording_form(render_template(
        "recordings/new.html", form=form, place=place,
        max_size=size_text(max_bytes), max_length=clock_text(max_seconds),
    ), form_status(form))


@bp.route("/grabaciones/<int:recording_id>")
def show(recording_id: int):
    recording = db.session.get(Recording, recording_id)
    user = current.user()
    proposal = db.session.get(Proposal, recording.target_id) \
        if recording is not None and recording.target == Target.PROPOSAL else None
    if recording is None or not permissions.can_hear(user, recording, proposal):
        abort(404)
    place = place_of(recording.target, recording.target_id)
    return render_template("recordings/show.html", recording=recording, place=place,
                           language_name=autonym(recording.language),
                           can_hide=permissions.hide_refusal(user) is None
                           and recording.moderation_state != ModerationState.HIDDEN)


@bp.route("/grabaciones/<int:recording_id>/ocultar", methods=["POST"])
@login_required
def hide(recording_id: int):
    recording = db.session.get(Recording, recording_id)
    if recording is None:
        abort(404)
    user = current.user()
    enforce(permissions.hide_refusal(user))
    services.hide_recording(moderator=user, recording=recording,
                            reason=(request.form.get("reason") or "").strip()
                            or _("Oculta por la moderación."))
    flash(_("Grabación oculta: el público ya no la escucha; se conserva."), "success")
    return redirect(url_for(".show", recording_id=recording.id), code=303)


def autonym(code: str) -> str:
    """A language's own name (K'iche'), said in that language by the template's ``lang``."""
    language = languages.BY_CODE.get(code)
    return language.autonym if language else code


@dataclass(frozen=True)
class RecordingsBox:
    recordings: list[Recording]
    new_url: str | None  # the form, for those who may attach one
    names: dict[str, str]  # each recording's language, by its own name


def _box(target: Target, target_id: int, user: Any) -> RecordingsBox | None:
    recordings = queries.recordings_of(target, target_id, user)
    may = permissions.may_attach(user)
    if not recordings and not may:
        return None
    new_url = url_for("recordings.new", target=target.value, target_id=target_id) \
        if may else None
    return RecordingsBox(recordings, new_url,
                         {r.language: autonym(r.language) for r in recordings})


def commitment_box(*, commitment: Commitment, user: Any, **_context: Any):
    return _box(Target.COMMITMENT, commitment.id, user)


def round_box(*, round: ConsultationRound, user: Any = None, **_context: Any):
    return _box(Target.CALL, round.id, user)


def response_box(*, proposal: Any, user: Any, **_context: Any):
    response = db.session.scalar(
        db.select(Response).where(Response.proposal_id == proposal.id))
    if response is None or not response.is_published:
        return None
    return _box(Target.RESPONSE, response.id, user)


# Proposals received as a recording (issue 18, item 4) --------------------------------------


def _recorded_form(round: ConsultationRound) -> RecordedProposalForm:
    form = RecordedProposalForm(
        data=None if request.method == "POST" else {"idioma_grabacion": interface_language()})
    return form.for_round(list(round.plan.axes))


@bp.route("/consultas/<int:round_id>/propuestas/grabada", methods=["GET", "POST"])
@login_required
@limiter.limit("40 per hour", methods=["POST"])
@participation_limits("proposals")
def new_proposal(round_id: int):
    """A participant sends her proposal as a recording in her language with a short title;
    it waits for the moderation's approval. No JavaScript: a plain multipart form."""
    round = db.get_or_404(ConsultationRound, round_id)
    user = current.user()
    enforce(proposal_permissions.submit_refusal(user, round))
    max_bytes, max_seconds = limits()
    request.max_content_length = max_bytes + BODY_MARGIN
    form = _recorded_form(round)
    if form.validate_on_submit():
        axis_id = form.axis.data if "axis" in form else None
        axis = next((a for a in round.plan.axes if a.id == axis_id), None)
        with refusals_on(form):
            proposal = services.submit_recorded_proposal(
                author=user, round=round, title=form.title.data or "",
                language=form.idioma_grabacion.data or "", axis=axis,
                upload=request.files.get("grabacion"))
            flash(_("Recibimos su propuesta grabada, con el código %(reference)s. Espera la "
                    "aprobación de la moderación: hasta entonces solo usted, la moderación y "
                    "quienes traducen su idioma la escuchan.", reference=proposal.reference),
                  "info")
            return redirect(url_for("proposals.show", proposal_id=proposal.id), code=303)
    return _recording_form(render_template(
        "recordings/new_proposal.html", form=form, round=round,
        max_size=size_text(max_bytes), max_length=clock_text(max_seconds),
    ), form_status(form))


def recorded_proposal_form(*, round: ConsultationRound, **_context: Any):
    """The proposal form's second way: the link to the recorded proposal's form."""
    return url_for("recordings.new_proposal", round_id=round.id)


@dataclass(frozen=True)
class ProposalRecording:
    recordings: list[Recording]
    names: dict[str, str]
    # Each recording's reviewed translation into the reader's language, by recording id.
    translations: dict[int, Any] = field(default_factory=dict)
    reader_language: str = ""
    # Its translations' page, for the MTGA, its author and translators.
    translations_url: dict[int, str] = field(default_factory=dict)


def proposal_box(*, proposal: Proposal, user: Any, **_context: Any):
    """The recording of a proposal received as one, on its page (which shows it only to those
    who may read the proposal: its author and the moderators while it is pending)."""
    if not proposal.is_recorded:
        return None
    statement = (db.select(Recording).options(joinedload(Recording.file))
                 .where(Recording.target == Target.PROPOSAL, Recording.target_id == proposal.id)
                 .order_by(Recording.id))
    recordings = list(db.session.scalars(statement))
    reader = interface_language()
    shown = translation_queries.shown_many(
        [(RECORDING, r.id) for r in recordings if r.language != reader], reader) \
        if recordings else {}
    may_list = can_moderate(user) or getattr(user, "id", None) == proposal.author_id or \
        getattr(user, "is_translator", False)
    return ProposalRecording(
        recordings, {r.language: autonym(r.language) for r in recordings},
        translations={key[1]: item for key, item in shown.items()}, reader_language=reader,
        translations_url={r.id: url_for("content_translation.item", kind=RECORDING,
                                        item_id=r.id) for r in recordings} if may_list else {})
