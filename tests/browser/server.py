"""The application under test as a real server: gunicorn (the production WSGI server) on a
free loopback port, on a fresh database (SQLite file or a PostgreSQL database of the
session's server) migrated with the migrations and filled with ``flask demo load``.

The test process keeps an app on the same database (``Server.arrange``) to arrange what a
journey needs but does not exercise (people, proposals, comments), with the factories and
services the other tests use.
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from email.message import EmailMessage
from pathlib import Path

import sqlalchemy as sa
from flask import Flask
from flask_migrate import upgrade

from participa import ROOT
from participa.base.extensions import db

from ..conftest import FAST_HASHING, make_app

STARTUP_SECONDS = 60
# The second round of the demo plan, with its comments phase open (``_open_comments_round``).
DRAFTS_ROUND = "Borradores del 5.º Plan: comentarios"


@dataclass
class Server:
    kind: str
    url: str
    db_url: str
    mail_dir: Path
    log_path: Path
    app: Flask
    demo_password: str
    process: subprocess.Popen | None = None
    # The server's environment (its settings), for the commands run beside it.
    env: dict = field(default_factory=dict)
    # Storage states (cookies) of the demo accounts once signed in, by e-mail address.
    sessions: dict = field(default_factory=dict)
    _log_offset: int = 0

    @contextlib.contextmanager
    def arrange(self) -> Iterator[sa.orm.Session]:
        """An app context on the server's database for factories and services; commits."""
        with self.app.app_context():
            try:
                yield db.session
                db.session.commit()
            finally:
                db.session.remove()

    def mails_to(self, address: str) -> list[EmailMessage]:
        """The messages the server wrote for ``address`` (file mail backend), oldest first."""
        found = []
        for path in sorted(self.mail_dir.glob("*.eml")):
            message = email.message_from_bytes(path.read_bytes(), _class=EmailMessage,
                                               policy=email.policy.default)
            if message["To"] == address:
                found.append(message)
        return found

    def link_in(self, message: EmailMessage) -> str:
        """The first link to this server in a message."""
        match = re.search(re.escape(self.url) + r"/\S+", message.get_content())
        assert match, message.get_content()
        return match.group(0)

    def run_mail_worker(self) -> str:
        """``flask mail worker --once`` beside the server, with its settings: sends the
        outbox (into ``mail_dir``) as the production worker does; its output."""
        done = subprocess.run([sys.executable, "-m", "flask", "mail", "worker", "--once"],
                              cwd=ROOT, env={**self.env, "FLASK_APP": "participa"},
                              capture_output=True, text=True, timeout=300, check=False)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    def new_log_errors(self) -> str:
        """Tracebacks the server logged since the last call ('' if none)."""
        text = self.log_path.read_text(errors="replace")
        new, self._log_offset = text[self._log_offset:], len(text)
        return new if "Traceback" in new or "[ERROR]" in new else ""


def _listening_socket() -> socket.socket:
    """A socket bound to a free loopback port, handed to gunicorn (``fd://``): no race
    between choosing the port and binding it."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def _load_demo(app: Flask) -> None:
    with app.app_context():
        upgrade()
        db.session.remove()
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output


def _open_comments_round(app: Flask) -> None:
    """A second round of the demo plan whose comments phase is open now, with the demo draft
    commitment (three versions, milestones): the drafts are commented on in that phase."""
    from participa.accounts.services import find_by_email
    from participa.base.time import utcnow
    from participa.consultations.models import PhaseKind
    from participa.demo import proposal_data as demo_data
    from participa.demo.plans import load_demo_draft
    from participa.plans.models import ActionPlan

    from ..factories import consecutive_phases, make_round

    with app.app_context():
        plan = db.session.scalar(
            sa.select(ActionPlan).where(ActionPlan.number == demo_data.PLAN_NUMBER)
        )
        start = utcnow() - timedelta(days=1 + 10 * PhaseKind.COMMENTS.order)
        round_ = make_round(plan, consecutive_phases(start),
                           title=DRAFTS_ROUND)
        load_demo_draft(plan_id=plan.id, round_id=round_.id,
                        author=find_by_email("moderador@participa.example"))
        db.session.commit()
        db.session.remove()


def start(kind: str, db_url: str, workdir: Path) -> Server:
    mail_dir = workdir / "mail"
    password = secrets.token_urlsafe(18)
    app = make_app(db_url, workdir, MAIL_FILE_DIR=str(mail_dir), DEMO_PASSWORD=password)
    _load_demo(app)
    _open_comments_round(app)
    return _serve(kind, db_url, workdir, app, password)


def start_another(first: Server, workdir: Path) -> Server:
    """A second server on the first one's database, as a second machine behind the same
    load balancer would be: its own process, its own caches, the same data."""
    app = make_app(first.db_url, workdir, MAIL_FILE_DIR=str(first.mail_dir),
                   DEMO_PASSWORD=first.demo_password)
    return _serve(first.kind, first.db_url, workdir, app, first.demo_password)


def _serve(kind: str, db_url: str, workdir: Path, app: Flask, password: str) -> Server:
    mail_dir = Path(app.config["MAIL_FILE_DIR"])
    instance = workdir / "instance"
    instance.mkdir(parents=True, exist_ok=True)
    sock = _listening_socket()
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    env = {name: value for name, value in os.environ.items()
           if not name.startswith("PARTICIPA_")}
    env.update({
        "PARTICIPA_INSTANCE_PATH": str(instance),
        "PARTICIPA_DATABASE_URL": db_url,
        "PARTICIPA_SECRET_KEY": secrets.token_urlsafe(32),
        "PARTICIPA_MAIL_BACKEND": "file",
        "PARTICIPA_MAIL_FILE_DIR": str(mail_dir),
        "PARTICIPA_BASE_URL": url,
        # The demo accounts' hashes are cheap (FAST_HASHING); new accounts too, so that
        # sign-ups and log-ins do not dominate the suite's time on two shared cores.
        **{f"PARTICIPA_{key}": str(value) for key, value in FAST_HASHING.items()},
    })
    log_path = workdir / "gunicorn.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--bind", f"fd://{sock.fileno()}",
             "--workers", "1", "--threads", "4", "--graceful-timeout", "5",
             "--error-logfile", "-", "participa:create_app()"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            pass_fds=(sock.fileno(),),
        )
    sock.close()
    server = Server(kind=kind, url=url, db_url=db_url, mail_dir=mail_dir, log_path=log_path,
                    app=app, demo_password=password, process=process, env=env)
    _wait_until_up(server)
    return server


def _wait_until_up(server: Server) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError("gunicorn exited:\n" + server.log_path.read_text())
        try:
            with urllib.request.urlopen(server.url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    stop(server)
    raise RuntimeError("gunicorn did not answer /healthz:\n" + server.log_path.read_text())


def stop(server: Server) -> None:
    if server.process is not None and server.process.poll() is None:
        server.process.terminate()
        try:
            server.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()
    with server.app.app_context():
        db.engine.dispose()
