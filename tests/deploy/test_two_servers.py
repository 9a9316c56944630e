"""Two app servers, as in production: gunicorn with deploy/gunicorn.conf.py, on two loopback
ports, sharing one PostgreSQL (migrated with ``flask db upgrade``) and one Redis that this
module starts (Debian's redis-server, installed by ``make test``). Each server has its own
instance folder and nothing in common with the other but the environment of docs/deploy.md.

A session opened on one server works on the other; a rate limit reached through one is
refused by the other (the counters live in Redis); supports sent to both at once are counted
exactly. Requests go through the real HTTP stack with the harness of
tests/proposals/test_concurrency.py."""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
import sqlalchemy as sa

from participa import ROOT
from participa.base.extensions import db
from participa.proposals.models import Proposal, Support

from ..conftest import DBS, FAST_HASHING, create_pg_database, drop_pg_database, make_app
from ..factories import make_open_round, make_proposal, make_user
from ..proposals.test_concurrency import Browser, _all_at_once

pytestmark = pytest.mark.skipif("postgresql" not in DBS, reason="runs on PostgreSQL only")

# Supports per person and hour on both servers: low, so the shared limit is reached quickly.
SUPPORTS_LIMIT = 3
STARTUP_SECONDS = 60  # a deadline for the servers to come up, not an assertion on speed


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until(ready, process: subprocess.Popen, log: Path, what: str) -> bool:
    """True once ``ready()``; False if the process stopped first (its log says why)."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while not ready():
        if process.poll() is not None:
            return False
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not start in {STARTUP_SECONDS} s:\n{log.read_text()}")
        time.sleep(0.1)
    return True


def _stop(*processes: subprocess.Popen) -> None:
    """SIGTERM (gunicorn's graceful shutdown) to all, then wait; SIGKILL after 30 s."""
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    """A Redis server of our own on a free loopback port, without persistence."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("redis-server is not installed: `make test` installs Debian's redis-server "
                    "package (as root); otherwise `apt-get install redis-server`.")
    folder = tmp_path_factory.mktemp("redis")
    log = folder / "redis.log"
    log.touch()
    for _ in range(3):  # a free port may be taken by someone else before redis binds it
        port = _free_port()
        process = subprocess.Popen(
            [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "",
             "--appendonly", "no", "--dir", str(folder), "--logfile", str(log)],
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
        )
        url = f"redis://127.0.0.1:{port}/0"
        client = redis.Redis.from_url(url, socket_connect_timeout=1)

        def ready(client=client) -> bool:
            try:
                return bool(client.ping())
            except redis.ConnectionError:
                return False

        if _wait_until(ready, process, log, "redis-server"):
            break
        client.close()
    else:
        pytest.fail(f"redis-server stopped:\n{log.read_text()}")
    yield url
    client.close()
    _stop(process)


@pytest.fixture(scope="module")
def shared_db(pg_admin_url, tmp_path_factory):
    """An empty PostgreSQL database brought to the newest schema as on a deploy."""
    name = "participa_two_servers"
    url = create_pg_database(pg_admin_url, name)
    env = _environment(url, "memory://", tmp_path_factory.mktemp("migrate"))
    result = subprocess.run(
        [sys.executable, "-m", "flask", "db", "upgrade"], cwd=ROOT, env=env,
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    yield url
    drop_pg_database(pg_admin_url, name)


SECRET_KEY = secrets.token_urlsafe(32)  # the same on both servers, as docs/deploy.md says


def _environment(database_url: str, redis: str, instance: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PARTICIPA_", "GUNICORN_", "FLASK_"))
           and k not in ("WEB_CONCURRENCY", "FORWARDED_ALLOW_IPS")}
    env.update({
        "FLASK_APP": "participa",
        "PARTICIPA_PRODUCTION": "1",
        "PARTICIPA_SECRET_KEY": SECRET_KEY,
        "PARTICIPA_BASE_URL": "https://participa.example.gt",
        "PARTICIPA_DATABASE_URL": database_url,
        "PARTICIPA_RATELIMIT_STORAGE_URI": redis,
        "PARTICIPA_INSTANCE_PATH": str(instance),
        "PARTICIPA_MAIL_BACKEND": "file",
        "PARTICIPA_RATELIMIT_SUPPORTS": f"{SUPPORTS_LIMIT} per hour",
        **{f"PARTICIPA_{key}": str(value) for key, value in FAST_HASHING.items()},
    })
    return env


def _start_gunicorn(name: str, env: dict[str, str], folder: Path):
    """gunicorn -c deploy/gunicorn.conf.py on a socket bound here (no race for the port)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)
    port = listener.getsockname()[1]
    log = folder / f"{name}.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "deploy" / "gunicorn.conf.py"),
             "--bind", f"fd://{listener.fileno()}", "--workers", "1"],
            cwd=ROOT, env=env, pass_fds=[listener.fileno()], stdout=output,
            stderr=subprocess.STDOUT,
        )
    listener.close()
    return process, port, log


