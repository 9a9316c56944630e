"""Reading the app's answers in tests: the page a response carries, and parts of a page."""

from __future__ import annotations

import re


def html(response) -> str:
    """The text of a response (a page, JSON or CSV), as the browser would read it."""
    return response.get_data(as_text=True)


def without_card_labels(page: str) -> str:
    """The page without the column names its table cells carry for phones (data-label), so
    that a test can look for a cell's plain markup."""
    return re.sub(r' data-label="[^"]*"', "", page)


def main_of(page: str) -> str:
    """What a page holds in its <main> region: no header, menus or footer."""
    return page.split('<main id="contenido"', 1)[1].split("</main>", 1)[0]


def pager_link(page: str, rel: str = "next") -> str | None:
    """The address of a pager's link (rel "next" or "prev"), or None when the page has none."""
    found = re.search(rf'<a href="([^"]+)" rel="{rel}">', page)
    return found.group(1) if found else None


_CURRENT_LANGUAGE_RE = re.compile(
    r'<a href="[^"]*" hreflang="([^"]+)" lang="[^"]+" aria-current="true"[^>]*>')


def interface_language(page: str) -> str | None:
    """The language a person reads the interface in: the language menu's current link
    (``<html lang>`` is the language most of the page is in, often Spanish)."""
    found = _CURRENT_LANGUAGE_RE.search(page)
    return found.group(1) if found else None
