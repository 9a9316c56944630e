"""Which phase of a consultation round is open, and the rules of a round's schedule.

Every feature asks these functions, never the dates directly:

- a phase is open from ``starts_at`` inclusive to ``ends_at`` exclusive (an end of
  ``2026-05-01 00:00`` means "the whole of 30 April");
- at most one phase is open at a time: a round's phases follow the order of ``PhaseKind`` and
  may not overlap (``schedule_problems``); there may be gaps, when no phase is open;
- a round may leave phases out (no vote, say); ``is_open`` is then False for that kind;
- **supports are given during the proposals phase** (``SUPPORT_PHASE``): people support
  proposals while they are still being written, and the MTGA reviews proposals together with
  their supports once the phase closes. Proposals and supports close at the same moment.

``require_open`` raises ``PhaseClosed``, whose ``str()`` is a translated message naming the
phase and when it opens or was open; the app answers it with a 409 page (see
``participa.consultations.errors``), so a forged POST outside its phase is refused cleanly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..base.errors import Conflict, enforce
from ..base.time import utcnow
from ..i18n.dates import format_local
from .models import ConsultationRound, Phase, PhaseKind

SUBMIT_PHASE = PhaseKind.PROPOSALS
SUPPORT_PHASE = PhaseKind.PROPOSALS


def _now(now: datetime | None) -> datetime:
    if now is None:
        return utcnow()
    if now.tzinfo is None:
        raise ValueError("naive datetime given as now")
    return now


def ordered_phases(round: ConsultationRound) -> list[Phase]:
    """The round's phases in their order (``PhaseKind`` order, which is also time order)."""
    return sorted(round.phases, key=lambda phase: (phase.kind.order, phase.starts_at))


def phase_of(round: ConsultationRound, kind: PhaseKind) -> Phase | None:
    return next((phase for phase in round.phases if phase.kind == kind), None)


def current_phase(round: ConsultationRound, now: datetime | None = None) -> Phase | None:
    """The phase open at ``now`` (default: the present), or None."""
    now = _now(now)
    return next((phase for phase in ordered_phases(round) if phase.is_open(now)), None)


def is_open(round: ConsultationRound, kind: PhaseKind, now: datetime | None = None) -> bool:
    """Whether the phase ``kind`` is open at ``now``. Once the round's plan is published no
    phase of people's participation opens again, whatever the dates say (the service refuses
    to move them; this also holds for a round whose dates were moved before that rule)."""
    phase = phase_of(round, kind)
    return (phase is not None and phase.is_open(_now(now))
            and not _closed_by_publication(round, kind))


def _closed_by_publication(round: ConsultationRound, kind: PhaseKind) -> bool:
    return round.published_at is not None and kind != PhaseKind.PUBLICATION


def next_phase(round: ConsultationRound, now: datetime | None = None) -> Phase | None:
    """The first phase that has not started yet at ``now``, or None."""
    now = _now(now)
    return next((phase for phase in ordered_phases(round) if phase.starts_at > now), None)


def last_phase(round: ConsultationRound) -> Phase | None:
    phases = ordered_phases(round)
    return phases[-1] if phases else None


def has_ended(round: ConsultationRound, now: datetime | None = None) -> bool:
    """Every phase is over (a round without phases has not ended: it has no dates yet)."""
    last = last_phase(round)
    return last is not None and last.ends_at <= _now(now)


