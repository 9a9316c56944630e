"""Addresses that must never leave the site when given as ``next`` or ``volver``: other
hosts however spelled (schemes, protocol-relative, backslashes, control characters,
percent-encoding, look-alike slashes), and the check that a redirect stayed on the site."""

from __future__ import annotations

from urllib.parse import urlsplit

OFF_SITE = [
    "https://evil.example/",
    "http:evil.example",
    "https:evil.example",
    "https:/evil.example",
    "//evil.example",
    "///evil.example",
    "////evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    " //evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "evil.example",
    "%2F%2Fevil.example",
    "/%2F%2Fevil.example",
    "%5C%5Cevil.example",
    "/%5Cevil.example",
    "%68ttps://evil.example",
    "https%3A%2F%2Fevil.example",
    "\u3002evil.example",
    "/\u2215evil.example",
]


def stays_on_site(location: str) -> bool:
    """A path of this site: no scheme, no host, one leading slash and no backslash (which
    browsers read as a slash), no control characters."""
    parts = urlsplit(location)
    return (not parts.scheme and not parts.netloc and location.startswith("/")
            and not location.startswith("//") and "\\" not in location
            and all(ord(ch) >= 32 for ch in location))
