"""The checks a translation passes before it is saved (issue 14, item 4), without the
database: the same placeholders and markup as the Spanish, every plural form filled, the
same outer spaces, not the Spanish itself unless the translator says so; and the language's
own apostrophe (U+0027), never taken for a quotation mark.

``problems`` answers the refusals (a translated message each); ``flags`` what a reviewer
should look at but may accept (a forbidden glossary term).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence

from flask_babel import gettext as _

APOSTROPHE = "'"
# A right single quotation mark or a modifier letter apostrophe written for the saltillo.
_LOOKALIKES = "\u2019\u02bc"
_PLACEHOLDER = re.compile(r"%(?:\([A-Za-z_][A-Za-z0-9_]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc%]")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>|&[A-Za-z]+;|&#\d+;")


def normalise_apostrophes(text: str) -> str:
    """U+2019 and U+02BC become U+0027 where they follow a letter (the saltillo: K'iche',
    q'ij). A U+2018 opens a quotation; the last U+2019 before the next opening (or the end)
    that no letter follows closes it and stays a quotation mark."""
    closing: set[int] = set()
    openings = [i for i, char in enumerate(text) if char == "\u2018"] + [len(text)]
    for start, end in zip(openings, openings[1:], strict=False):
        for index in range(end - 1, start, -1):
            after = text[index + 1] if index + 1 < len(text) else ""
            if text[index] == "\u2019" and not after.isalpha():
                closing.add(index)
                break
    out = []
    for index, char in enumerate(text):
        if char in _LOOKALIKES and index not in closing and (
            char == "\u02bc" or (index > 0 and text[index - 1].isalpha())
        ):
            char = APOSTROPHE
        out.append(char)
    return "".join(out)


def placeholders(text: str) -> Counter[str]:
    return Counter(found for found in _PLACEHOLDER.findall(text) if found != "%%")


def markup(text: str) -> Counter[str]:
    return Counter(re.sub(r"\s+", " ", tag) for tag in _TAG.findall(text))


def _outer(text: str) -> tuple[str, str]:
    stripped = text.strip()
    if not stripped:
        return text, ""
    start = text.index(stripped[0])
    return text[:start], text[start + len(stripped):]


def problems(
    msgid: str, msgid_plural: str | None, forms: Sequence[str], *, identical_ok: bool = False,
    python_format: bool = True,
) -> list[str]:
    """Why this translation cannot be saved; empty when it can."""
    expected_forms = 2 if msgid_plural else 1
    found: list[str] = []
    if len(forms) != expected_forms or any(not form.strip() for form in forms):
        if msgid_plural:
            found.append(_("Escriba las dos formas: la del singular y la del plural."))
        else:
            found.append(_("Escriba la traducción."))
        return found
    for index, form in enumerate(forms):
        source = msgid if index == 0 else msgid_plural or msgid
        if python_format or placeholders(source):
            wanted, got = placeholders(source), placeholders(form)
            if index == 0 and msgid_plural:
                # The singular may leave the number out ("una propuesta").
                wanted.pop("%(num)d", None), got.pop("%(num)d", None)
                wanted.pop("%(num)s", None), got.pop("%(num)s", None)
            if wanted != got:
                found.append(_(
                    "Los marcadores deben ser los mismos que en el español: %(expected)s.",
                    expected=", ".join(sorted(placeholders(source))) or "—",
                ))
        if markup(source) != markup(form):
            found.append(_(
                "Las etiquetas deben ser las mismas que en el español: %(expected)s.",
                expected=", ".join(sorted(markup(source))) or "—",
            ))
        if _outer(source) != _outer(form):
            found.append(_("Los espacios al principio y al final deben ser los del español."))
        if not identical_ok and form == source and _has_words(source):
            found.append(_(
                "La traducción es igual al español. Si así debe ser, márquelo en la casilla "
                "«Es igual a propósito»."
            ))
    return list(dict.fromkeys(found))


def _has_words(text: str) -> bool:
    without = _TAG.sub("", _PLACEHOLDER.sub("", text))
    return any(char.isalpha() for char in without)


def fold(text: str) -> str:
    """Lower case, without accents, one apostrophe: how terms are compared."""
    decomposed = unicodedata.normalize("NFD", normalise_apostrophes(text).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def contains_term(text: str, term: str) -> bool:
    folded, wanted = fold(text), fold(term).strip()
    if not wanted:
        return False
    return re.search(rf"(?<!\w){re.escape(wanted)}(?!\w)", folded) is not None


def forbidden_terms(forms: Iterable[str], terms: Iterable[str]) -> list[str]:
    """The forbidden translations (glossary) that one of the forms uses."""
    return [term for term in terms if any(contains_term(form, term) for form in forms)]
