"""The prioritisation vote: the round's ballot page, the vote and unvote buttons (plain forms,
no JavaScript), and the vote box that this feature puts on a commitment's page (the slot
``commitment.aside`` of ``plans``, filled in the package's ``__init__``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required
from sqlalchemy.orm import selectinload

from ..base.errors import Conflict, enforce
from ..base.extensions import db
from ..base.time import utcnow
from ..consultations.models import ConsultationRound, Phase
from ..consultations.permissions import can_participate
from ..consultations.phases import PhaseClosed, phase_of
from ..plans.models import Commitment
from ..web.current import user as current_person
from ..web.errors import wants_json
from ..web.ratelimits import participation_limits
from ..web.security import safe_next
from . import bp, permissions, services
from .forms import VoteForm
from .permissions import VOTE_PHASE


def _round(round_id: int) -> ConsultationRound:
    round = db.first_or_404(
        sa.select(ConsultationRound)
        .where(ConsultationRound.id == round_id)
        .options(selectinload(ConsultationRound.phases))
    )
    if not permissions.has_vote(round):
        abort(404)
    return round


def _commitment(round: ConsultationRound, commitment_id: int) -> Commitment:
    """A commitment loaded through its round (an id of another round is a 404)."""
    return db.first_or_404(
        sa.select(Commitment)
        .where(Commitment.id == commitment_id, Commitment.round_id == round.id)
    )


def _phase_state(phase: Phase, now: datetime) -> str:
    if phase.is_open(now):
        return "open"
    return "closed" if phase.ends_at <= now else "upcoming"


# The ballot ---------------------------------------------------------------------------------


def _render_ballot(round: ConsultationRound, *, error: str | None = None):
    now = utcnow()
    user = current_person()
    visible = permissions.results_visible(round, now)
    participant = can_participate(user)
    voted = services.my_votes(user, round) if participant else set()
    commitments = services.ballot(round, by_votes=visible, fixed=services.ballot_ids(round))
    return render_template(
        "voting/ballot.html",
        round=round,
        phase=phase_of(round, VOTE_PHASE),
        state=_phase_state(phase_of(round, VOTE_PHASE), now),
        commitments=commitments,
        candidates={c.id for c in commitments if permissions.is_candidate(c, round)},
        voted=voted,
        can_vote=permissions.can_vote(user, round, now),
        remaining=services.remaining_votes(round, len(voted)) if participant else None,
        results_visible=visible,
        voters=services.voter_count(round) if visible else None,
        error=error,
    )


@bp.route("/consultas/<int:round_id>/priorizacion")
def ballot(round_id: int):
    return _render_ballot(_round(round_id))


def _answer(round: ConsultationRound, commitment: Commitment, message: str):
    flash(message, "success")
    default = url_for(".ballot", round_id=round.id, _anchor=f"compromiso-{commitment.id}")
    return redirect(safe_next(VoteForm().next.data, default), code=303)


def _vote_action(round_id: int, commitment_id: int, *, cast: bool):
    round = _round(round_id)
    commitment = _commitment(round, commitment_id)
    user = current_person()
    service = services.cast_vote if cast else services.withdraw_vote
    try:
        enforce(permissions.vote_refusal(user, round, commitment))
        changed = service(user=user, round=round, commitment=commitment)
    except Conflict as refusal:
        # Not a draft of the round, or no votes left: on the ballot, with its status. A
        # refusal of the person or of the phase, and any answer to JSON: app-wide.
        if wants_json() or isinstance(refusal, PhaseClosed):
            raise
        db.session.rollback()  # the ballot shows the votes as they are
        return _render_ballot(round, error=str(refusal)), refusal.status
    if cast:
        message = (_("Votó por «%(title)s».", title=commitment.title) if changed
                   else _("Ya había votado por «%(title)s».", title=commitment.title))
    else:
        message = (_("Retiró su voto por «%(title)s».", title=commitment.title) if changed
                   else _("No había votado por «%(title)s».", title=commitment.title))
    return _answer(round, commitment, message)


@bp.route("/consultas/<int:round_id>/priorizacion/<int:commitment_id>/votar",
          methods=["POST"])
@login_required
@participation_limits("votes")
def vote(round_id: int, commitment_id: int):
    return _vote_action(round_id, commitment_id, cast=True)


@bp.route("/consultas/<int:round_id>/priorizacion/<int:commitment_id>/retirar-voto",
          methods=["POST"])
@login_required
@participation_limits("votes")
def unvote(round_id: int, commitment_id: int):
    return _vote_action(round_id, commitment_id, cast=False)


# The box on a commitment's page ---------------------------------------------------------------


@dataclass(frozen=True)
class VoteBox:
    round: ConsultationRound
    phase: Phase
    state: str  # "upcoming", "open" or "closed"
    candidate: bool  # a draft of the round on its ballot, which the vote is about
    off_ballot: bool  # a draft of the round created after its ballot was fixed
    can_vote: bool  # the person may press the button now
    voted: bool
    remaining: int | None  # None when the person may not vote
    results_visible: bool
    count: int


def vote_box(commitment: Commitment, user: object, **context: object) -> VoteBox | None:  # noqa: ARG001
    """The slot ``commitment.aside``: what ``voting/_vote_box.html`` shows for
    ``commitment``; None (nothing to show) for a commitment that came from no round, or from
    a round without a vote."""
    if commitment.round_id is None:
        return None
    round = db.session.get(ConsultationRound, commitment.round_id)
    phase = phase_of(round, VOTE_PHASE) if round is not None else None
    if phase is None:
        return None
    now = utcnow()
    participant = can_participate(user)
    voted = services.my_votes(user, round) if participant else set()
    draft = permissions.is_candidate(commitment, round)
    candidate = draft and services.on_ballot(commitment, services.ballot_ids(round))
    return VoteBox(
        round=round,
        phase=phase,
        state=_phase_state(phase, now),
        candidate=candidate,
        off_ballot=draft and not candidate,
        can_vote=candidate and permissions.can_vote(user, round, now),
        voted=commitment.id in voted,
        remaining=services.remaining_votes(round, len(voted)) if participant else None,
        results_visible=permissions.results_visible(round, now),
        count=commitment.vote_count,
    )



def round_link(round: ConsultationRound, now: datetime | None = None,
               **context: object) -> ConsultationRound | None:  # noqa: ARG001
    """The slot ``round.actions`` of the round page: the round, once its vote has opened
    (open or over); None before, or for a round without a vote."""
    phase = phase_of(round, VOTE_PHASE)
    if phase is None or phase.starts_at > (now or utcnow()):
        return None
    return round
