"""Web addresses: only http and https reach an href (SECURITY.md, URL scheme injection)."""

from __future__ import annotations

import pytest

from participa.organizations.links import is_web_url, web_url

GOOD = [
    "http://example.org",
    "https://www.infom.gob.gt",
    "HTTPS://WWW.EXAMPLE.ORG/ruta?q=1#a",
    "https://example.org:8443/x",
]
BAD = [
    None,
    "",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "javascript&#58;alert(1)",
    "javascript&colon;alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "//evil.example",
    "http:/evil.example",
    "http://",
    "https:///ruta",
    "http://a b.example",
    "http:\\\\evil.example",
    " https://example.org",
    "https://example.org\n",
    "ftp://example.org",
    "mailto:a@example.org",
    "example.org",
    "https://example.org:99999/",
    "https://" + "a" * 260 + ".org",
]


@pytest.mark.parametrize("url", GOOD)
def test_accepts_http_and_https(url):
    assert is_web_url(url)
    assert web_url(url) == url


@pytest.mark.parametrize("url", BAD)
def test_refuses_everything_else(url):
    assert not is_web_url(url)
    assert web_url(url) is None
