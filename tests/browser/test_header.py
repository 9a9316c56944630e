"""The site's header on a 360 x 740 phone (issue 15, item 7): a compact bar whose menu, the
main menu and the language links, folds into a «Menú» disclosure (``<details>``, no
JavaScript), opens with the keyboard, and leaves the proposal list on screen; at desktop size
the menu shows without opening. The ``site`` fixture checks that no page visited here scrolls
sideways and runs axe-core on each."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from participa.demo import proposal_data as demo_data

from .keyboard import Keyboard

pytestmark = pytest.mark.browser

ROUND = demo_data.ROUND_TITLE
PHONE = [pytest.param("telefono", id="telefono")]
DESKTOP = [pytest.param("escritorio", id="escritorio")]
# Folded, the header is the brand and the «Menú» button on one line.
FOLDED_HEADER_MAX_PX = 120
JAVASCRIPT = [pytest.param(True, id="con-js"), pytest.param(False, id="sin-js")]


def header_height(page: Page) -> float:
    box = page.get_by_role("banner").bounding_box()
    assert box is not None
    return box["height"]


def open_proposal_list(page: Page) -> None:
    page.goto("/consultas")
    page.get_by_role("link", name=ROUND).click()
    page.get_by_role("link", name="Ver las propuestas").click()


@pytest.mark.parametrize("viewport", PHONE)
@pytest.mark.parametrize("javascript", JAVASCRIPT)
def test_the_header_folds_its_menu_on_a_phone_and_opens_it_with_the_keyboard(
        site, javascript):
    page = site.new_page(javascript=javascript)
    open_proposal_list(page)
    height = header_height(page)
    assert height <= FOLDED_HEADER_MAX_PX, f"the folded header is {height} px high"
    main_menu = page.get_by_role("navigation", name="Menú principal")
    expect(main_menu).to_be_hidden()
    # More than one proposal shows above the fold (one did under the tall header).
    titles = page.get_by_role("main").get_by_role("heading", level=2).filter(
        has=page.get_by_role("link"))
    assert titles.count() >= 2
    box = titles.nth(1).bounding_box()
    # (its first line at least)
    assert box is not None and box["y"] + 40 <= 740, box

    # Keyboard only: Tab to «Menú», Enter opens it; the links are then in the tab order.
    keys = Keyboard(page)
    toggle = page.get_by_role("banner").get_by_text("Menú", exact=True)
    keys.focus(toggle)
    keys.press("Enter")
    expect(main_menu).to_be_visible()
    languages = page.get_by_role("navigation", name="Idioma")
    expect(languages.get_by_role("link", name="English")).to_be_visible()
    # First in the menu, the site-wide search (issue 17, item 5): its box, its button.
    search = page.get_by_role("banner").get_by_role("search")
    page.keyboard.press("Tab")
    expect(search.get_by_role("searchbox", name="Buscar en Participa")).to_be_focused()
    page.keyboard.press("Tab")
    expect(search.get_by_role("button", name="Buscar")).to_be_focused()
    page.keyboard.press("Tab")
    expect(main_menu.get_by_role("link", name="Inicio", exact=True)).to_be_focused()
    # Open, the menu pushes the page down (nothing covers it) and still fits the width.
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 360, width
    keys.focus(languages.get_by_role("link", name="English"))
    keys.press("Enter", navigates=True)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    # The page in English keeps its folded header.
    assert header_height(page) <= FOLDED_HEADER_MAX_PX
    expect(page.get_by_role("navigation", name="Main menu")).to_be_hidden()
    keys = Keyboard(page)
    keys.focus(page.get_by_role("banner").get_by_text("Menu", exact=True))
    keys.press("Space")
    expect(page.get_by_role("navigation", name="Main menu")).to_be_visible()


@pytest.mark.parametrize("viewport", DESKTOP)
def test_the_header_shows_its_menu_unfolded_on_a_desktop(site):
    page = site.new_page(javascript=False)
    open_proposal_list(page)
    main_menu = page.get_by_role("navigation", name="Menú principal")
    expect(main_menu.get_by_role("link", name="Consultas", exact=True)).to_be_visible()
    expect(page.get_by_role("navigation", name="Idioma").get_by_role(
        "link", name="English")).to_be_visible()
    expect(page.get_by_role("banner").get_by_text("Menú", exact=True)).to_be_hidden()
    assert header_height(page) <= FOLDED_HEADER_MAX_PX


@pytest.mark.parametrize("viewport", PHONE)
@pytest.mark.parametrize("javascript", JAVASCRIPT)
def test_the_header_search_works_on_a_phone(site, javascript):
    """At 360 px, with or without JavaScript: «Menú», a few words, Enter: the results."""
    page = site.new_page(javascript=javascript)
    open_proposal_list(page)
    page.get_by_role("banner").get_by_text("Menú", exact=True).click()
    box = page.get_by_role("banner").get_by_role("searchbox", name="Buscar en Participa")
    box.fill("transparencia")
    with page.expect_navigation():
        box.press("Enter")
    assert "/buscar?q=transparencia" in page.url
    expect(page.get_by_role("heading", level=1, name="Buscar en Participa")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name=re.compile("^Propuestas"))).to_be_visible()
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 360, width
