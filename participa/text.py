"""Text normalisation shared by search and similarity: case, accents and the three
apostrophes of LANGUAGES.md (U+0027, U+2019, U+02BC) do not matter."""

from __future__ import annotations

import re
import unicodedata

APOSTROPHES = "'\u2019\u02bc"
_APOSTROPHE_RE = re.compile(f"[{APOSTROPHES}]")
_NON_WORD_RE = re.compile(r"[^\w]+", re.UNICODE)


def fold(text: str) -> str:
    """Lower-case, strip accents (á -> a, ñ -> n, ä -> a), drop apostrophes (so k'iche',
    k’iche’ and kiche all match), and collapse everything else that is not a letter or digit
    into single spaces."""
    text = _APOSTROPHE_RE.sub("", text or "")
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_NON_WORD_RE.sub(" ", stripped).split())
