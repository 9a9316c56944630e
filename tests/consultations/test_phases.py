"""The phase logic: which phase is open, boundaries, and the rules of a schedule."""

from __future__ import annotations

from datetime import timedelta

import pytest

from participa.consultations import phases
from participa.consultations.models import ConsultationRound, Phase, PhaseKind
from participa.consultations.phases import PhaseClosed, schedule_problems

from .conftest import utc

P, R, C, V, PUB = list(PhaseKind)
SECOND = timedelta(seconds=1)

# Proposals in March, a gap, review in April; comments and vote left out; publication in June.
SCHEDULE = {
    P: (utc(2026, 3, 1, 6), utc(2026, 4, 1, 6)),
    R: (utc(2026, 4, 5, 6), utc(2026, 5, 1, 6)),
    PUB: (utc(2026, 6, 1, 6), utc(2026, 6, 30, 6)),
}


def _round(schedule=SCHEDULE) -> ConsultationRound:
    """A round that is never saved: the phase logic needs no database."""
    round = ConsultationRound(title="Consulta")
    # Added out of order on purpose: the logic must not depend on the list's order.
    for kind, (starts_at, ends_at) in reversed(list(schedule.items())):
        round.phases.append(Phase(kind=kind, starts_at=starts_at, ends_at=ends_at))
    return round


def test_phase_kinds_are_in_their_order():
    assert [kind.order for kind in PhaseKind] == [0, 1, 2, 3, 4]
    assert [k.value for k in PhaseKind] == [
        "propuestas", "revision", "comentarios", "priorizacion", "publicacion"]


@pytest.mark.parametrize("now, expected", [
    (utc(2026, 3, 1, 6) - SECOND, None),        # before the first phase
    (utc(2026, 3, 1, 6), P),                    # the start is inclusive
    (utc(2026, 3, 15), P),
    (utc(2026, 4, 1, 6) - SECOND, P),
    (utc(2026, 4, 1, 6), None),                 # the end is exclusive; then a gap
    (utc(2026, 4, 5, 6) - SECOND, None),
    (utc(2026, 4, 5, 6), R),
    (utc(2026, 5, 20), None),                   # no comments nor vote in this round
    (utc(2026, 6, 29), PUB),
    (utc(2026, 6, 30, 6), None),                # over
])
def test_current_phase_and_is_open(now, expected):
    round = _round()
    current = phases.current_phase(round, now)
    assert (current.kind if current else None) == expected
    for kind in PhaseKind:
        assert phases.is_open(round, kind, now) == (kind == expected)


def test_back_to_back_phases_hand_over_at_the_boundary():
    boundary = utc(2026, 4, 1, 6)
    round = _round({P: (utc(2026, 3, 1), boundary), R: (boundary, utc(2026, 5, 1))})
    assert phases.current_phase(round, boundary - SECOND).kind == P
    assert phases.current_phase(round, boundary).kind == R


@pytest.mark.parametrize("now, expected", [
    (utc(2026, 1, 1), P),
    (utc(2026, 3, 15), R),   # while proposals are open, review is next
    (utc(2026, 4, 2), R),    # in the gap
    (utc(2026, 4, 10), PUB),
    (utc(2026, 7, 1), None),
])
def test_next_phase(now, expected):
    upcoming = phases.next_phase(_round(), now)
    assert (upcoming.kind if upcoming else None) == expected


def test_has_ended_and_last_phase():
    round = _round()
    assert phases.last_phase(round).kind == PUB
    assert not phases.has_ended(round, utc(2026, 6, 30, 6) - SECOND)
    assert phases.has_ended(round, utc(2026, 6, 30, 6))
    empty = ConsultationRound(title="Sin fechas")
    assert phases.last_phase(empty) is None
    assert not phases.has_ended(empty, utc(2030, 1, 1))
    assert phases.current_phase(empty, utc(2026, 3, 2)) is None
    assert not phases.is_open(empty, P, utc(2026, 3, 2))


