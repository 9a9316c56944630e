"""The outbox: notification e-mail leaves the request.

``notify`` writes one row of ``outbox`` per person, kind and event, in the transaction of
the event (a publication of a thousand responses commits a thousand rows and sends
nothing). ``flask mail worker`` sends them:

- **Claim with a lease.** A worker takes a batch of due rows by writing its name and the
  end of its lease on them: on PostgreSQL ``SELECT ... FOR UPDATE SKIP LOCKED`` then an
  UPDATE in one transaction, so two workers never take one row; on SQLite one
  ``UPDATE ... WHERE id IN (SELECT ...) RETURNING id``, which SQLite runs under its single
  writer lock. A worker that dies leaves its rows claimed until the lease ends; another
  worker takes them then.
- **One row, one commit.** Each message is recorded as sent in its own transaction right
  after the mail server accepted it, so a worker killed in the middle of a batch leaves the
  messages already sent recorded, and the rest pending: nothing is sent twice, nothing is
  lost. (Only a death between the server's acceptance and that commit, a few milliseconds,
  sends a message again after the lease; it keeps its Message-ID, built from the row.)
- **Retries with back-off.** A mail server that is down or refuses leaves the row pending,
  due again after ``MAIL_RETRY_SECONDS`` doubled at each attempt, at most
  ``MAIL_RETRY_MAX_SECONDS``: a message is never dropped.
- **The person's choice is read when sending** (``services.delivery_of``): at once, kept for
  the daily digest (``digest`` gathers the kept rows of a person into one message), or
  skipped. An account that can no longer receive e-mail (deleted, unconfirmed, e-mail
  turned off) is skipped too.

The worker also runs the periodic jobs that features register (``register_periodic``):
the consultations notice a phase that opened by its date there.

Unlike services, this module commits: it must not hold a transaction open (on SQLite, the
write lock) while it talks to the mail server.
"""

from __future__ import annotations

import os
import secrets
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from ..base.extensions import db
from ..base.time import utcnow
from ..web.mail import MailError, absolute, send_template
from .models import Notification, OutboxMessage, OutboxStatus
from .services import (
    DIGEST_KIND,
    KINDS,
    Delivery,
    delivery_of,
    localized_params,
    path_for,
    wants_email,
)

LEASE = timedelta(minutes=5)
BATCH = 50

# Jobs the worker runs at each round (a feature noticing what happened by date).
PERIODIC: list[Callable[[datetime], int]] = []


def register_periodic(job: Callable[[datetime], int]) -> None:
    """``job(now)`` runs at each round of the worker, and commits its own work; it answers
    how many notifications it made."""
    if job not in PERIODIC:
        PERIODIC.append(job)


# Unsubscribe links -------------------------------------------------------------------------


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="participa.unsubscribe")


def unsubscribe_token(user_id: int, kinds: list[str]) -> str:
    """A signed token that stops e-mail of ``kinds`` for the person, without logging in."""
    return _serializer().dumps({"u": user_id, "k": sorted(set(kinds))})


def read_unsubscribe_token(token: str) -> tuple[int, list[str]] | None:
    """(person, kinds) of a token this site signed, or None."""
    try:
        data = _serializer().loads(token)
    except BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    user_id, kinds = data.get("u"), data.get("k")
    if not isinstance(user_id, int) or not isinstance(kinds, list):
        return None
    if not all(isinstance(kind, str) for kind in kinds):
        return None
    return user_id, kinds


# Claiming ----------------------------------------------------------------------------------


def worker_name() -> str:
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(3)}"


def _due(now: datetime) -> sa.Select:
    return (
        sa.select(OutboxMessage.id)
        .where(OutboxMessage.status == OutboxStatus.PENDING,
               OutboxMessage.available_at <= now,
               sa.or_(OutboxMessage.claimed_until.is_(None),
                      OutboxMessage.claimed_until < now))
        .order_by(OutboxMessage.id)
    )