class PhaseClosed(Conflict):
    """An action that needs a phase of ``round`` that is not open at ``now`` (409).

    ``str(error)`` is a translated message (computed when shown, in the request's language)."""

    title = _l("Esta fase de la consulta no está abierta")

    def __init__(self, round: ConsultationRound, kind: PhaseKind, now: datetime) -> None:
        super().__init__()
        self.round = round
        self.kind = kind
        self.phase = phase_of(round, kind)
        self.now = now

    def __str__(self) -> str:
        phase = self.phase
        label = self.kind.label
        if phase is None:
            return _("Esta consulta no tiene la fase «%(phase)s».", phase=label)
        if _closed_by_publication(self.round, self.kind):
            return _(
                "El plan de esta consulta se publicó el %(date)s: la fase «%(phase)s» ya no "
                "se abre.",
                date=format_local(self.round.published_at), phase=label,
            )
        if self.now < phase.starts_at:
            return _(
                "Esto solo se puede hacer durante la fase «%(phase)s», que abre el %(start)s.",
                phase=label, start=format_local(phase.starts_at),
            )
        return _(
            "Esto solo se puede hacer durante la fase «%(phase)s», que estuvo abierta del "
            "%(start)s al %(end)s.",
            phase=label, start=format_local(phase.starts_at), end=format_local(phase.ends_at),
        )


def closed_refusal(
    round: ConsultationRound, kind: PhaseKind, now: datetime | None = None
) -> PhaseClosed | None:
    """The refusal (409) of an action that needs the phase ``kind`` open, or None when it is
    open: the phase part of every rule of the features."""
    now = _now(now)
    if not is_open(round, kind, now):
        return PhaseClosed(round, kind, now)
    return None


def require_open(
    round: ConsultationRound, kind: PhaseKind, now: datetime | None = None
) -> Phase:
    """The open phase of ``kind``; raises ``PhaseClosed`` when it is not open."""
    enforce(closed_refusal(round, kind, now))
    return phase_of(round, kind)


# The schedule an administrator enters -----------------------------------------------------


@dataclass(frozen=True)
class ScheduleProblem:
    """A translated message about one date: ``which`` is "starts_at" or "ends_at"."""

    kind: PhaseKind
    which: str
    message: str


def schedule_problems(
    schedule: Mapping[PhaseKind, tuple[datetime, datetime]],
) -> list[ScheduleProblem]:
    """Everything wrong with a round's phases, given as {kind: (starts_at, ends_at)}.

    Each phase must end after it starts; the phases present must follow the order of
    ``PhaseKind`` without overlapping (one may start the moment the previous one ends, since
    ends are exclusive). Phases may be left out, and gaps between phases are allowed."""
    problems: list[ScheduleProblem] = []
    # The earlier phases whose own dates make sense, to compare each phase with.
    earlier: list[tuple[PhaseKind, datetime, datetime]] = []
    for kind in PhaseKind:
        if kind not in schedule:
            continue
        starts_at, ends_at = schedule[kind]
        if ends_at <= starts_at:
            problems.append(ScheduleProblem(
                kind, "ends_at", _("El fin de la fase debe ser posterior a su inicio.")
            ))
            continue
        problem = _placement_problem(kind, starts_at, earlier)
        if problem is not None:
            problems.append(problem)
        earlier.append((kind, starts_at, ends_at))
    return problems


def _placement_problem(kind, starts_at, earlier) -> ScheduleProblem | None:
    """A phase out of order (it starts before an earlier kind starts), else one that
    overlaps an earlier phase (it starts before that one ends)."""
    before = next(((p, end) for p, start, end in earlier if starts_at < start), None)
    if before is not None:
        previous, previous_end = before
        return ScheduleProblem(kind, "starts_at", _(
            "Las fases van en orden: «%(phase)s» va después de «%(previous)s». "
            "Debe empezar cuando termine «%(previous)s» (%(date)s) o después.",
            phase=kind.label, previous=previous.label, date=format_local(previous_end),
        ))
    overlapped = next(((p, end) for p, _start, end in earlier if starts_at < end), None)
    if overlapped is not None:
        previous, previous_end = overlapped
        return ScheduleProblem(kind, "starts_at", _(
            "Se superpone con la fase «%(previous)s», que termina el %(date)s. "
            "Debe empezar en esa fecha o después.",
            previous=previous.label, date=format_local(previous_end),
        ))
    return None
