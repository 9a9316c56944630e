"""Worker recycling never drops a request (issue 15, item 17). Gunicorn runs with
deploy/gunicorn.conf.py and a very low ``--max-requests`` so its workers restart several times
in a few seconds, while clients send GETs and POSTs as fast as they can, each on one HTTP/1.1
connection it reuses whenever the server allows it (as browsers and nginx do). Every request
must get an answer: directly, and through nginx with the shipped deploy/nginx.conf's upstream
and proxy settings (where a request the proxy could not deliver is a 502).

A client checks that the server has not closed its idle connection before reusing it (as
urllib3 and browsers do); a request sent on an open connection that then gets no answer is
dropped."""

from __future__ import annotations

import http.client
import select
import shutil
import threading
import time
from pathlib import Path

import pytest

from . import servers

RESTARTS = 3  # the load goes on until the workers restarted this many times more,
SECONDS = 20.0  # or for this long at most (a slow machine boots workers slowly)
CLIENTS = 8
# Per worker, plus as much jitter (the workers seldom restart together): restarts as fast as
# workers boot.
MAX_REQUESTS = 10


@pytest.fixture(scope="module")
def gunicorn(sqlite_template, tmp_path_factory):
    """Port of a production gunicorn (two workers) on a copy of the empty SQLite database."""
    tmp_path = tmp_path_factory.mktemp("gunicorn")
    database = tmp_path / "participa.db"
    shutil.copy(sqlite_template, database)
    env = servers.production_environment(database, tmp_path)
    process, port, log = servers.start_gunicorn(
        env, tmp_path, "--workers", "2", "--max-requests", str(MAX_REQUESTS),
        "--max-requests-jitter", str(MAX_REQUESTS))
    try:
        yield port, log
    finally:
        servers.stop(process)


@pytest.fixture(scope="module")
def nginx(gunicorn, tmp_path_factory):
    """Port of nginx in front of that gunicorn with the shipped configuration."""
    app_port, _ = gunicorn
    with servers.running(app_port, tmp_path_factory.mktemp("nginx") / "nginx") as served:
        yield served


class Client:
    """One HTTP/1.1 connection, reused while the server keeps it open."""

    def __init__(self, port: int):
        self.port = port
        self.connection: http.client.HTTPConnection | None = None

    def _usable(self) -> http.client.HTTPConnection:
        connection = self.connection
        if connection is not None and connection.sock is not None:
            readable, _, _ = select.select([connection.sock], [], [], 0)
            if readable:  # the server closed it while idle: not a request lost
                connection.close()
                connection = None
        if connection is None or connection.sock is None:
            # A slow answer is an answer: as long as nginx waits for one (proxy_read_timeout).
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=35)
            connection.connect()
        self.connection = connection
        return connection

    def request(self, method: str) -> int | None:
        """The status, or None when the request got no answer."""
        connection = self._usable()
        try:
            connection.request(method, "/healthz", body=b"" if method == "POST" else None)
            response = connection.getresponse()
            response.read()
        except (OSError, http.client.HTTPException):
            connection.close()
            self.connection = None
            return None
        if response.will_close:
            connection.close()
            self.connection = None
        return response.status


def _load(port: int, log: Path) -> tuple[list[int | None], int]:
    """The statuses of the requests sent (None: no answer), and the restarts meanwhile."""
    statuses: list[int | None] = []
    lock = threading.Lock()
    deadline = time.monotonic() + SECONDS
    done = threading.Event()
    before = _restarts(log)

    def client(index: int) -> None:
        me = Client(port)
        mine = []
        while not done.is_set() and time.monotonic() < deadline:
            mine.append(me.request("POST" if len(mine) % 4 == index % 4 else "GET"))
        if me.connection is not None:
            me.connection.close()
        with lock:
            statuses.extend(mine)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    while time.monotonic() < deadline and _restarts(log) - before < RESTARTS:
        time.sleep(0.2)
    time.sleep(0.5)  # and the requests around the last restart
    done.set()
    for thread in threads:
        thread.join()
    return statuses, _restarts(log) - before


def _restarts(log: Path) -> int:
    return log.read_text().count("Autorestarting worker")


def _check(statuses: list[int | None], restarts: int) -> None:
    unanswered = statuses.count(None)
    failed = [s for s in statuses if s not in (200, 405)]
    assert not failed, (f"{unanswered} of {len(statuses)} requests got no answer and "
                        f"{len(failed) - unanswered} a proxy error, across {restarts} restarts")
    assert restarts >= 2, f"only {restarts} worker restarts: the test proves nothing"


def test_recycling_workers_answer_every_request_directly(gunicorn):
    port, log = gunicorn
    _check(*_load(port, log))


def test_recycling_workers_answer_every_request_behind_nginx(gunicorn, nginx):
    _, log = gunicorn
    port, _ = nginx
    _check(*_load(port, log))
