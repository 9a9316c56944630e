"""Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP), the codes of the
authenticator apps (6 digits, 30-second steps, HMAC-SHA1: what every app supports).

Pure functions of a base32 secret and a time step; the accounts' two-factor services keep
the state (the last step used, the failures)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import struct
import time
from urllib.parse import quote, urlencode

DIGITS = 6
STEP_SECONDS = 30
# A code is accepted one step early or late (clocks of phones drift; people type slowly).
DRIFT_STEPS = 1
SECRET_BYTES = 20  # 160 bits, RFC 4226's recommendation for HMAC-SHA1


def new_secret() -> str:
    """A random secret in base32 without padding (32 characters), as the apps take it."""
    return base64.b32encode(secrets.token_bytes(SECRET_BYTES)).decode("ascii").rstrip("=")


def _key(secret: str) -> bytes:
    cleaned = secret.replace(" ", "").upper()
    return base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))


def step_at(timestamp: float | None = None) -> int:
    return int((time.time() if timestamp is None else timestamp) // STEP_SECONDS)


def hotp(secret: str, counter: int, *, digits: int = DIGITS,
         digest: str = "sha1") -> str:
    """RFC 4226: HMAC of the counter, dynamically truncated to ``digits`` decimal digits."""
    mac = hmac.new(_key(secret), struct.pack(">Q", counter), getattr(hashlib, digest)).digest()
    offset = mac[-1] & 0x0F
    value = struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10**digits).zfill(digits)


def code_at(secret: str, timestamp: float | None = None) -> str:
    return hotp(secret, step_at(timestamp))


def matching_step(secret: str, code: str, *, now: float | None = None) -> int | None:
    """The time step whose code ``code`` is, within the allowed drift, or ``None``.
    Compared in constant time."""
    code = normalize(code)
    # ASCII digits only: "²" and "١" are digits to str.isdigit, and compare_digest refuses them.
    if len(code) != DIGITS or not (code.isascii() and code.isdigit()):
        return None
    current = step_at(now)
    found = None
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if hmac.compare_digest(hotp(secret, step), code):
            found = step
    return found


def normalize(code: str | None) -> str:
    """What people type: spaces and hyphens between groups of digits are allowed."""
    return "".join((code or "").split()).replace("-", "")


def provisioning_uri(secret: str, *, account: str, issuer: str) -> str:
    """The ``otpauth://`` URI of Google Authenticator's key URI format, for the QR code."""
    label = quote(f"{issuer}:{account}", safe=":@")
    query = urlencode({"secret": secret, "issuer": issuer, "algorithm": "SHA1",
                       "digits": DIGITS, "period": STEP_SECONDS})
    return f"otpauth://totp/{label}?{query}"


def grouped(secret: str) -> str:
    """The secret in groups of four, easier to type into an app by hand."""
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))
