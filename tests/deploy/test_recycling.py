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
import os
import re
import select
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from participa import ROOT

from ..conftest import FAST_HASHING

RESTARTS = 3  # the load goes on until the workers restarted this many times more,
SECONDS = 20.0  # or for this long at most (a slow machine boots workers slowly)
CLIENTS = 8
# Per worker, plus as much jitter (the workers seldom restart together): restarts as fast as
# workers boot.
MAX_REQUESTS = 10
STARTUP_SECONDS = 60  # a deadline, not an assertion on speed


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _answers(port: int) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        connection.request("GET", "/healthz")
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


def _wait_for(port: int, process: subprocess.Popen, log: Path, what: str) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while not _answers(port):
        if process.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"{what} did not start:\n{log.read_text()}")
        time.sleep(0.1)


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="module")
def gunicorn(sqlite_template, tmp_path_factory):
    """Port of a production gunicorn (two workers) on a copy of the empty SQLite database."""
    tmp_path = tmp_path_factory.mktemp("gunicorn")
    database = tmp_path / "participa.db"
    shutil.copy(sqlite_template, database)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PARTICIPA_", "GUNICORN_", "FLASK_"))
           and k not in ("WEB_CONCURRENCY", "FORWARDED_ALLOW_IPS")}
    env.update({
        "PARTICIPA_PRODUCTION": "1",
        "PARTICIPA_SECRET_KEY": "k" * 40,
        "PARTICIPA_BASE_URL": "https://participa.example.gt",
        "PARTICIPA_DATABASE_URL": f"sqlite:///{database}",
        "PARTICIPA_RATELIMIT_STORAGE_URI": "memory://",
        "PARTICIPA_INSTANCE_PATH": str(tmp_path / "instance"),
        "PARTICIPA_PROXY_COUNT": "1",
        **{f"PARTICIPA_{key}": str(value) for key, value in FAST_HASHING.items()},
    })
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)
    port = listener.getsockname()[1]
    log = tmp_path / "gunicorn.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "deploy" / "gunicorn.conf.py"),
             "--bind", f"fd://{listener.fileno()}", "--workers", "2",
             "--max-requests", str(MAX_REQUESTS), "--max-requests-jitter", str(MAX_REQUESTS)],
            cwd=ROOT, env=env, pass_fds=[listener.fileno()], stdout=output,
            stderr=subprocess.STDOUT)
    listener.close()
    try:
        _wait_for(port, process, log, "gunicorn")
        yield port, log
    finally:
        _stop(process)


def _shipped_block(config: str, opening: str) -> str:
    """The block of deploy/nginx.conf that starts with ``opening`` (braces balanced)."""
    start = config.index(opening)
    depth = 0
    for end in range(config.index("{", start), len(config)):
        depth += {"{": 1, "}": -1}.get(config[end], 0)
        if depth == 0:
            return config[start:end + 1]
    raise AssertionError(f"unbalanced block {opening!r}")


@pytest.fixture(scope="module")
def nginx(gunicorn, tmp_path_factory):
    """Port of nginx in front of that gunicorn with the shipped upstream and ``location /``."""
    tmp_path = tmp_path_factory.mktemp("nginx")
    binary = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)
    if binary is None:
        pytest.skip("nginx is not installed (Debian: apt-get install nginx-light)")
    app_port, _ = gunicorn
    shipped = (ROOT / "deploy" / "nginx.conf").read_text()
    upstream = _shipped_block(shipped, "upstream participa").replace(
        "127.0.0.1:8000", f"127.0.0.1:{app_port}")
    upstream = re.sub(r"^\s*#.*$", "", upstream, flags=re.MULTILINE)
    location = _shipped_block(shipped, "location / ")
    port = _free_port()
    folder = tmp_path / "nginx"
    folder.mkdir()
    temp = "\n".join(f"    {kind}_temp_path {folder / kind};"
                     for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (folder / "nginx.conf").write_text(f"""
daemon off;
worker_processes 1;
pid {folder / 'nginx.pid'};
error_log {folder / 'error.log'} warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
{temp}
    {upstream}
    server {{
        listen 127.0.0.1:{port};
        {location}
    }}
}}
""")
    log = folder / "nginx.out"
    with log.open("w") as output:
        process = subprocess.Popen([binary, "-c", str(folder / "nginx.conf"), "-p", str(folder)],
                                   stdout=output, stderr=subprocess.STDOUT)
    try:
        _wait_for(port, process, folder / "error.log", "nginx")
        yield port, folder / "error.log"
    finally:
        _stop(process)


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
