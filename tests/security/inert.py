"""Is a response inert? Checks for every representation a page of ours can take: HTML (parsed
like a browser parses it, entities decoded), JSON, CSV and e-mail.

The HTML rules are those of ``tests/comments/htmlcheck.py`` (its dangerous elements and safe
link schemes, and its ``scheme_of``, which drops what browsers drop from a URL before reading
its scheme), checked in one pass that also collects the page's text, plus what only a whole
page can tell: every ``<script>`` is a file of ours (and carries the response's CSP nonce
if the policy has one; ours has none since issue 20), nothing named with the
corpus's ``xss`` marker became an element or an attribute, no ``<meta http-equiv>``, and no
template evaluated people's text.
"""

from __future__ import annotations

import csv
import io
import json
import re
from email.message import EmailMessage
from html.parser import HTMLParser
from urllib.parse import urlsplit
from xml.etree import ElementTree

import docx
from odf import teletype
from odf.opendocument import load
from odf.text import H, P

from participa.i18n import marking
from tests.comments.htmlcheck import DANGEROUS_TAGS, SAFE_SCHEMES, scheme_of

from .payloads import TEMPLATE_PRODUCT

CSV_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NONCE_RE = re.compile(r"'nonce-([^']+)'")
# What a page would show if a template evaluated people's text or printed the configuration,
# or if an error escaped as a stack trace.
LEAKS = (TEMPLATE_PRODUCT, "test-secret-key", "SQLALCHEMY_DATABASE_URI", "Traceback (most recent")
# Attributes that hold a URL.
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "srcdoc", "poster",
                  "background", "data")
# Our images: files of ours, or drawn by us (a QR code as a data: SVG; the CSP allows
# img-src data:, and an image runs no script).
_OUR_IMAGE_RE = re.compile(r"/static/|data:image/(?:svg\+xml|png);")
# "//host/..." and "/\\host/..." (browsers read a backslash as a slash) lead to another site.
_OFF_SITE_PATH_RE = re.compile(r"[\x00-\x20]*[/\\][\x00-\x20]*[/\\]")
# Our own <meta> elements have only these attributes (no http-equiv).
_META_ATTRIBUTES = {"charset", "name", "content"}


def _our_chart(tag: str, attrs: dict[str, str]) -> bool:
    """A statistics chart (participa/stats/charts.py): inline SVG the server draws with every
    text escaped, named by its own title and description (its attributes are still checked
    below, like every element's)."""
    return (tag == "svg" and attrs.get("class") == "chart" and attrs.get("role") == "img"
            and attrs.get("aria-labelledby", "").startswith("grafico-"))


class _Page(HTMLParser):
    """One pass over a page: the problems of its elements, and its text (every tag counts as a
    line break, as ``<br>`` does)."""

    def __init__(self, *, nonce: str | None, host: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.nonce, self.host = nonce, host
        self.problems: list[str] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.parts.append("\n")
        self._element(tag, {name: value or "" for name, value in attrs})

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)

    def _element(self, tag: str, attrs: dict[str, str]) -> None:
        found = self.problems
        if ((tag in DANGEROUS_TAGS and tag not in ("meta", "img") and not _our_chart(tag, attrs))
                or "xss" in tag):
            found.append(f"element <{tag}> {attrs}")
        if tag == "img" and not _OUR_IMAGE_RE.match(attrs.get("src", "")):
            found.append(f"image that is not ours: {attrs}")
        if tag == "meta" and set(attrs) - _META_ATTRIBUTES:
            found.append(f"meta element {attrs}")
        if tag == "script" and ((self.nonce is not None and attrs.get("nonce") != self.nonce)
                                or not attrs.get("src", "").startswith("/static/")):
            found.append(f"script that is not a file of ours: {attrs}")
        for name, value in attrs.items():
            if name.startswith("on") or "xss" in name:
                found.append(f"attribute {name}={value!r} on <{tag}>")
            if name == "style":
                found.append(f"style attribute on <{tag}>")
            if name in URL_ATTRIBUTES and not (tag == "img" and _OUR_IMAGE_RE.match(value)):
                scheme = scheme_of(value)
                if scheme and scheme not in SAFE_SCHEMES:
                    found.append(f"{name} with scheme {scheme} on <{tag}>: {value!r}")
                if _OFF_SITE_PATH_RE.match(value):
                    found.append(f"{name} to another host on <{tag}>: {value!r}")
        href = attrs.get("href", "")
        if tag == "a" and scheme_of(href) in ("http:", "https:") and _host(href) != self.host:
            # Links to other sites come only from linkify and organisations' web sites.
            if "nofollow" not in attrs.get("rel", "").split():
                found.append(f"off-site link without rel=nofollow: {attrs}")


def _host(url: str) -> str | None:
    try:
        return urlsplit(url.strip()).hostname
    except ValueError:
        return None


