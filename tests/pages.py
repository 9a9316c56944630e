"""Reading the app's answers in tests: the page a response carries, and parts of a page."""

from __future__ import annotations


def html(response) -> str:
    """The text of a response (a page, JSON or CSV), as the browser would read it."""
    return response.get_data(as_text=True)


def main_of(page: str) -> str:
    """What a page holds in its <main> region: no header, menus or footer."""
    return page.split('<main id="contenido"', 1)[1].split("</main>", 1)[0]
