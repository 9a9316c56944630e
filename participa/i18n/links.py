"""Language links (issue 14, item 10): any page opens in a language with ``?lang=<code>``,
which the visit keeps (``selection``); the header's menu and ``/idioma`` are links to this
same page in each enabled language, and every page declares them as its alternates
(``<link rel="alternate" hreflang>``, on the site's configured address, plus ``x-default``:
the page without a language, chosen by the visitor's settings). No form, no CSRF token, no
redirect."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

from flask import current_app, request

from .languages import Language

ARGUMENT = "lang"
_PATH_SAFE = "/:@!$&'()*+,;=-._~"


@dataclass(frozen=True)
class Link:
    code: str
    autonym: str
    href: str  # this page in the language: its path and arguments, and lang
    current: bool


def links_to(path: str, arguments: list[tuple[str, str]], languages: list[Language],
             current: str) -> tuple[str, list[Link]]:
    """(the page without a language, the page in each of ``languages``): ``path`` (quoted)
    with its ``arguments`` but ``lang``, and ``lang=<code>``."""
    kept = urlencode([(name, value) for name, value in arguments if name != ARGUMENT])
    page = f"{path}?{kept}" if kept else path
    joint = f"{page}&" if kept else f"{path}?"
    return page, [Link(language.code, language.autonym, f"{joint}{ARGUMENT}={language.code}",
                       language.code == current) for language in languages]


def links_to_address(address: str, languages: list[Language], current: str) -> list[Link]:
    """The links of a local address (``/consultas/3?page=2``), e.g. where /idioma goes back."""
    parts = urlsplit(address)
    path = quote(parts.path, safe=_PATH_SAFE + "%")
    return links_to(path, parse_qsl(parts.query), languages, current)[1]


class LanguageLinks:
    """This request's page in each language, computed when a template first asks."""

    def __init__(self, languages: list[Language], current: str) -> None:
        self._languages = languages
        self._current = current
        self._links: list[Link] | None = None
        self._page = ""

    def _compute(self) -> list[Link]:
        if self._links is None:
            self._page, self._links = links_to(
                quote(request.script_root + request.path, safe=_PATH_SAFE),
                list(request.args.items(multi=True)), self._languages, self._current)
        return self._links

    def __iter__(self):
        return iter(self._compute())

    @property
    def alternates(self) -> list[tuple[str, str]]:
        """(hreflang, absolute address) of this page in every language, and x-default."""
        links = self._compute()
        base = current_app.config["BASE_URL"].rstrip("/")
        return [*((link.code, base + link.href) for link in links),
                ("x-default", base + self._page)]