def nonce_of(response) -> str | None:
    match = _NONCE_RE.search(response.headers.get("Content-Security-Policy", ""))
    return match.group(1) if match else None


def read_html(markup: str, *, nonce: str | None, host: str | None = None
              ) -> tuple[list[str], str]:
    """(what people's text could only have put in the page, the page's text). ``host`` is
    our own, whose absolute links need no ``rel``."""
    page = _Page(nonce=nonce, host=host)
    page.feed(markup)
    page.close()
    return page.problems + _leaks(markup), "".join(page.parts)


def page_text(markup: str) -> str:
    return read_html(markup, nonce=None)[1]


def _leaks(body: str) -> list[str]:
    found = [f"leak of {leak!r}" for leak in LEAKS if leak in body]
    if marking.MARKER_RE.search(body):  # participa.i18n.marking's, never to leave the app
        found.append("a language marker left in")
    return found


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def read_json(body: str) -> tuple[list[str], str]:
    try:
        data = json.loads(body)
    except ValueError as error:
        return [f"invalid JSON: {error}"], ""
    return _leaks(body), "\n".join(_strings(data))


def csv_rows(body: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))


def read_csv(body: str) -> tuple[list[str], str]:
    """Every cell that a spreadsheet would run as a formula; the cells' text."""
    found = _leaks(body)
    rows = csv_rows(body)
    for number, row in enumerate(rows, start=1):
        found.extend(f"row {number}: formula cell {cell[:60]!r}" for cell in row
                     if cell.startswith(CSV_FORMULA_STARTS))
    return found, "\n".join(cell for row in rows for cell in row)


ATOM = "application/atom+xml"
_ATOM_NS = "{http://www.w3.org/2005/Atom}"
_ATOM_TEXTS = {f"{_ATOM_NS}{name}" for name in ("title", "summary", "content", "subtitle",
                                                 "rights")}


def read_atom(body: str) -> tuple[list[str], str]:
    """An Atom feed (the plan's repository): well-formed, and people's text only as text
    constructs of type ``text`` (a feed reader renders ``html`` and ``xhtml`` as markup)."""
    try:
        root = ElementTree.fromstring(body)  # noqa: S314 - the app's own answer
    except ElementTree.ParseError as error:
        return [f"invalid XML: {error}"], ""
    found = _leaks(body)
    found.extend(f"{element.tag} of type {element.get('type')}" for element in root.iter()
                 if element.tag in _ATOM_TEXTS and element.get("type", "text") != "text")
    return found, "\n".join(text for text in root.itertext() if text.strip())


def mail_problems(message: EmailMessage) -> list[str]:
    """Plain text only, one line per header, nobody added as a recipient by people's text."""
    found = []
    if message.get_content_type() != "text/plain" or message.is_multipart():
        found.append(f"not plain text: {message.get_content_type()}")
    for name in ("Bcc", "Cc", "Reply-To"):
        if message[name] is not None:
            found.append(f"header {name}: {message[name]}")
    for name, value in message.items():
        if "\n" in str(value).replace("\n ", "").replace("\n\t", ""):
            found.append(f"header {name} spans lines: {value!r}")
    return found + _leaks(f"{message['Subject']}\n{message.get_content()}")


PLAIN_TYPES = ("text/plain", "text/css", "text/javascript", "application/javascript",
               "image/svg+xml")


# Files people download: not read here.
BINARY_TYPES = ("application/zip", "application/octet-stream")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"


def document_text(data: bytes, mimetype: str) -> str:
    """The text of a .docx or .odt download (its paragraphs and table cells), as
    python-docx and odfpy read it."""
    content = io.BytesIO(data)
    if mimetype == DOCX:
        document = docx.Document(content)
        parts = [p.text for p in document.paragraphs]
        parts += [cell.text for table in document.tables for row in table.rows
                  for cell in row.cells]
        return "\n".join(parts)
    document = load(content)
    return "\n".join(teletype.extractText(element)
                     for kind in (H, P) for element in document.getElementsByType(kind))


def read(response) -> tuple[list[str], str]:
    """(problems, text shown) of a response, by its type."""
    mimetype = response.mimetype
    if mimetype in BINARY_TYPES:
        return [], ""
    if mimetype in (DOCX, ODT):  # people's text there is data in a document, never markup
        text = document_text(response.get_data(), mimetype)
        return _leaks(text), text
    body = response.get_data(as_text=True)
    if mimetype == "text/html":
        request = getattr(response, "request", None)
        return read_html(body, nonce=nonce_of(response),
                         host=request.host.partition(":")[0] if request else None)
    if mimetype == "application/json":
        return read_json(body)
    if mimetype == "text/csv":
        return read_csv(body)
    if mimetype == ATOM:
        return read_atom(body)
    found = _leaks(body)
    if response.status_code < 300 and mimetype not in PLAIN_TYPES:
        found.append(f"unexpected type {mimetype}")
    return found, ""


def response_problems(response) -> list[str]:
    return read(response)[0]
