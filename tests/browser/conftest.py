"""Fixtures of the browser journeys: Debian's Chromium driven by Playwright for Python, one
real server (gunicorn) per database for the whole session, every test at phone and desktop
size, axe-core and the page weights checked on every page a journey visits.

Needs ``/usr/bin/chromium`` (``apt-get install chromium``; ``make test`` installs it when it
can), Playwright's Python package (the ``dev`` extra; it never downloads a browser here) and
axe-core vendored by ``make browser-assets`` into ``tests/browser/vendor/``. When one of
them is missing the tests are skipped with the command that installs it.
"""

from __future__ import annotations

import importlib.util
import shutil
import time
import uuid
from pathlib import Path

import pytest

from participa import ROOT

from ..conftest import DBS, create_pg_database, drop_pg_database
from . import server as app_server
from .pages import FAILING_IMPACTS, VIEWPORTS, Auditor, Recorder, Report

CHROMIUM = Path("/usr/bin/chromium")  # Debian's package chromium
AXE = ROOT / "tests" / "browser" / "vendor" / "node_modules" / "axe-core" / "axe.min.js"
REPORTS = ROOT / "build" / "browser"
# Chromium still calls Google hosts in the background: the flags turn that off, and the
# proxy (a closed port) stops whatever is left; loopback bypasses it.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=127.0.0.1;localhost",
]
PG_DATABASE = "participa_browser"

_written: list[Path] = []


def missing_requirement() -> str | None:
    if not CHROMIUM.exists():
        return (f"Chromium is not installed ({CHROMIUM}): install Debian's package with "
                "`apt-get install chromium` as root (`make test` does it when it can).")
    if importlib.util.find_spec("playwright") is None:
        return ("Playwright for Python is not installed: `make install-dev` "
                "(pip install -e '.[dev]').")
    if not AXE.exists():
        return ("axe-core is not vendored: `make browser-assets` "
                "(npm install --prefix tests/browser/vendor axe-core@4).")
    return None


@pytest.fixture(scope="session")
def browser():
    reason = missing_requirement()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture(scope="session")
def report(browser, request):
    """The session's reports, written under build/browser/ when the last test is done."""
    shutil.rmtree(REPORTS, ignore_errors=True)
    report = Report(REPORTS)
    started = time.monotonic()
    yield report
    tests = sum(1 for item in request.session.items if "browser" in item.keywords)
    _written[:] = report.write(seconds=time.monotonic() - started, tests=tests)


@pytest.fixture(scope="session")
def auditor(browser, report):
    auditor = Auditor(browser, AXE.read_text(), report)
    yield auditor
    auditor.close()


@pytest.fixture(scope="session", params=DBS)
def server(request, browser, tmp_path_factory):
    """The app served by gunicorn on a fresh database with the demo data."""
    kind = request.param
    workdir = tmp_path_factory.mktemp(f"browser-{kind}")
    if kind == "sqlite":
        db_url = f"sqlite:///{workdir / 'participa.db'}"
    else:
        admin_url = request.getfixturevalue("pg_admin_url")
        db_url = create_pg_database(admin_url, PG_DATABASE)
    running = app_server.start(kind, db_url, workdir)
    yield running
    app_server.stop(running)
    if kind != "sqlite":
        drop_pg_database(admin_url, PG_DATABASE)


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request) -> str:
    return request.param


@pytest.fixture
def site(browser, server, auditor, report, viewport, tmp_path):
    """Opens the tabs of one test; afterwards checks every page its tabs visited (axe,
    weight) and the server's log, and fails the test on any problem."""
    recorder = Recorder(browser, base_url=server.url, viewport=viewport,
                        database=server.kind, sessions=server.sessions, folder=tmp_path)
    server.new_log_errors()
    yield recorder
    recorder.finish()
    problems = list(recorder.problems)
    for visit in recorder.visits:
        if visit.status is None or not visit.html:
            continue
        findings = auditor.audit(visit)
        report.add(visit, findings)
        problems += [
            f"axe {f.impact} {f.rule} on {visit.method} {visit.path} "
            f"({visit.viewport}{'' if visit.javascript else ', sin JS'}): {f.help}: "
            f"{', '.join(f.targets[:5])}"
            for f in findings if f.impact in FAILING_IMPACTS
        ]
        if visit.sideways > 0 and visit.viewport == "telefono":
            problems.append(f"{visit.method} {visit.path} scrolls sideways at 360 px: it is "
                            f"{visit.sideways} px wider than the screen")
    recorder.problems = []
    recorder.check_weights()
    problems += recorder.problems
    errors = server.new_log_errors()
    if errors:
        problems.append("the server logged errors:\n" + errors[-4000:])
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.fixture
def unique() -> str:
    """A token for this test's e-mail addresses and titles, so journeys never collide."""
    return uuid.uuid4().hex[:8]


def pytest_terminal_summary(terminalreporter):
    if _written:
        terminalreporter.write_sep("-", "browser journeys: reports")
        for path in _written:
            terminalreporter.write_line(str(path))