def claim(*, worker: str, now: datetime | None = None, batch: int = BATCH,
          lease: timedelta = LEASE) -> list[int]:
    """Take up to ``batch`` due messages for ``worker`` until ``now + lease``; commits."""
    now = now or utcnow()
    claimed = {"claimed_by": worker, "claimed_until": now + lease}
    if db.session.get_bind().dialect.name == "postgresql":
        ids = list(db.session.scalars(_due(now).limit(batch).with_for_update(skip_locked=True)))
        if ids:
            db.session.execute(sa.update(OutboxMessage).where(OutboxMessage.id.in_(ids))
                               .values(**claimed).execution_options(synchronize_session=False))
    else:
        ids = sorted(db.session.scalars(
            sa.update(OutboxMessage)
            .where(OutboxMessage.id.in_(_due(now).limit(batch).scalar_subquery()))
            .values(**claimed)
            .returning(OutboxMessage.id)
            .execution_options(synchronize_session=False)
        ))
    db.session.commit()
    return ids


# Sending -----------------------------------------------------------------------------------


@dataclass
class _Mail:
    """What one e-mail needs, read before talking to the mail server."""

    to: str
    lang: str | None
    template: str
    name: str
    kinds: list[str]
    user_id: int
    created_at: datetime
    label: Any = None  # the kind's label (lazy: rendered in the recipient's language)
    items: list[dict[str, Any]] = field(default_factory=list)


def _link(path: str | None) -> str | None:
    return absolute(path) if path else None


def _settle(message_id: int, **values: Any) -> None:
    db.session.execute(sa.update(OutboxMessage).where(OutboxMessage.id == message_id)
                       .values(claimed_until=None, claimed_by=None, **values)
                       .execution_options(synchronize_session=False))


def _prepare(message: OutboxMessage) -> _Mail | str:
    """The e-mail of a claimed row, or the status it ends in without one."""
    user = message.user
    if user is None or not wants_email(user):
        return OutboxStatus.SKIPPED
    if message.kind != DIGEST_KIND:
        delivery = delivery_of(user.id, message.kind)
        if delivery == Delivery.NONE:
            return OutboxStatus.SKIPPED
        if delivery == Delivery.DIGEST:
            return OutboxStatus.DIGEST
    notifications = db.session.scalars(
        sa.select(Notification).where(Notification.outbox_id == message.id)
        .order_by(Notification.id)
    ).all()
    shown = [n for n in notifications if n.kind in KINDS]
    # In the reader's language, with the translations of what they name (issue 18).
    params = localized_params(shown, user.preferred_language or "es")
    items = [{"kind": n.kind, "params": params[n.id], "link": _link(n.link)} for n in shown]
    if not items:
        return OutboxStatus.SKIPPED
    kinds = sorted({item["kind"] for item in items})
    if message.kind == DIGEST_KIND:
        template = "digest"
    else:
        template = KINDS[message.kind].email_template or "notification"
    return _Mail(to=user.email, lang=user.preferred_language, template=template,
                 name=user.name, kinds=kinds, user_id=user.id, created_at=message.created_at,
                 items=items, label=KINDS[kinds[0]].label)