def test_now_defaults_to_the_present_and_must_be_aware():
    from participa.base.time import utcnow

    now = utcnow()
    round = _round({P: (now - timedelta(hours=1), now + timedelta(hours=1))})
    assert phases.is_open(round, P)
    assert phases.current_phase(round).kind == P
    with pytest.raises(ValueError):
        phases.is_open(round, P, now.replace(tzinfo=None))


def test_supports_are_open_during_the_proposals_phase():
    assert phases.SUPPORT_PHASE == phases.SUBMIT_PHASE == PhaseKind.PROPOSALS


def test_require_open_returns_the_open_phase():
    round = _round()
    assert phases.require_open(round, P, utc(2026, 3, 2)).kind == P


@pytest.mark.parametrize("kind, now, message", [
    (P, utc(2026, 2, 1),
     "Esto solo se puede hacer durante la fase «Propuestas», que abre el "
     "1 de marzo de 2026, 00:00."),
    (P, utc(2026, 4, 1, 6),
     "Esto solo se puede hacer durante la fase «Propuestas», que estuvo abierta del "
     "1 de marzo de 2026, 00:00 al 1 de abril de 2026, 00:00."),
    (V, utc(2026, 3, 2), "Esta consulta no tiene la fase «Votación de priorización»."),
])
def test_phase_closed_says_which_phase_and_when(app, kind, now, message):
    with app.test_request_context():
        with pytest.raises(PhaseClosed) as caught:
            phases.require_open(_round(), kind, now)
        assert str(caught.value) == message
        assert caught.value.kind == kind


# Schedules --------------------------------------------------------------------------------


def _problems(app, schedule):
    with app.test_request_context():
        return [(p.kind, p.which, p.message) for p in schedule_problems(schedule)]


def test_a_good_schedule_has_no_problems(app):
    assert _problems(app, SCHEDULE) == []
    assert _problems(app, {}) == []
    # Back to back is allowed: ends are exclusive.
    assert _problems(app, {P: (utc(2026, 3, 1), utc(2026, 4, 1)),
                           R: (utc(2026, 4, 1), utc(2026, 5, 1))}) == []


def test_a_phase_must_end_after_it_starts(app):
    same = utc(2026, 3, 1)
    assert _problems(app, {P: (same, same)}) == [
        (P, "ends_at", "El fin de la fase debe ser posterior a su inicio.")]
    assert _problems(app, {P: (same, same - SECOND)})[0][:2] == (P, "ends_at")


def test_overlapping_phases(app):
    problems = _problems(app, {P: (utc(2026, 3, 1, 6), utc(2026, 4, 1, 6)),
                               R: (utc(2026, 3, 31, 6), utc(2026, 5, 1, 6))})
    assert problems == [(R, "starts_at",
                         "Se superpone con la fase «Propuestas», que termina el "
                         "1 de abril de 2026, 00:00. Debe empezar en esa fecha o después.")]


def test_phases_out_of_order(app):
    problems = _problems(app, {P: (utc(2026, 3, 1, 6), utc(2026, 4, 1, 6)),
                               R: (utc(2026, 1, 1, 6), utc(2026, 2, 1, 6))})
    assert problems == [(R, "starts_at",
                         "Las fases van en orden: «Revisión y consolidación de la MTGA» va "
                         "después de «Propuestas». Debe empezar cuando termine «Propuestas» "
                         "(1 de abril de 2026, 00:00) o después.")]


def test_every_problem_is_reported_and_compared_with_all_earlier_phases(app):
    problems = _problems(app, {
        P: (utc(2026, 3, 1), utc(2026, 4, 1)),
        R: (utc(2026, 1, 1), utc(2026, 2, 1)),       # before proposals
        C: (utc(2026, 3, 15), utc(2026, 5, 1)),      # after review, but overlaps proposals
        V: (utc(2026, 6, 1), utc(2026, 5, 1)),       # ends before it starts
        PUB: (utc(2026, 5, 1), utc(2026, 6, 1)),     # fine: the vote is ignored
    })
    assert [(kind, which) for kind, which, _ in problems] == [
        (R, "starts_at"), (C, "starts_at"), (V, "ends_at")]
    assert "Se superpone con la fase «Propuestas»" in problems[1][2]
