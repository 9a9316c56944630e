"""Formatting of people's plain text for pages: escaped, line breaks kept, and http, https
and mailto addresses made into links. Nothing else is interpreted (no markdown, no HTML).

``linkify`` is the ``|linkify`` template filter (registered by the comments blueprint). It
builds its ``Markup`` only from escaped pieces:

- the text is always treated as plain text, even when it is already ``Markup``;
- an address is recognised only when it starts with ``http://``, ``https://`` or ``mailto:``
  (any case), so ``javascript:``, ``data:``, ``vbscript:`` and every other scheme stay text,
  whatever entities or case they are written with (entities are never decoded: ``&`` is
  shown as ``&``);
- an address ends at white space, at ``<``, ``>``, ``"``, ``\\`` or a backquote, and at any
  control, format (zero-width, bidirectional), private-use or unassigned character, so such
  characters never enter an ``href``; trailing punctuation (``.,;:!?``, unbalanced closing
  brackets, quotes) stays outside the link;
- the address must parse: http(s) needs a host, mailto an address with ``@``;
- the ``href`` and the link text are escaped (``&``, ``<``, ``>``, ``"``, ``'``).
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from markupsafe import Markup, escape

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"

# Where an address may start: a scheme of the allowlist, not glued to a preceding letter.
_START_RE = re.compile(r"(?<![\w.+-])(?:https?://|mailto:)", re.IGNORECASE | re.ASCII)
# Characters that always end an address (besides those of the categories below).
_STOP_CHARS = frozenset('<>"`\\')
_STOP_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cn", "Cs", "Zs", "Zl", "Zp"})
_TRAILING = ".,;:!?'*"
_PAIRS = {")": "(", "]": "[", "}": "{"}
# A constant template: Markup.format escapes what fills it.
_LINK = Markup('<a href="{href}" rel="' + LINK_REL + '">{text}</a>')  # noqa: S704
_BREAK = Markup("<br>\n")


def _stops(ch: str) -> bool:
    return ch in _STOP_CHARS or ch.isspace() or unicodedata.category(ch) in _STOP_CATEGORIES


def _address_end(text: str, start: int) -> int:
    """The end of the address that starts at ``start``: the first stop character, then
    without trailing punctuation and unbalanced closing brackets."""
    end = start
    while end < len(text) and not _stops(text[end]):
        end += 1
    while end > start:
        last = text[end - 1]
        if last in _TRAILING:
            end -= 1
        elif last in _PAIRS and (
            text.count(_PAIRS[last], start, end) < text.count(last, start, end)
        ):
            end -= 1
        else:
            break
    return end


def is_linkable(address: str) -> bool:
    """An http(s) address with a host, or a mailto address with an ``@``."""
    try:
        parts = urlsplit(address)
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return False
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        return False
    if scheme == "mailto":
        local, _at, domain = parts.path.partition("@")
        return bool(local) and bool(domain) and not address[len("mailto:"):].startswith("/")
    host = parts.hostname
    return bool(host) and address[len(scheme) + 3:][:1] not in ("/", "")


def _line(line: str) -> Markup:
    pieces: list[Markup] = []
    position = 0
    for match in _START_RE.finditer(line):
        start = match.start()
        if start < position:  # inside an address already linked
            continue
        end = _address_end(line, start)
        address = line[start:end]
        if end - start <= len(match.group(0)) or not is_linkable(address):
            continue
        pieces.append(escape(line[position:start]))
        pieces.append(_LINK.format(href=address, text=address))
        position = end
    pieces.append(escape(line[position:]))
    return Markup("").join(pieces)


def linkify(text: object) -> Markup:
    """Plain text as safe HTML: escaped, each line break a ``<br>``, and http, https and
    mailto addresses as links with ``rel="nofollow ugc noopener"``."""
    if text is None:
        return Markup("")
    # str() of a Markup is a plain str: its contents are escaped like any other text.
    plain = str.__str__(text) if isinstance(text, str) else str(text)
    plain = plain.replace("\r\n", "\n").replace("\r", "\n")
    return _BREAK.join(_line(line) for line in plain.split("\n"))
