"""Fixtures of the browser journeys: Debian's Chromium driven by Playwright for Python, one
real server (gunicorn) per database for the whole session, every test at phone and desktop
size, axe-core and the page weights checked on every page a journey visits, and the Nu HTML
checker on every distinct page, in one run at the end of the session.

A journey that runs at both sizes runs once per database and once per size, paired
(``PAIRED``: the phone on PostgreSQL, the desktop on SQLite) rather than at every size on
every database: the server sends the same page whatever its database, and the browser lays it
out the same whatever the database behind it, so the other two runs found nothing that these
two do not (docs/decisions.md, «The browser journeys, paired»). A journey written for one size
runs on both databases. With one database (PARTICIPA_TEST_DBS) every size runs on it.

Needs ``/usr/bin/chromium`` (``apt-get install chromium``; ``make test`` installs it when it
can), Playwright's Python package (the ``dev`` extra; it never downloads a browser here),
axe-core and the Nu HTML checker (npm's ``vnu-jar``) vendored by ``make browser-assets`` into
``tests/browser/vendor/``, and Java 11 or later for the checker. When one of them is missing
the tests are skipped with the command that installs it.
"""

from __future__ import annotations

import importlib.util
import shutil
import time
import uuid
from collections import defaultdict
from pathlib import Path

import pytest

from participa import ROOT

from ..conftest import DBS, WORKER, create_pg_database, drop_pg_database
from . import server as app_server
from .pages import (
    FAILING_IMPACTS,
    TIMEOUT_MS,
    VIEWPORTS,
    Auditor,
    HtmlChecker,
    Recorder,
    Report,
    html_check_report,
)

CHROMIUM = Path("/usr/bin/chromium")  # Debian's package chromium
AXE = ROOT / "tests" / "browser" / "vendor" / "node_modules" / "axe-core" / "axe.min.js"
VENDOR = ROOT / "tests" / "browser" / "vendor" / "node_modules"
VNU = VENDOR / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Under pytest-xdist each process writes the reports of the journeys it ran in its own folder.
REPORTS = ROOT / "build" / "browser" / WORKER if WORKER else ROOT / "build" / "browser"
# Chromium still calls Google hosts in the background: the flags turn that off, and the
# proxy (a closed port) stops whatever is left; loopback bypasses it.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=127.0.0.1;localhost",
]
PG_DATABASE = "participa_browser"
PAIRED = {("postgresql", "telefono"), ("sqlite", "escritorio")}

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
                "(npm install --prefix tests/browser/vendor axe-core@4 vnu-jar).")
    if not VNU.exists():
        return ("The Nu HTML checker is not vendored: `make browser-assets` "
                "(npm install --prefix tests/browser/vendor axe-core@4 vnu-jar).")
    if shutil.which("java") is None:
        return ("Java is not installed, the Nu HTML checker needs it: "
                "`apt-get install default-jre-headless`.")
    return None


def pytest_collection_modifyitems(config, items):
    """The runs of a journey at both sizes on both databases, paired (``PAIRED``)."""
    if set(DBS) != {database for database, _size in PAIRED}:
        return
    here = Path(__file__).parent
    sizes: dict[tuple, set[str]] = defaultdict(set)

    def journey(item) -> tuple | None:
        params = getattr(getattr(item, "callspec", None), "params", {})
        if here not in item.path.parents or "server" not in params or "viewport" not in params:
            return None
        return (item.path, item.originalname,
                tuple(sorted((k, repr(v)) for k, v in params.items()
                             if k not in ("server", "viewport"))))

    for item in items:
        if (key := journey(item)) is not None:
            sizes[key].add(item.callspec.params["viewport"])
    kept, deselected = [], []
    for item in items:
        key = journey(item)
        if key is not None and len(sizes[key]) > 1 and (
                item.callspec.params["server"], item.callspec.params["viewport"]) not in PAIRED:
            deselected.append(item)
        else:
            kept.append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept


@pytest.fixture(scope="session")
def browser():
    reason = missing_requirement()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import expect, sync_playwright

    # expect() waits as long as every other step (5 s by default): on a loaded machine, with
    # the suite's processes on every core, an answer fetched by script can take longer.
    expect.set_options(timeout=TIMEOUT_MS)
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
    if (REPORTS / "html-check.md").exists():
        _written.append(REPORTS / "html-check.md")


@pytest.fixture(scope="session")
def auditor(browser, report):
    auditor = Auditor(browser, AXE.read_text(), report)
    yield auditor
    auditor.close()


@pytest.fixture(scope="session")
def html_checker(browser, report, tmp_path_factory):
    """Gathers the distinct pages of the session; at its end checks them all with the Nu
    HTML checker (one JVM), writes build/browser/html-check.md and fails on any error."""
    checker = HtmlChecker(shutil.which("java") or "java", VNU,
                          tmp_path_factory.mktemp("html-check"))
    yield checker
    errors = checker.check()
    REPORTS.mkdir(parents=True, exist_ok=True)
    written = REPORTS / "html-check.md"
    written.write_text(html_check_report(checker, errors))
    if errors:
        shown = [f"{e.page} ({e.example}) line {e.line}: {e.message} [{e.extract}]"
                 for e in errors[:40]]
        pytest.fail(f"the Nu HTML checker found {len(errors)} errors on the pages the journeys "
                    f"visited (all in {written}):\n" + "\n".join(shown), pytrace=False)


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
def site(browser, server, auditor, report, html_checker, viewport, tmp_path):
    """Opens the tabs of one test; afterwards checks every page its tabs visited (axe,
    weight) and the server's log, and fails the test on any problem; the pages go to the
    session's HTML check."""
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
        html_checker.add(visit)
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
