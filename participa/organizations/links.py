"""Web addresses given by people: only http and https, checked on input and again at render."""

from __future__ import annotations

from urllib.parse import urlsplit

MAX_LENGTH = 255
_SCHEMES = ("http://", "https://")


def is_web_url(value: str | None) -> bool:
    """An absolute http(s) address with a host, and nothing a browser would reinterpret:
    no spaces or control characters (``java\\tscript:``), no backslashes, no other scheme
    (``javascript:``, ``data:``, ``vbscript:``, in any case or entity spelling)."""
    if not value or len(value) > MAX_LENGTH:
        return False
    if any(ord(ch) <= 32 or ord(ch) == 127 or ch == "\\" for ch in value):
        return False
    if not value.lower().startswith(_SCHEMES):
        return False
    try:
        parts = urlsplit(value)
        hostname = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a malformed port
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(hostname)


def web_url(value: str | None) -> str | None:
    """The address if it is safe to put in an ``href``, else ``None`` (a template filter)."""
    return value if is_web_url(value) else None
