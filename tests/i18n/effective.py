"""What a reader's software hears: the effective language of every text of a page (its
nearest ancestor's ``lang``), and catalogs of visibly fake translations made in memory.

Test translations are never Mayan text: ``[quc] Propuestas``. They replace the app's loaded
catalog of a language (the shipped one on disk is not touched) for that app only."""

from __future__ import annotations

from collections.abc import Iterable
from html.parser import HTMLParser

from babel.messages.pofile import read_po
from flask_babel import get_translations

from participa.i18n import cli as translate_cli

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class _Languages(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = [("", "")]
        self.nodes: list[tuple[str, str, str]] = []  # (text, language, element)
        self.html_lang = ""

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        lang = values.get("lang") or self.stack[-1][1]
        if tag == "html":
            self.html_lang = values.get("lang") or ""
        if tag not in VOID:
            self.stack.append((tag, lang))

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        names = [name for name, _ in self.stack]
        if tag in names[1:]:
            while self.stack[-1][0] != tag:
                self.stack.pop()
            self.stack.pop()

    def handle_data(self, data):
        element, lang = self.stack[-1]
        if data.strip() and element not in ("script", "style"):
            self.nodes.append((" ".join(data.split()), lang, element))


def languages(page: str) -> tuple[str, list[tuple[str, str, str]]]:
    """(``<html lang>``, every text node as (text, effective language, element))."""
    parser = _Languages()
    parser.feed(page)
    parser.close()
    return parser.html_lang, parser.nodes


def catalog_ids() -> list[tuple[str | None, str | tuple[str, str]]]:
    """(context, msgid) of every message of the catalog template; a plural's msgid is the
    pair (singular, plural)."""
    with translate_cli.POT.open("rb") as handle:
        return [(message.context, message.id) for message in read_po(handle) if message.id]


def fake_catalog(app, code: str, messages: Iterable[str] = (), *, every: bool = False,
                 but: Iterable[str] = ()) -> None:
    """The app's catalog of ``code`` holds only fake translations, ``[code] <Spanish>``: of
    ``messages``, or of ``every`` message of the template ``but`` those."""
    chosen, left_out = set(messages), set(but)
    with app.test_request_context(headers={"Accept-Language": code}):
        catalog = get_translations()._catalog
        header = catalog.get("")
        catalog.clear()
        if header is not None:
            catalog[""] = header
        for context, msgid in catalog_ids():
            singular = msgid[0] if isinstance(msgid, tuple) else msgid
            if singular in left_out or not (every or singular in chosen):
                continue
            key = f"{context}\x04{singular}" if context else singular
            if isinstance(msgid, tuple):
                catalog[(key, 0)] = f"[{code}] {msgid[0]}"
                catalog[(key, 1)] = f"[{code}] {msgid[1]}"
            else:
                catalog[key] = f"[{code}] {msgid}"
