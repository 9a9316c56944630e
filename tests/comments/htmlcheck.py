"""Checks on rendered HTML for the XSS tests: the elements and attributes a page has, after
the browser-like decoding of entities that ``html.parser`` does."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

# Leading spaces and the characters browsers drop from URLs before reading the scheme.
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]")
SAFE_SCHEMES = ("http:", "https:", "mailto:")
DANGEROUS_TAGS = {
    "img", "svg", "iframe", "object", "embed", "math", "style", "base", "video", "audio",
    "frame", "frameset", "applet", "marquee", "xmp", "noscript", "template", "meta",
}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append(Element(tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        self.text.append(data)


def parse(markup: str) -> Page:
    page = Page()
    page.feed(markup)
    page.close()
    return page


def scheme_of(url: str) -> str:
    cleaned = _URL_NOISE.sub("", url).lower()
    match = re.match(r"^([a-z][a-z0-9+.\-]*):", cleaned)
    return match.group(1) + ":" if match else ""


def problems(markup: str, *, head_meta: bool = True) -> list[str]:
    """Everything in ``markup`` that user text could only have put there: dangerous
    elements, event handlers, scripts not served by us, links with other schemes, and
    off-site links without rel="nofollow ugc noopener"."""
    found = []
    for element in parse(markup).elements:
        if element.tag in DANGEROUS_TAGS and not (head_meta and element.tag == "meta"):
            found.append(f"element <{element.tag}>")
        if element.tag == "script" and not (element.attrs.get("src") or "").startswith(
            "/static/"
        ):
            found.append(f"inline script {element.attrs}")
        for name, value in element.attrs.items():
            if name.startswith("on"):
                found.append(f"event handler {name}={value!r} on <{element.tag}>")
            if name in ("href", "src", "action", "formaction", "xlink:href", "srcdoc"):
                scheme = scheme_of(value or "")
                if scheme and scheme not in SAFE_SCHEMES:
                    found.append(f"{name} with scheme {scheme} on <{element.tag}>")
                if element.tag == "a" and scheme in SAFE_SCHEMES and (
                    element.attrs.get("rel") != "nofollow ugc noopener"
                ):
                    found.append(f"off-site link without rel: {value!r}")
            if name == "style":
                found.append(f"style attribute on <{element.tag}>")
    return found
