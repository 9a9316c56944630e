"""The Mesa Técnica's page in a real browser (issue 19, item 1), on SQLite and PostgreSQL, at
phone (360 px) and desktop size: a visitor reads the demo forum's members and meetings, opens
a meeting's minutes in place (``details``, no JavaScript needed) and then the meeting's own
page with its agenda, decisions and attendance. axe, the Nu checker and the page weights are
checked on every page visited (conftest)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_visitor_reads_the_forum_and_a_meeting_with_its_minutes(site):
    visitor = site.new_page(javascript=False)
    visitor.goto("/mesa-tecnica")
    expect(visitor.get_by_role("heading", level=1)).to_have_text(
        "Mesa Técnica de Gobierno Abierto")
    expect(visitor.get_by_role("heading", name="Observadoras (6)")).to_be_visible()
    visitor.get_by_text("Acta", exact=True).last.click()
    expect(visitor.get_by_text("La SEGEPLAN presentó la metodología", exact=False)).to_be_visible()
    visitor.get_by_role("heading", level=3).get_by_role("link").last.click()
    expect(visitor.get_by_role("heading", name="Acuerdos")).to_be_visible()
    expect(visitor.get_by_text("Realizar el primer taller en Totonicapán.")).to_be_visible()
    expect(visitor.get_by_role("heading", name="Personas presentes")).to_be_visible()
