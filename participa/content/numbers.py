"""Whole numbers that arrive as text (query strings, repeated ids, session ids, CSV cells):
one rule everywhere, ASCII digits and nothing else.

``str.isdigit`` also accepts "²" and "١", and ``int`` also reads " 7", "+7", "1_000" and "١٢"
and raises on more than 4,300 digits (a 500 if it escaped a view); so the text is checked
first, and its length bounded by the largest value allowed."""

from __future__ import annotations

# PostgreSQL's INTEGER: a larger id can never match, and the database would refuse it.
MAX_ID = 2**31 - 1


def whole_number(text: str | None, *, maximum: int, minimum: int = 1) -> int | None:
    """``text`` as an integer in ``minimum..maximum`` when written in ASCII digits only;
    None otherwise (absent, empty, signed, spaced, other digits, out of range)."""
    if not text or len(text) > len(str(maximum)) or not (text.isascii() and text.isdigit()):
        return None
    value = int(text)
    return value if minimum <= value <= maximum else None
