"""``linkify``: plain text, line breaks kept, http/https/mailto links, everything else
escaped. An XSS corpus, and a property: whatever the text, the output holds only <a> and
<br> elements, every link has an allowed scheme and rel, and reading the output gives back
the text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from participa.content.textfmt import linkify

from .htmlcheck import parse, problems, scheme_of

REL = 'rel="nofollow ugc noopener"'

# (text, what must not be a link target). Each is also checked with ``problems``.
XSS_CORPUS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
    "<style>body{display:none}</style>",
    "<a href=\"javascript:alert(1)\">clic</a>",
    "<<script>script>alert(1)<</script>/script>",
    "\"><script>alert(1)</script>",
    "'><img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(document.cookie)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "jav&#x61;script:alert(1)",
    "jav&#97;script:alert(1)",
    "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)",
    "javascript&colon;alert(1)",
    "java\u200bscript:alert(1)",
    "\uff4a\uff41\uff56\uff41\uff53\uff43\uff52\uff49\uff50\uff54:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "VbScRiPt:msgbox(1)",
    "[clic](javascript:alert(1))",
    "<https://ejemplo.org/>",
    "https://ejemplo.org/\" onmouseover=\"alert(1)",
    "https://ejemplo.org/' onmouseover='alert(1)",
    "https://ejemplo.org/\"><script>alert(1)</script>",
    "https://ejemplo.org/<script>alert(1)</script>",
    "http://ejemplo.org/?q=<img src=x onerror=alert(1)>",
    "https://ejemplo.org/`onmouseover=alert(1)`",
    "mailto:ana@ejemplo.org?subject=\"><script>alert(1)</script>",
    "mailto:javascript:alert(1)",
    "https://javascript:alert(1)@ejemplo.org/",
    "xhttps://ejemplo.org/",
    "javascript:https://ejemplo.org/%0Aalert(1)",
    "http\u017f://ejemplo.org/",
    "https://ejemplo.org/\u202egpj.exe",
    "https://ejemplo.org/\u200b\"onmouseover=alert(1)",
    "{{ 7*7 }} {% raw %} ${7*7}",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "\x00<script>alert(1)</script>",
    "https://",
    "https:///ejemplo.org",
    "https://[::1",
]


@pytest.mark.parametrize("text", XSS_CORPUS)
def test_xss_corpus_gives_nothing_active(text):
    output = linkify(text)
    assert isinstance(output, Markup)
    assert problems(str(output)) == [], (text, str(output))
    page = parse(str(output))
    assert {element.tag for element in page.elements} <= {"a", "br"}, str(output)
    for element in page.elements:
        if element.tag == "a":
            assert scheme_of(element.attrs["href"]) in ("http:", "https:", "mailto:")
            assert element.attrs["rel"] == "nofollow ugc noopener"
            assert set(element.attrs) == {"href", "rel"}
    # Reading the output gives back the text (no character lost or added, besides the
    # line-break normalisation).
    assert "".join(page.text) == text.replace("\r\n", "\n").replace("\r", "\n")


def test_scripts_and_tags_are_shown_as_text():
    output = str(linkify('<script>alert("x")</script><img src=x onerror=alert(1)>'))
    assert output == (
        "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"
    )


@pytest.mark.parametrize("text", [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "vbscript:msgbox(1)",
    "jav&#x61;script:alert(1)", "ftp://ejemplo.org/archivo", "file:///etc/passwd",
    "www.ejemplo.org", "//ejemplo.org/x", "tel:+50222222222",
])
def test_other_schemes_and_bare_hosts_are_not_links(text):
    assert "<a" not in str(linkify(text))


def test_entities_are_shown_not_decoded():
    assert str(linkify("jav&#x61;script:alert(1)")) == "jav&amp;#x61;script:alert(1)"
    assert str(linkify("&lt;b&gt;")) == "&amp;lt;b&amp;gt;"


@pytest.mark.parametrize(("text", "href"), [
    ("https://ejemplo.org", "https://ejemplo.org"),
    ("HTTPS://EJEMPLO.ORG/Ruta", "HTTPS://EJEMPLO.ORG/Ruta"),
    ("http://ejemplo.org/a?b=1&c=2", "http://ejemplo.org/a?b=1&amp;c=2"),
    ("mailto:ana@ejemplo.org", "mailto:ana@ejemplo.org"),
    ("MailTo:ana@ejemplo.org", "MailTo:ana@ejemplo.org"),
    ("https://es.wikipedia.org/wiki/Gobierno_(pol%C3%ADtica)",
     "https://es.wikipedia.org/wiki/Gobierno_(pol%C3%ADtica)"),
    ("https://ejemplo.org/ruta/ñandú", "https://ejemplo.org/ruta/ñandú"),
    ("https://[2001:db8::1]/x", "https://[2001:db8::1]/x"),
])
def test_allowed_addresses_become_links(text, href):
    output = str(linkify(text))
    assert output == f'<a href="{href}" {REL}>{href}</a>'


@pytest.mark.parametrize(("text", "expected"), [
    ("Vea https://ejemplo.org.", 'Vea <a href="https://ejemplo.org" ' + REL
     + '>https://ejemplo.org</a>.'),
    ("(https://ejemplo.org/a)", '(<a href="https://ejemplo.org/a" ' + REL
     + '>https://ejemplo.org/a</a>)'),
    ("https://ejemplo.org/a, https://ejemplo.org/b;", '<a href="https://ejemplo.org/a" '
     + REL + '>https://ejemplo.org/a</a>, <a href="https://ejemplo.org/b" ' + REL
     + '>https://ejemplo.org/b</a>;'),
    ("¿https://ejemplo.org?", '¿<a href="https://ejemplo.org" ' + REL
     + '>https://ejemplo.org</a>?'),
])
def test_punctuation_around_an_address_stays_outside(text, expected):
    assert str(linkify(text)) == expected


def test_quotes_cannot_break_out_of_href():
    output = str(linkify('https://ejemplo.org/"onmouseover="alert(1)'))
    assert output.startswith(f'<a href="https://ejemplo.org/" {REL}>')
    assert "&#34;onmouseover=&#34;alert(1)" in output
    output = str(linkify("https://ejemplo.org/'onmouseover='alert(1)"))
    assert "&#39;onmouseover" in output and 'href="https://ejemplo.org/&#39;onmouseover' in output
    assert problems(output) == []


def test_invisible_and_bidirectional_characters_end_an_address():
    output = str(linkify("https://ejemplo.org/\u202egpj.exe"))
    assert output.startswith(f'<a href="https://ejemplo.org/" {REL}>https://ejemplo.org/</a>')
    assert "\u202e" not in output.split("</a>")[0]
    assert 'href="https://ejemplo.org/"' in str(linkify("https://ejemplo.org/\u200bx"))


def test_line_breaks_are_kept_and_nothing_else_is_formatted():
    output = str(linkify("Uno\r\ndos\rtres\n\n*cuatro* _cinco_ # seis"))
    assert output == "Uno<br>\ndos<br>\ntres<br>\n<br>\n*cuatro* _cinco_ # seis"


def test_markup_given_is_treated_as_plain_text():
    assert str(linkify(Markup("<b>negrita</b>"))) == "&lt;b&gt;negrita&lt;/b&gt;"


def test_none_and_empty():
    assert linkify(None) == Markup("")
    assert linkify("") == Markup("")


def test_the_filter_is_registered(app):
    with app.app_context():
        assert app.jinja_env.filters["linkify"] is linkify


_alphabet = st.sampled_from(
    list("ab:/.@?&#;=()[]<>\"'` \n\r\t%-_") + ["https://", "http://", "mailto:", "javascript:",
                                               "&#x61;", "\u202e", "\u200b", "ñ", "\x00"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_alphabet, max_size=40).map("".join) | st.text(max_size=80))
def test_any_text_gives_only_safe_links_and_reads_back(text):
    output = str(linkify(text))
    assert problems(output) == []
    page = parse(output)
    for element in page.elements:
        assert element.tag in ("a", "br")
        if element.tag == "a":
            assert scheme_of(element.attrs["href"]) in ("http:", "https:", "mailto:")
    assert "".join(page.text) == text.replace("\r\n", "\n").replace("\r", "\n")
