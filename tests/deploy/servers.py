"""The servers of the deployment tests: gunicorn with the production settings
(deploy/gunicorn.conf.py), and nginx with the shipped deploy/nginx.conf in front of it: its
page cache (``proxy_cache_path``, moved into the test's folder), its maps, its upstream
pointed at the test's gunicorn and its ``location /``, on a port of loopback without TLS (the
configuration is bench/proxy.py's, which the benchmark's P rows use too)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bench import proxy
from participa import ROOT

from ..conftest import FAST_HASHING

STARTUP_SECONDS = 60  # a deadline, not an assertion on speed


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def configuration(app_port: int, port: int, folder: Path) -> str:
    """The test's nginx.conf (bench/proxy.py): the shipped configuration on ``port`` in front
    of ``app_port``, its files in ``folder``."""
    return proxy.configuration(folder, [(port, app_port)])


def binary() -> str:
    found = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)
    if found is None:
        pytest.skip("nginx is not installed (Debian: apt-get install nginx-light)")
    return found


def answers(port: int, path: str = "/healthz") -> bool:
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        connection.request("GET", path)
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


def wait_for(port: int, process: subprocess.Popen, log: Path, what: str) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while not answers(port):
        if process.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"{what} did not start:\n{log.read_text() if log.exists() else ''}")
        time.sleep(0.1)


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def running(app_port: int, folder: Path) -> Iterator[tuple[int, Path]]:
    """(port, error log) of nginx with the shipped configuration in front of ``app_port``."""
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    (folder / "nginx.conf").write_text(configuration(app_port, port, folder))
    log = folder / "nginx.out"
    with log.open("w") as output:
        process = subprocess.Popen([binary(), "-c", str(folder / "nginx.conf"), "-p", str(folder)],
                                   stdout=output, stderr=subprocess.STDOUT)
    try:
        wait_for(port, process, folder / "error.log", "nginx")
        yield port, folder / "error.log"
    finally:
        stop(process)


def production_environment(database: Path, folder: Path, **settings: str) -> dict[str, str]:
    """The environment of a production gunicorn on a SQLite file, with ``settings``
    (PARTICIPA_ names without the prefix) on top; nothing of the developer's shell."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PARTICIPA_", "GUNICORN_", "FLASK_"))
           and k not in ("WEB_CONCURRENCY", "FORWARDED_ALLOW_IPS")}
    env.update({
        "PARTICIPA_PRODUCTION": "1",
        "PARTICIPA_SECRET_KEY": "k" * 40,
        "PARTICIPA_BASE_URL": "https://participa.example.gt",
        "PARTICIPA_DATABASE_URL": f"sqlite:///{database}",
        "PARTICIPA_RATELIMIT_STORAGE_URI": "memory://",
        "PARTICIPA_INSTANCE_PATH": str(folder / "instance"),
        "PARTICIPA_PROXY_COUNT": "1",
        **{f"PARTICIPA_{key}": str(value) for key, value in FAST_HASHING.items()},
        **{f"PARTICIPA_{key}": value for key, value in settings.items()},
    })
    return env


def start_gunicorn(env: dict[str, str], folder: Path, *arguments: str
                   ) -> tuple[subprocess.Popen, int, Path]:
    """gunicorn -c deploy/gunicorn.conf.py on a socket bound here (no race for the port),
    answering: (process, port, log)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)
    port = listener.getsockname()[1]
    log = folder / "gunicorn.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "deploy" / "gunicorn.conf.py"),
             "--bind", f"fd://{listener.fileno()}", *arguments],
            cwd=ROOT, env=env, pass_fds=[listener.fileno()], stdout=output,
            stderr=subprocess.STDOUT)
    listener.close()
    try:
        wait_for(port, process, log, "gunicorn")
    except BaseException:
        stop(process)
        raise
    return process, port, log
