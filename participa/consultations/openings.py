"""Telling a round's people that a phase opened.

Phases open by their dates: nothing happens at that moment. The mail worker
(``flask mail worker``, which runs beside the web server and from the daily digest) asks at
each round whether the comments on the drafts or the vote opened; each opening is told
once: the phase's row is claimed by ``UPDATE ... WHERE opening_notified_at IS NULL``, which
only one worker can win (PostgreSQL re-checks the condition after the row lock; SQLite has
one writer). Who hears it: the round's followers, that is, everyone who took part in it
(writing, supporting or commenting follows the round) unless she stopped following it, and
whoever follows it by choice. A phase already open when it was created (a round entered
late) is told at the next round of the worker, like any other.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from ..base.extensions import db
from ..notifications import following
from ..notifications.services import notify_each, path_for
from .models import Phase, PhaseKind

PHASE_OPENED = "phase_opened"
# The phases whose opening people are told of: where they act again after the proposals.
TOLD = (PhaseKind.COMMENTS, PhaseKind.VOTE)


def notify_openings(now: datetime) -> int:
    """Tell each phase of ``TOLD`` that is open at ``now`` and was not told yet; commits
    each phase's notifications with its claim. How many notifications were made."""
    due = list(db.session.scalars(
        sa.select(Phase.id).where(Phase.kind.in_(TOLD), Phase.starts_at <= now,
                                  Phase.ends_at > now, Phase.opening_notified_at.is_(None))
        .order_by(Phase.starts_at, Phase.id)
    ))
    db.session.commit()
    made = 0
    for phase_id in due:
        claimed = db.session.execute(
            sa.update(Phase).where(Phase.id == phase_id, Phase.opening_notified_at.is_(None))
            .values(opening_notified_at=now).execution_options(synchronize_session=False)
        ).rowcount
        if claimed != 1:
            db.session.rollback()  # another worker told it
            continue
        phase = db.session.get(Phase, phase_id)
        round = phase.round
        if round.published_at is None:
            made += notify_each(
                following.followers_of(following.ROUND, round.id), kind=PHASE_OPENED,
                link=path_for("consultations.show", round_id=round.id),
                params={"round_id": round.id, "round": round.title, "phase": phase.kind.value,
                        "ends_at": phase.ends_at.isoformat()},
            )
        db.session.commit()
    return made
