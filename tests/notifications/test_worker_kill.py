"""A real ``flask mail worker`` process killed in the middle of a batch (issue 17, item 4):
what it sent stays recorded, what it had claimed goes to the next worker once its lease
ends, and every message reaches the real SMTP server exactly once."""

from __future__ import annotations

import asyncio
import email.policy  # noqa: F401 - the collector parses with it
import os
import subprocess
import sys
import threading
import time

import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller

from participa import ROOT
from participa.base.extensions import db
from participa.base.time import utcnow
from participa.notifications import services as notifications
from participa.notifications.models import OutboxMessage, OutboxStatus

from ..factories import make_user
from ..test_mail import Collector, _free_port

PEOPLE = 6
STOP_AT = 4  # the worker dies while the server holds its 4th message


class HeldCollector(Collector):
    """Accepts messages, but holds the ``stop_at``-th one until released, then refuses it
    (the worker that sent it is dead by then: the server never accepted it)."""

    def __init__(self, stop_at: int) -> None:
        super().__init__()
        self.received = 0
        self.stop_at = stop_at
        self.reached = threading.Event()
        self.release = threading.Event()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's API
        self.received += 1
        if self.received == self.stop_at:
            self.reached.set()
            while not self.release.is_set():
                await asyncio.sleep(0.02)
            return "451 4.3.0 Try again later"
        return await super().handle_DATA(server, session, envelope)


def _worker(env: dict[str, str], *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "flask", "mail", "worker", *args], env=env,
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)


@pytest.fixture
def held_smtp():
    collector = HeldCollector(STOP_AT)
    controller = Controller(collector, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield controller.port, collector
    collector.release.set()
    controller.stop()


def test_a_worker_killed_mid_batch_sends_nothing_twice_and_loses_nothing(
        app, db_url, tmp_path, held_smtp):
    port, collector = held_smtp
    with app.app_context():
        addresses = []
        for n in range(PEOPLE):
            person = make_user(email_address=f"persona-{n}@example.org")
            addresses.append(person.email)
            notifications.notify(user=person, kind="comment_reply", link="/",
                                 params={"author": "Ana", "comment_id": n})
        db.session.commit()
    env = {name: value for name, value in os.environ.items()
           if not name.startswith("PARTICIPA_")}
    env.update({
        "FLASK_APP": "participa", "PYTHONPATH": str(ROOT),
        "PARTICIPA_INSTANCE_PATH": str(tmp_path / "worker-instance"),
        "PARTICIPA_SQLALCHEMY_DATABASE_URI": db_url,
        "PARTICIPA_SECRET_KEY": app.config["SECRET_KEY"],
        "PARTICIPA_BASE_URL": app.config["BASE_URL"],
        "PARTICIPA_MAIL_BACKEND": "smtp", "PARTICIPA_MAIL_SERVER": "127.0.0.1",
        "PARTICIPA_MAIL_PORT": str(port),
    })
    worker = _worker(env, "--batch", "10", "--lease", "3", "--interval", "0.2")
    try:
        assert collector.reached.wait(180), "the worker never reached its 4th message"
    finally:
        worker.kill()  # SIGKILL: no chance to clean up
        output = worker.communicate(timeout=60)[0]
    collector.release.set()
    assert len(collector.messages) == STOP_AT - 1, output
    with app.app_context():
        rows = db.session.scalars(sa.select(OutboxMessage).order_by(OutboxMessage.id)).all()
        assert [row.status for row in rows] == (
            [OutboxStatus.SENT] * (STOP_AT - 1) + [OutboxStatus.PENDING] * (PEOPLE - STOP_AT + 1))
        # The dead worker's claim holds the rest until its lease ends; then they are due.
        lease_end = max(row.claimed_until for row in rows if row.claimed_until)
        db.session.commit()
    time.sleep(max(0.0, (lease_end - utcnow()).total_seconds()) + 0.5)
    second = _worker(env, "--once")
    output = second.communicate(timeout=180)[0]
    assert second.returncode == 0, output
    assert sorted(m["To"] for m in collector.messages) == sorted(addresses), output
    with app.app_context():
        assert set(db.session.scalars(sa.select(OutboxMessage.status))) == {OutboxStatus.SENT}
