"""Publishing the plan a round co-created ("Publicar el plan"). The service flushes and writes
the audit event (the request commits) and refuses with ``Conflict`` (409).

Publishing is the MTGA's (its moderators, and administrators: ``permissions.run_refusal``),
once the round's publication phase has started (or, for a round without that phase, once
the round has ended), and once per round. It

- makes every draft commitment of the round that has a final version ``activo``, with the
  title and lead institution of that version (the newest version marked final);
- sets the plan's status to ``en_implementacion`` and ``round.published_at``;
- writes ``round.publish`` to the audit log, with what was published and what was left out.

Drafts without a final version block publication, unless the administrator confirms that
they stay out of the plan (``omit_unfinished``): they stay drafts, outside the published
record, and the audit event names them. A round without any final version cannot be
published (see docs/decisions.md, "Publication").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import ngettext

from ..accounts.models import User
from ..audit.services import record
from ..base.errors import Conflict, enforce
from ..base.extensions import db
from ..base.locking import locked
from ..base.time import utcnow
from ..i18n.dates import format_local
from ..notifications import following
from ..notifications.services import notify_each, path_for
from ..plans.models import (
    Commitment,
    CommitmentStatus,
    CommitmentVersion,
    PlanStatus,
)
from .models import ConsultationRound, PhaseKind
from .permissions import run_refusal
from .phases import PhaseClosed, has_ended, last_phase, phase_of

PUBLICATION_PHASE = PhaseKind.PUBLICATION
# The notification of the published plan (consultations.notification_kinds).
PLAN_PUBLISHED = "plan_published"


@dataclass
class Readiness:
    """The round's draft commitments: those with a final version (``ready``, each with
    that version) and those without one (``unfinished``), in the order of their number."""

    ready: list[tuple[Commitment, CommitmentVersion]] = field(default_factory=list)
    unfinished: list[Commitment] = field(default_factory=list)


def final_versions(commitment_ids: Iterable[int]) -> dict[int, CommitmentVersion]:
    """Commitment id -> its newest version marked final (commitments without one are
    missing). One query."""
    ids = list(commitment_ids)
    if not ids:
        return {}
    # Ascending by number: the dictionary keeps the newest final version of each.
    versions = db.session.scalars(
        sa.select(CommitmentVersion)
        .where(CommitmentVersion.commitment_id.in_(ids), CommitmentVersion.is_final)
        .order_by(CommitmentVersion.commitment_id, CommitmentVersion.number)
    )
    return {version.commitment_id: version for version in versions}


def readiness(round: ConsultationRound) -> Readiness:
    drafts = db.session.scalars(
        sa.select(Commitment)
        .where(Commitment.round_id == round.id, Commitment.status == CommitmentStatus.DRAFT)
        .order_by(Commitment.number, Commitment.id)
    ).all()
    finals = final_versions(c.id for c in drafts)
    result = Readiness()
    for commitment in drafts:
        version = finals.get(commitment.id)
        if version is None:
            result.unfinished.append(commitment)
        else:
            result.ready.append((commitment, version))
    return result


def publication_open(round: ConsultationRound, now: datetime | None = None) -> bool:
    """From the start of the publication phase on (it may have ended: publishing late is
    still publishing); for a round without that phase, once the round has ended."""
    now = now or utcnow()
    phase = phase_of(round, PUBLICATION_PHASE)
    if phase is not None:
        return phase.starts_at <= now
    return has_ended(round, now)


def can_publish(user: object, round: ConsultationRound, now: datetime | None = None) -> bool:
    return (
        run_refusal(user) is None and round.published_at is None and publication_open(round, now)
    )


def _check_time(round: ConsultationRound, now: datetime) -> None:
    if publication_open(round, now):
        return
    if phase_of(round, PUBLICATION_PHASE) is not None:
        raise PhaseClosed(round, PUBLICATION_PHASE, now)  # answered with 409, app-wide
    last = last_phase(round)
    if last is None:
        raise Conflict(_("Esta consulta todavía no tiene fechas."))
    raise Conflict(_(
        "El plan se puede publicar cuando termine la consulta, el %(date)s.",
        date=format_local(last.ends_at),
    ))


def unfinished_message(count: int) -> str:
    return ngettext(
        "Un borrador de compromiso no tiene versión final. Marque una de sus versiones como "
        "final, o confirme que ese borrador queda fuera del plan.",
        "%(num)d borradores de compromiso no tienen versión final. Marque una versión final "
        "en cada uno, o confirme que esos borradores quedan fuera del plan.",
        count,
    )


def publish_plan(
    *,
    actor: User,
    round: ConsultationRound,
    omit_unfinished: bool = False,
    now: datetime | None = None,
) -> Readiness:
    """Publish the round's plan (see the module's docstring). Returns what was published
    and what stayed out."""
    enforce(run_refusal(actor))
    now = now or utcnow()
    round = locked(round)  # two simultaneous publications cannot both pass the checks
    if round.published_at is not None:
        raise Conflict(_(
            "Este plan ya se publicó el %(date)s.", date=format_local(round.published_at)
        ))
    _check_time(round, now)
    state = readiness(round)
    if not state.ready:
        raise Conflict(_(
            "Ningún borrador de compromiso de esta consulta tiene una versión final: no hay "
            "nada que publicar."
        ))
    if state.unfinished and not omit_unfinished:
        raise Conflict(unfinished_message(len(state.unfinished)))

    plan = round.plan
    before = {"published_at": None, "plan_status": plan.status.value}
    for commitment, version in state.ready:
        commitment.status = CommitmentStatus.ACTIVE
        commitment.title = version.title
        if version.lead_institution:
            commitment.lead_institution = version.lead_institution
    plan.status = PlanStatus.IN_IMPLEMENTATION
    round.published_at = now
    db.session.flush()
    record(
        actor=actor,
        action="round.publish",
        target=round,
        before=before,
        after={
            "published_at": now.isoformat(),
            "plan_id": plan.id,
            "plan_status": plan.status.value,
            "commitments": [
                {"id": c.id, "number": c.number, "version": v.number, "title": c.title}
                for c, v in state.ready
            ],
            "omitted": [{"id": c.id, "number": c.number, "title": c.title}
                        for c in state.unfinished],
        },
    )
    # Those who took part in the round (or follow it) hear the plan is published, and so do
    # those who follow one of the commitments it publishes: once each.
    link = path_for("plans.show", plan_id=plan.id)
    params = {"round_id": round.id, "round": round.title, "plan": plan.title,
              "commitments": len(state.ready)}
    round_followers = following.followers_of(following.ROUND, round.id)
    told = {user.id for user in round_followers}
    commitment_followers = [
        user for user in following.followers_of_any(
            {following.COMMITMENT: [commitment.id for commitment, _version in state.ready]})
        if user.id not in told
    ]
    notify_each(round_followers, kind=PLAN_PUBLISHED, actor=actor, link=link, params=params)
    notify_each(commitment_followers, kind=PLAN_PUBLISHED, actor=actor, link=link,
                params={**params, "via": following.COMMITMENT})
    return state


def plan_is_published(plan_id: int) -> bool:
    """Whether a round of the plan was published (its document page exists)."""
    return db.session.scalar(
        sa.select(sa.literal(True))
        .where(ConsultationRound.plan_id == plan_id, ConsultationRound.published_at.is_not(None))
        .limit(1)
    ) is not None