@pytest.fixture(scope="module")
def servers(shared_db, redis_url, tmp_path_factory):
    """Ports of server A and server B."""
    started = []
    try:
        for name in ("a", "b"):
            folder = tmp_path_factory.mktemp(f"server-{name}")
            env = _environment(shared_db, redis_url, folder / "instance")
            started.append(_start_gunicorn(name, env, folder))
        for process, port, log in started:
            if not _wait_until(lambda port=port: _healthy(port), process, log, "gunicorn"):
                pytest.fail(f"gunicorn stopped (status {process.returncode}):\n"
                            f"{log.read_text()}")
        yield tuple(port for _, port, _ in started)
    finally:
        _stop(*(process for process, _, _ in started))


def _healthy(port: int) -> bool:
    try:
        return Browser(port).request("GET", "/healthz")[0] == 200
    except OSError:
        return False


@pytest.fixture(scope="module")
def local(shared_db, tmp_path_factory):
    """This process's own app on the shared database, to make data and read it back."""
    app = make_app(shared_db, tmp_path_factory.mktemp("local"))
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def proposal_ids(local):
    with local.app_context():
        round_ = make_open_round()
        author = make_user()
        return [make_proposal(round_, author).id for _ in range(SUPPORTS_LIMIT + 2)]


def _person(local, port: int) -> tuple[Browser, str]:
    """A new confirmed person logged in through the server on ``port``, and a form token."""
    with local.app_context():
        email = make_user().email
    browser = Browser(port)
    browser.log_in(email)
    return browser, browser.csrf("/mi-participacion")


def _support(browser: Browser, token: str, proposal_id: int) -> int:
    return browser.request("POST", f"/propuestas/{proposal_id}/apoyar", {"csrf_token": token},
                           {"Accept": "application/json"})[0]


def test_a_session_opened_on_one_server_works_on_the_other(servers, local, proposal_ids):
    a, b = servers
    with local.app_context():
        name = make_user(name="Ixchel Tzul", email_address="ixchel@example.org").name
    on_a = Browser(a)
    on_a.log_in("ixchel@example.org")
    token = on_a.csrf("/mi-participacion")

    on_b = Browser(b)
    on_b.cookies = on_a.cookies  # the same browser, sent to the other server
    status, page = on_b.request("GET", "/cuenta/")  # the profile form holds the name
    assert status == 200 and name in page
    assert Browser(b).request("GET", "/cuenta/")[0] == 302  # not without the cookie
    # The form token of a page served by A is good on B.
    assert _support(on_b, token, proposal_ids[0]) == 200
    with local.app_context():
        assert db.session.get(Proposal, proposal_ids[0]).support_count == 1


def test_rate_limits_are_shared_through_redis(servers, local, proposal_ids, redis_url):
    a, b = servers
    on_a, token = _person(local, a)
    statuses = [_support(on_a, token, pid) for pid in proposal_ids[:SUPPORTS_LIMIT]]
    assert statuses == [200] * SUPPORTS_LIMIT

    on_b = Browser(b)
    on_b.cookies = on_a.cookies
    assert _support(on_b, token, proposal_ids[SUPPORTS_LIMIT]) == 429
    assert _support(on_a, token, proposal_ids[SUPPORTS_LIMIT + 1]) == 429
    with local.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Support.id)).where(
            Support.proposal_id.in_(proposal_ids[SUPPORTS_LIMIT:]))) == 0
    client = redis.Redis.from_url(redis_url)
    assert any(b"supports-person" in key for key in client.scan_iter())
    client.close()


def test_supports_sent_to_both_servers_at_once_are_counted_exactly(servers, local, proposal_ids):
    a, b = servers
    target = proposal_ids[-1]
    people = [_person(local, port) for port in (a, b) for _ in range(10)]
    calls = []
    for index, (browser, token) in enumerate(people):
        # Each person logged in on one server posts through the other, and the first ones
        # post the same support to both servers at once.
        other = Browser(b if browser.port == a else a)
        other.cookies = browser.cookies
        calls.append(lambda o=other, t=token: _support(o, t, target))
        if index % 5 == 0:
            calls.append(lambda br=browser, t=token: _support(br, t, target))
    statuses = _all_at_once(calls)
    assert set(statuses) == {200}, statuses
    with local.app_context():
        rows, people_counted, stored = db.session.execute(
            sa.select(sa.func.count(Support.id), sa.func.count(sa.distinct(Support.user_id)),
                      Proposal.support_count)
            .join(Proposal, Proposal.id == Support.proposal_id)
            .where(Support.proposal_id == target)
            .group_by(Proposal.support_count)
        ).one()
    assert rows == people_counted == stored == len(people)
