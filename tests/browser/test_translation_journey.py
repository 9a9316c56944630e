"""Issue 14's journey in a real browser, on SQLite and PostgreSQL, with two app servers on one
database: a translator suggests two K'iche' texts (one from the translation memory, one
typed), a second person approves them on the first server, and a visitor of the second
server, which already served K'iche' pages before, sees them on the next page load, marked
``lang="quc"`` inside a page marked for the language most of its text is in (Spanish: the
K'iche' catalog is nearly empty). /idiomas shows the new coverage.

The texts are visibly fake (``[quc] ...``) and live only in the test's database.
"""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect

from participa.demo.organizations import REVIEWER_EMAIL, TRANSLATOR_EMAIL
from participa.i18n.memory_files import MemoryPair
from participa.translation import memory, services
from participa.translation.models import SourceMessage, Suggestion, SuggestionStatus

from . import server as app_server
from .pages import Recorder, open_menu

pytestmark = pytest.mark.browser

TYPED = "[quc] Consultas"  # the main menu's "Consultas"
FROM_MEMORY = "[quc] Planes"  # the main menu's "Planes", offered by a (fake) memory


@pytest.fixture(scope="module")
def second_server(server, tmp_path_factory):
    """Another server (its own gunicorn, its own caches) on the first one's database."""
    running = app_server.start_another(server, tmp_path_factory.mktemp("second-server"))
    yield running
    app_server.stop(running)


def open_message(page: Page, spanish: str) -> None:
    page.goto("/traduccion/quc")
    page.get_by_label("Buscar en el español y en la traducción").fill(spanish)
    page.get_by_label("Buscar en el español y en la traducción").press("Enter")
    page.get_by_role("main").get_by_role("link", name=spanish, exact=True).first.click()
    expect(page).to_have_url(re.compile(r"/traduccion/quc/\d+"))


def covered(page: Page) -> int:
    """How many messages /idiomas says the K'iche' interface has translated."""
    page.goto("/idiomas")
    text = page.locator("#idioma-quc dd").first.inner_text()
    return int(re.search(r"\((\d[\d,.]*)", text).group(1).replace(",", "").replace(".", ""))


def test_a_suggestion_approved_on_one_server_shows_on_the_other(
        site, server, second_server, browser, viewport, tmp_path):
    with server.arrange() as session:
        memory.import_pairs([MemoryPair("Planes", FROM_MEMORY, "quc")],
                            source_name="Memoria de prueba", licence="CC0-1.0", audited=False)
        # A journey of the other viewport may have approved these already: start again.
        ids = sa.select(SourceMessage.id).where(SourceMessage.msgid.in_(["Consultas",
                                                                         "Planes"]))
        done = sa.update(Suggestion).where(Suggestion.message_id.in_(ids),
                                           Suggestion.language == "quc")
        session.execute(done.values(status=SuggestionStatus.REJECTED,
                                    review_note="reinicio de la prueba"))
        services.bump_version("quc")

    visitor_tabs = Recorder(browser, base_url=second_server.url, viewport=viewport,
                            database=server.kind, sessions={}, folder=tmp_path)
    visitor = visitor_tabs.new_page()
    visitor.goto("/?lang=quc")
    expect(visitor.get_by_text(TYPED)).to_have_count(0)
    before = covered(visitor)

    translator = site.signed_in_page(TRANSLATOR_EMAIL, server.demo_password)
    open_message(translator, "Planes")
    translator.get_by_role("button", name="Usar esta sugerencia").first.click()
    expect(translator.get_by_label("Traducción", exact=True)).to_have_value(FROM_MEMORY)
    translator.get_by_role("button", name="Sugerir").click()
    expect(translator.get_by_text(FROM_MEMORY).first).to_be_visible()
    open_message(translator, "Consultas")
    translator.get_by_label("Traducción", exact=True).fill(TYPED)
    translator.get_by_role("button", name="Sugerir").click()
    expect(translator.get_by_text(TYPED).first).to_be_visible()
    # Nobody approves their own work: the translator is offered no approval.
    expect(translator.get_by_role("button", name="Aprobar")).to_have_count(0)

    reviewer = site.signed_in_page(REVIEWER_EMAIL, server.demo_password)
    for spanish in ("Planes", "Consultas"):
        open_message(reviewer, spanish)
        reviewer.get_by_role("button", name="Aprobar").first.click()
        expect(reviewer.get_by_text(re.compile("Aprobada")).first).to_be_visible()

    # The other server, next page load, no restart.
    visitor.goto("/?lang=quc")
    open_menu(visitor)  # the menu's items are folded on a phone
    for text in (TYPED, FROM_MEMORY):
        marked = visitor.locator('[lang="quc"]').filter(has_text=text).first
        expect(marked).to_be_visible()
    expect(visitor.locator("html")).to_have_attribute("lang", "es")
    assert covered(visitor) == before + 2

    with server.arrange() as session:
        rows = session.scalars(sa.select(Suggestion).join(SourceMessage).where(
            SourceMessage.msgid.in_(["Consultas", "Planes"]), Suggestion.language == "quc",
            Suggestion.status == SuggestionStatus.APPROVED)).all()
        assert sorted((row.origin.value, row.forms[0]) for row in rows) == [
            ("escrita", TYPED), ("memoria", FROM_MEMORY)]

    visitor_tabs.finish()
    assert visitor_tabs.problems == []
    assert second_server.new_log_errors() == ""
