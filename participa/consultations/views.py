"""Public pages of the consultation rounds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import render_template
from flask_babel import gettext as _

from ..base.extensions import db
from ..base.time import utcnow
from ..i18n.dates import format_local
from ..i18n.live import catalog_version
from ..i18n.selection import interface_language
from ..web import fragments, slots
from ..web.current import user as current_person
from . import bp, phases, rounds_version
from .models import ConsultationRound, Phase, PhaseKind
from .permissions import can_manage_rounds, can_participate
from .queries import listed_rounds, round_commitments


@dataclass(frozen=True)
class TimelineStep:
    phase: Phase
    state: str  # "open", "done", "upcoming" or "published" (the publication, once done)

    @property
    def is_open(self) -> bool:
        return self.state == "open"


def timeline(round: ConsultationRound, now: datetime) -> list[TimelineStep]:
    """Each phase: open, done or upcoming; once the plan is published, its publication is
    done ("published") and no phase is open, whatever the dates say."""
    steps = []
    for phase in phases.ordered_phases(round):
        if round.published_at is not None and (
            phase.kind == PhaseKind.PUBLICATION or phase.starts_at <= now
        ):
            state = "published" if phase.kind == PhaseKind.PUBLICATION else "done"
        elif phase.is_open(now):
            state = "open"
        elif phase.ends_at <= now:
            state = "done"
        else:
            state = "upcoming"
        steps.append(TimelineStep(phase, state))
    return steps


def _what_now(phase: Phase) -> str:
    until = format_local(phase.ends_at)
    texts = {
        PhaseKind.PROPOSALS: _(
            "Puede enviar propuestas y apoyar las de otras personas hasta el %(date)s.",
            date=until),
        PhaseKind.REVIEW: _(
            "La Mesa Técnica de Gobierno Abierto revisa y consolida las propuestas hasta el "
            "%(date)s. Puede leer las propuestas, pero ya no enviarlas ni apoyarlas.",
            date=until),
        PhaseKind.COMMENTS: _(
            "Puede comentar los borradores de compromisos hasta el %(date)s.", date=until),
        PhaseKind.VOTE: _(
            "Puede votar para priorizar los compromisos hasta el %(date)s.", date=until),
        PhaseKind.PUBLICATION: _(
            "La Mesa Técnica de Gobierno Abierto prepara la publicación del plan de acción "
            "hasta el %(date)s.", date=until),
    }
    return texts[phase.kind]


def status_text(round: ConsultationRound, now: datetime) -> str:
    """What a visitor can do now and until when, in one sentence; once the round's plan is
    published, that it was (whatever phase the dates still show)."""
    if round.published_at is not None:
        return _(
            "La consulta terminó: el plan de acción se publicó el %(date)s y está en "
            "implementación.", date=format_local(round.published_at),
        )
    current = phases.current_phase(round, now)
    if current is not None:
        return _what_now(current)
    upcoming = phases.next_phase(round, now)
    if upcoming is not None:
        return _(
            "Ahora no hay ninguna fase abierta. La fase «%(phase)s» abre el %(date)s.",
            phase=upcoming.kind.label, date=format_local(upcoming.starts_at),
        )
    last = phases.last_phase(round)
    if last is not None:
        return _("Esta consulta terminó el %(date)s.", date=format_local(last.ends_at))
    return _("Esta consulta todavía no tiene fechas.")


def _participates_now(phase: Phase | None) -> bool:
    """Whether the open phase is one where people act (everything but the MTGA's work)."""
    return phase is not None and phase.kind in (
        PhaseKind.PROPOSALS, PhaseKind.COMMENTS, PhaseKind.VOTE
    )


ROUNDS_TEMPLATES = fragments.digest_of("consultations/_rounds.html", "consultations/_dates.html")


@bp.route("/")
def index():
    now = utcnow()
    # Rendered once per version of the list of rounds (one row, read in this transaction:
    # rounds_version.py), language and catalog, and reused until the version is raised or
    # a phase opens or closes (the rounds and phases are read only to render it again).
    language = interface_language()
    version, changed_at = rounds_version.current()
    key = "|".join(map(str, ("rounds", ROUNDS_TEMPLATES, language, catalog_version(language),
                             version, changed_at)))

    def render() -> tuple[str, datetime | None]:
        listing = listed_rounds(now)
        return (render_template("consultations/_rounds.html", listing=listing),
                listing.changes_at)

    rounds = fragments.kept_until(key, render, now)
    return render_template("consultations/index.html", rounds=rounds)


@bp.route("/<int:round_id>")
def show(round_id: int):
    now = utcnow()
    round = db.get_or_404(ConsultationRound, round_id)
    user = current_person()
    current = phases.current_phase(round, now) if round.published_at is None else None
    return render_template(
        "consultations/show.html",
        round=round,
        now=now,
        timeline=timeline(round, now),
        current=current,
        status_text=status_text(round, now),
        invite=_participates_now(current),
        commitments=round_commitments(round),
        can_participate=can_participate(user),
        can_manage=can_manage_rounds(user),
        # What the proposals feature adds: its actions, and the participation in numbers.
        action_slots=slots.gather("round.actions", round=round, user=user, now=now),
        participation_slots=slots.gather("round.participation", round=round),
        link_slots=slots.gather("round.links", round=round, user=user),
        # Its call in the reader's language (issue 18).
        translation_slots=slots.gather("round.translation", round=round, user=user),
    )
