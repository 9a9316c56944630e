"""Creating and changing consultation rounds. Services flush and write audit events; the
request (or the command) commits. A refused change raises ``Invalid`` naming its form field
(``phase_field`` for the dates of a phase)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from flask_babel import gettext as _

from ..accounts.models import User
from ..audit.services import record
from ..base.errors import Invalid, enforce
from ..base.extensions import db
from ..content.language import checked_language
from ..content.text import checked
from ..i18n.dates import format_local
from ..plans.models import ActionPlan
from .models import ConsultationRound, Phase, PhaseKind, ResultsVisibility
from .permissions import run_refusal
from .phases import schedule_problems

TITLE_MAX = 255
DESCRIPTION_MAX = 5000
MAX_SUPPORTS_LIMIT = 10_000
# The prioritisation vote: each person votes for up to K draft commitments.
DEFAULT_VOTES_PER_USER = 3
MAX_VOTES_LIMIT = 100
# Pre-moderation: content from accounts younger than this many days waits for approval.
MAX_PREMODERATION_DAYS = 3650
# update_round: a setting left as it was (the callers that do not pass it).
KEEP: Any = object()

# {kind: (starts_at, ends_at)}, aware datetimes; a kind left out is a phase the round skips.
Schedule = Mapping[PhaseKind, tuple[datetime, datetime]]


def phase_field(kind: PhaseKind, which: str) -> str:
    """The form field of one date of a phase: ``propuestas_starts_at``."""
    return f"{kind.value}_{which}"


def _utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("naive datetime given for a phase")
    return value.astimezone(UTC)


def _clean(
    *, title: str, description: str | None, max_supports_per_user: int | None,
    schedule: Schedule,
) -> tuple[str, str | None, dict[PhaseKind, tuple[datetime, datetime]]]:
    title = " ".join((title or "").split())
    description = (description or "").replace("\r\n", "\n").strip() or None
    checked(title, field="title", maximum=TITLE_MAX)
    checked(description or "", field="description", maximum=DESCRIPTION_MAX, missing=None)
    if max_supports_per_user is not None and not 1 <= max_supports_per_user <= MAX_SUPPORTS_LIMIT:
        raise Invalid(
            _("Escriba un número entre %(min)s y %(max)s, o déjelo en blanco.",
              min=1, max=MAX_SUPPORTS_LIMIT),
            field="max_supports_per_user",
        )
    dates = {kind: (_utc(start), _utc(end)) for kind, (start, end) in schedule.items()}
    if not dates:
        raise Invalid(
            _("Una consulta necesita al menos una fase con sus fechas."),
            field=phase_field(PhaseKind.PROPOSALS, "starts_at"),
        )
    problems = schedule_problems(dates)
    if problems:
        first = problems[0]
        raise Invalid(first.message, field=phase_field(first.kind, first.which))
    return title, description, dates


def _check_premoderation(days: int | None) -> None:
    if days is not None and not 1 <= days <= MAX_PREMODERATION_DAYS:
        raise Invalid(
            _("Escriba un número entre %(min)s y %(max)s, o déjelo en blanco.",
              min=1, max=MAX_PREMODERATION_DAYS),
            field="premoderation_account_days",
        )


def _check_vote_settings(max_votes_per_user: int) -> None:
    if not 1 <= max_votes_per_user <= MAX_VOTES_LIMIT:
        raise Invalid(
            _("Escriba un número entre %(min)s y %(max)s.", min=1, max=MAX_VOTES_LIMIT),
            field="max_votes_per_user",
        )


# What upper features keep in a round ("votes": voting, "proposals": proposals). Each
# registers, when its package is imported, a function telling whether a round holds any; so
# ``update_round`` refuses a change that would break them, and consultations imports neither.
_ROUND_CONTENTS: dict[str, Callable[[ConsultationRound], bool]] = {}


def register_round_content(kind: str, exists: Callable[[ConsultationRound], bool]) -> None:
    """Let ``update_round`` ask whether a round holds ``kind`` ("votes", "proposals")."""
    _ROUND_CONTENTS[kind] = exists


def _holds(round: ConsultationRound, kind: str) -> bool:
    exists = _ROUND_CONTENTS.get(kind)
    return exists is not None and exists(round)


def _phase_dates(round: ConsultationRound) -> dict[str, dict[str, str]]:
    return {
        phase.kind.value: {
            "starts_at": _utc(phase.starts_at).isoformat(),
            "ends_at": _utc(phase.ends_at).isoformat(),
        }
        for phase in sorted(round.phases, key=lambda p: p.kind.order)
    }


def _fields(round: ConsultationRound) -> dict[str, Any]:
    return {
        "plan_id": round.plan_id,
        "title": round.title,
        "description": round.description,
        "language": round.language,
        "max_supports_per_user": round.max_supports_per_user,
        "max_votes_per_user": round.max_votes_per_user,
        "results_visibility": round.results_visibility.value,
        "premoderation_account_days": round.premoderation_account_days,
    }


def create_round(
    *,
    actor: User | None,
    plan: ActionPlan,
    title: str,
    description: str | None,
    max_supports_per_user: int | None,
    phases: Schedule,
    max_votes_per_user: int = DEFAULT_VOTES_PER_USER,
    results_visibility: ResultsVisibility = ResultsVisibility.AFTER_CLOSE,
    premoderation_account_days: int | None = None,
    language: str | None = None,
) -> ConsultationRound:
    title, description, dates = _clean(
        title=title, description=description,
        max_supports_per_user=max_supports_per_user, schedule=phases,
    )
    _check_vote_settings(max_votes_per_user)
    _check_premoderation(premoderation_account_days)
    round = ConsultationRound(
        plan=plan,
        title=title,
        description=description,
        max_supports_per_user=max_supports_per_user,
        max_votes_per_user=max_votes_per_user,
        results_visibility=ResultsVisibility(results_visibility),
        premoderation_account_days=premoderation_account_days,
        created_by_id=actor.id if actor is not None else None,
        # The language its call is written in (issue 18).
        language=checked_language(language) if language is not None else "es",
    )
    for kind in PhaseKind:
        if kind in dates:
            starts_at, ends_at = dates[kind]
            round.phases.append(Phase(kind=kind, starts_at=starts_at, ends_at=ends_at))
    db.session.add(round)
    db.session.flush()
    record(
        actor=actor,
        action="round.create",
        target=round,
        after={**_fields(round), "phases": _phase_dates(round)},
    )
    return round


def published_refusal(round: ConsultationRound, field: str) -> Invalid:
    return Invalid(
        _("El plan de esta consulta ya se publicó el %(date)s: sus fases y sus reglas ya no "
          "pueden cambiar. Solo el título y la descripción de la consulta se pueden corregir.",
          date=format_local(round.published_at)),
        field=field,
    )


def _check_published_unchanged(
    round: ConsultationRound, *, plan: ActionPlan, max_supports_per_user: int | None,
    max_votes_per_user: int, results_visibility: ResultsVisibility,
    premoderation_account_days: int | None,
    dates: Mapping[PhaseKind, tuple[datetime, datetime]],
) -> dict[PhaseKind, tuple[datetime, datetime]]:
    """Once its plan is published a round is a record: reopening a phase (or moving, adding
    or removing one) or changing the rules its people took part under would change what the
    published plan came from. Only its title and description may still be corrected. Dates
    compare to the minute (what the form shows); returns the stored schedule, kept as is."""
    settings = {
        "plan": (plan.id, round.plan_id),
        "max_supports_per_user": (max_supports_per_user, round.max_supports_per_user),
        "max_votes_per_user": (max_votes_per_user, round.max_votes_per_user),
        "results_visibility": (results_visibility, round.results_visibility),
        "premoderation_account_days": (premoderation_account_days,
                                       round.premoderation_account_days),
    }
    for field, (new, old) in settings.items():
        if new != old:
            raise published_refusal(round, field)
    existing = {phase.kind: (_utc(phase.starts_at), _utc(phase.ends_at))
                for phase in round.phases}
    for kind in PhaseKind:
        new, old = _to_minute(dates.get(kind)), _to_minute(existing.get(kind))
        if new == old:
            continue
        which = "starts_at" if new is None or old is None or new[0] != old[0] else "ends_at"
        raise published_refusal(round, phase_field(kind, which))
    return existing


def _to_minute(dates: tuple[datetime, datetime] | None) -> tuple[datetime, ...] | None:
    if dates is None:
        return None
    return tuple(value.replace(second=0, microsecond=0) for value in dates)


def update_round(
    *,
    actor: User,
    round: ConsultationRound,
    plan: ActionPlan,
    title: str,
    description: str | None,
    max_supports_per_user: int | None,
    phases: Schedule,
    max_votes_per_user: int | None = None,
    results_visibility: ResultsVisibility | None = None,
    premoderation_account_days: int | None = KEEP,
    language: str | None = None,
) -> bool:
    """Change a round and its phases (a phase left out is removed). Returns whether anything
    changed; an unchanged round writes no audit event. ``max_votes_per_user`` and
    ``results_visibility`` left as None stay as they are; they cannot change once someone
    voted (the rules of a vote do not change under the voters). ``premoderation_account_days``
    (None: no pre-moderation) is left as it is when not given. Only those who run rounds
    may (``run_refusal``: the MTGA's moderators and administrators)."""
    enforce(run_refusal(actor))
    title, description, dates = _clean(
        title=title, description=description,
        max_supports_per_user=max_supports_per_user, schedule=phases,
    )
    if max_votes_per_user is None:
        max_votes_per_user = round.max_votes_per_user
    results_visibility = ResultsVisibility(results_visibility or round.results_visibility)
    _check_vote_settings(max_votes_per_user)
    if premoderation_account_days is KEEP:
        premoderation_account_days = round.premoderation_account_days
    _check_premoderation(premoderation_account_days)
    vote_rules_change = (max_votes_per_user, results_visibility) != (
        round.max_votes_per_user, round.results_visibility)
    if vote_rules_change and _holds(round, "votes"):
        field = ("max_votes_per_user" if max_votes_per_user != round.max_votes_per_user
                 else "results_visibility")
        raise Invalid(
            _("La votación de priorización ya recibió votos: sus reglas ya no pueden "
              "cambiar."),
            field=field,
        )
    if plan.id != round.plan_id and _holds(round, "proposals"):
        # Its proposals' axes belong to the plan.
        raise Invalid(
            _("No se puede cambiar el plan de una consulta que ya tiene propuestas."),
            field="plan",
        )
    if round.published_at is not None:
        dates = _check_published_unchanged(
            round, plan=plan, max_supports_per_user=max_supports_per_user,
            max_votes_per_user=max_votes_per_user, results_visibility=results_visibility,
            premoderation_account_days=premoderation_account_days, dates=dates,
        )
    before = {**_fields(round), "phases": _phase_dates(round)}
    round.plan = plan
    round.title = title
    round.description = description
    if language is not None:
        round.language = checked_language(language)
    round.max_supports_per_user = max_supports_per_user
    round.max_votes_per_user = max_votes_per_user
    round.results_visibility = results_visibility
    round.premoderation_account_days = premoderation_account_days
    existing = {phase.kind: phase for phase in round.phases}
    for kind in PhaseKind:
        phase = existing.get(kind)
        if kind not in dates:
            if phase is not None:
                round.phases.remove(phase)  # delete-orphan
            continue
        starts_at, ends_at = dates[kind]
        if phase is None:
            round.phases.append(Phase(kind=kind, starts_at=starts_at, ends_at=ends_at))
        elif (phase.starts_at, phase.ends_at) != (starts_at, ends_at):
            phase.starts_at, phase.ends_at = starts_at, ends_at
    db.session.flush()
    db.session.expire(round, ["phases"])  # reloaded in date order
    after = {**_fields(round), "phases": _phase_dates(round)}
    if before == after:
        return False
    changed = [key for key in after if key != "phases" and before[key] != after[key]]
    record(
        actor=actor,
        action="round.update",
        target=round,
        # The schedule is always in the event, so each event shows the dates before and after.
        before={**{key: before[key] for key in changed}, "phases": before["phases"]},
        after={**{key: after[key] for key in changed}, "phases": after["phases"]},
    )
    return True
