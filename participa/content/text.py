"""People's text: cleaned as it comes in (no control characters, LF line breaks), checked
(required, at most its length: ``checked``, the services' one check), and folded for search
and similarity (case, accents and the three apostrophes of LANGUAGES.md, U+0027, U+2019,
U+02BC, do not matter)."""

from __future__ import annotations

import re
import unicodedata

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..base.errors import Invalid
from ..i18n.marking import MARKER_RE

REQUIRED = _l("Este campo es obligatorio.")

APOSTROPHES = "'\u2019\u02bc"
_APOSTROPHE_RE = re.compile(f"[{APOSTROPHES}]")
_NON_WORD_RE = re.compile(r"[^\w]+", re.UNICODE)
# Control characters nobody means to type: C0 but tab and line breaks, DEL, and C1 (U+0080 to
# U+009F, which text pasted from a Windows-1252 document read as Latin-1 brings). Invisible,
# and PostgreSQL refuses NUL. Also the private-use characters that mark the language of the
# interface's messages while a page renders (``i18n.marking``): typed, they would mislabel
# the page's text.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|" + MARKER_RE.pattern)


def without_controls(text: str) -> str:
    """``text`` without control characters (nor language markers); NEL (U+0085, a C1 line
    break) becomes LF."""
    return _CONTROL_RE.sub("", text.replace("\x85", "\n"))


def clean_paragraphs(text: str) -> str:
    """Line breaks as LF (forms post CR LF; one character per break, as a browser's maxlength
    counts them), no control characters, trimmed."""
    return without_controls(text.replace("\r\n", "\n").replace("\r", "\n")).strip()


def checked(text: str, *, field: str, maximum: int, missing: object | None = REQUIRED) -> str:
    """``text`` (cleaned already) as it is; ``Invalid`` on ``field`` when it is empty and
    ``missing`` (the message; None when it may be empty) or longer than ``maximum``."""
    if not text and missing is not None:
        raise Invalid(missing, field=field)
    if len(text) > maximum:
        raise Invalid(_("No puede tener más de %(max)d caracteres.", max=maximum), field=field)
    return text


def fold(text: str) -> str:
    """Lower-case, strip accents (á -> a, ñ -> n, ä -> a), drop apostrophes (so k'iche',
    k’iche’ and kiche all match), and collapse everything else that is not a letter or digit
    into single spaces."""
    text = _APOSTROPHE_RE.sub("", text or "")
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_NON_WORD_RE.sub(" ", stripped).split())
