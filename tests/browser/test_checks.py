"""The checks that the ``site`` fixture applies to every page do catch what they must: a
request to another host, a serious axe violation, a page over the weight limit, an HTML
error."""

from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import Error as PlaywrightError

from .conftest import VNU
from .pages import FAILING_IMPACTS, PAGE_LIMIT_BYTES, HtmlChecker, Recorder, Visit

pytestmark = pytest.mark.browser


def test_the_checks_catch_another_host_an_axe_violation_and_a_heavy_page(
    browser, server, auditor, tmp_path
):
    recorder = Recorder(browser, base_url=server.url, viewport="telefono",
                        database=server.kind, sessions={}, folder=tmp_path)
    page = recorder.new_page()
    with pytest.raises(PlaywrightError):
        page.goto("http://example.org/")
    recorder.finish()
    assert recorder.problems == ["request to another host than the app: http://example.org/"]

    broken = Visit(url=server.url + "/", method="GET", viewport="telefono",
                   javascript=False, database=server.kind,
                   html=b"<!doctype html><html><body><img src='/static/favicon.svg'></body>"
                        b"</html>")
    failing = {f.rule for f in auditor.audit(broken) if f.impact in FAILING_IMPACTS}
    assert {"image-alt", "html-has-lang"} <= failing

    heavy = Visit(url=server.url + "/", method="GET", viewport="telefono", javascript=True,
                  database=server.kind)
    heavy.sizes.update(html=PAGE_LIMIT_BYTES - 100, css=50, js=51)
    recorder.visits, recorder.problems = [heavy], []
    recorder.check_weights()
    assert len(recorder.problems) == 1 and "weighs 61441 bytes" in recorder.problems[0]


def test_the_html_check_catches_an_error_once_per_page(server, tmp_path):
    checker = HtmlChecker(shutil.which("java") or "java", VNU, tmp_path / "pages")
    page = (b'<!doctype html><html lang="es"><head><meta charset="utf-8"><title>t</title>'
            b'</head><body><p>%d <time datetime="2026-12-06T02:37:00.123456Z">hoy</time></p>'
            b"</body></html>")
    for n in (1, 2):  # the same page but for a number: checked once
        checker.add(Visit(url=f"{server.url}/propuestas/{n}", method="GET",
                          viewport="telefono", javascript=False, database=server.kind,
                          html=page % n))
    errors = checker.check()
    assert len(errors) == 1, errors
    assert errors[0].page == "GET /propuestas/<n>"
    assert "fraction of a second" in errors[0].message