def _headers(mail: _Mail) -> tuple[str, dict[str, str]]:
    link = absolute(path_for("notifications.unsubscribe",
                             token=unsubscribe_token(mail.user_id, mail.kinds)))
    return link, {
        # RFC 8058: a mail program may stop these messages with one POST to the link.
        "List-Unsubscribe": f"<{link}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def _message_id(message_id: int, created_at: datetime) -> str:
    host = urlsplit(current_app.config["BASE_URL"]).hostname or "participa.localhost"
    return f"<outbox-{message_id}-{int(created_at.timestamp())}@{host}>"


def backoff(attempts: int) -> timedelta:
    """The wait after ``attempts`` failed attempts: doubled each time, capped."""
    cfg = current_app.config
    base = int(cfg.get("MAIL_RETRY_SECONDS", 60))
    cap = int(cfg.get("MAIL_RETRY_MAX_SECONDS", 3600))
    return timedelta(seconds=min(cap, base * 2 ** max(attempts - 1, 0)))


def send_one(message_id: int, *, worker: str) -> OutboxStatus | None:
    """Send one claimed message and record the outcome (commits); None when the row is no
    longer this worker's (its lease ended and another took it)."""
    message = db.session.get(OutboxMessage, message_id, populate_existing=True)
    if (message is None or message.claimed_by != worker
            or message.status != OutboxStatus.PENDING):
        db.session.commit()
        return None
    prepared = _prepare(message)
    if not isinstance(prepared, _Mail):
        _settle(message_id, status=prepared)
        db.session.commit()
        return OutboxStatus(prepared)
    attempts = message.attempts
    links = {
        "notifications_link": _link(path_for("notifications.index")),
        "preferences_link": _link(path_for("notifications.preferences")),
        "profile_link": _link(path_for("accounts.profile")),
    }
    unsubscribe_link, headers = _headers(prepared)
    db.session.commit()  # end the read transaction before talking to the mail server
    try:
        send_template(to=prepared.to, lang=prepared.lang, template=prepared.template,
                      message_id=_message_id(message_id, prepared.created_at), headers=headers,
                      name=prepared.name, items=prepared.items, kinds=prepared.kinds,
                      unsubscribe_link=unsubscribe_link, kind_label=prepared.label, **links)
    except MailError as error:
        now = utcnow()
        _settle(message_id, attempts=attempts + 1, last_error=str(error)[:500],
                available_at=now + backoff(attempts + 1))
        db.session.commit()
        return OutboxStatus.PENDING
    now = utcnow()
    _settle(message_id, status=OutboxStatus.SENT, sent_at=now, attempts=attempts + 1,
            last_error=None)
    db.session.execute(sa.update(Notification).where(Notification.outbox_id == message_id)
                       .values(emailed_at=now).execution_options(synchronize_session=False))
    db.session.commit()
    return OutboxStatus.SENT


@dataclass
class Round:
    sent: int = 0
    failed: int = 0
    other: int = 0
    notified: int = 0

    @property
    def claimed(self) -> int:
        return self.sent + self.failed + self.other


def run_periodic(now: datetime | None = None) -> int:
    made = 0
    for job in PERIODIC:
        made += job(now or utcnow())
    return made


def work(*, worker: str, batch: int = BATCH, lease: timedelta = LEASE,
         on_sent: Callable[[int], None] | None = None) -> Round:
    """One round: the periodic jobs, then one claimed batch sent."""
    result = Round(notified=run_periodic())
    for message_id in claim(worker=worker, batch=batch, lease=lease):
        status = send_one(message_id, worker=worker)
        if status == OutboxStatus.SENT:
            result.sent += 1
            if on_sent is not None:
                on_sent(message_id)
        elif status == OutboxStatus.PENDING:
            result.failed += 1
        else:
            result.other += 1
    return result


def drain(*, worker: str, batch: int = BATCH, lease: timedelta = LEASE) -> Round:
    """Rounds until nothing due is left (messages waiting for their back-off stay)."""
    total = Round()
    while True:
        result = work(worker=worker, batch=batch, lease=lease)
        total.sent += result.sent
        total.failed += result.failed
        total.other += result.other
        total.notified += result.notified
        if result.claimed < batch:
            return total


# Digests -----------------------------------------------------------------------------------


def make_digests(now: datetime | None = None) -> int:
    """Gather each person's rows kept for the digest into one pending message (the worker
    sends it); how many digests. Each person in her own transaction; a row is gathered once
    (its status changes from ``resumen`` only where it still is)."""
    now = now or utcnow()
    people = list(db.session.scalars(
        sa.select(OutboxMessage.user_id).where(OutboxMessage.status == OutboxStatus.DIGEST)
        .distinct().order_by(OutboxMessage.user_id)
    ))
    db.session.commit()
    made = 0
    for user_id in people:
        kept = list(db.session.scalars(
            sa.select(OutboxMessage.id).where(OutboxMessage.user_id == user_id,
                                              OutboxMessage.status == OutboxStatus.DIGEST)
        ))
        digest = OutboxMessage(user_id=user_id, kind=DIGEST_KIND, created_at=now,
                               available_at=now)
        db.session.add(digest)
        db.session.flush()
        taken = db.session.execute(
            sa.update(OutboxMessage)
            .where(OutboxMessage.id.in_(kept), OutboxMessage.status == OutboxStatus.DIGEST)
            .values(status=OutboxStatus.DIGESTED)
            .execution_options(synchronize_session=False)
        ).rowcount
        if taken != len(kept):
            db.session.rollback()  # another digest command took some: leave them to it
            continue
        db.session.execute(
            sa.update(Notification).where(Notification.outbox_id.in_(kept))
            .values(outbox_id=digest.id).execution_options(synchronize_session=False)
        )
        db.session.commit()
        made += 1
    return made


def pending_count() -> int:
    return db.session.scalar(sa.select(sa.func.count(OutboxMessage.id))
                             .where(OutboxMessage.status == OutboxStatus.PENDING)) or 0
