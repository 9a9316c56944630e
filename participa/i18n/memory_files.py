"""Reading translation memories from files: TMX 1.4 and gettext PO. Pure, no database.

A memory is a list of pairs, Spanish source text and its human translation into one language,
from an openly licensed source (the shared folder ``../shared/memory``, with its README and
licences, and whatever ``flask translate import-memory`` is given). A pair is only ever a
suggestion for a translator: nothing here, nor anything that reads it, puts its text on a
page.

- **TMX**: the header's ``srclang`` is the Spanish side (``es`` when it says ``*all*`` or
  nothing); the target is the other ``<tuv>`` of each ``<tu>`` (or the ``language`` asked
  for). The header's ``<prop type="x-source">`` and ``<prop type="x-licence">`` (or
  ``x-license``) name the source and its SPDX licence.
- **PO**: the msgid is the Spanish, the msgstr the translation (both forms of a plural entry:
  the singular with the first form, the plural with the last); fuzzy and empty entries are
  left out. The language is the header's ``Language`` (or the argument); ``X-Source`` and
  ``X-Licence`` (or ``X-License``) headers name the source and licence when the file has them.

The translation's apostrophes U+2019 and U+02BC become U+0027, as in our catalogs
(LANGUAGES.md); nothing else in the text is changed. Files with a DOCTYPE are refused (no
entity tricks).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from babel.messages.pofile import read_po

from .verified_terms import APOSTROPHE, FORBIDDEN_APOSTROPHES

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_APOSTROPHES = str.maketrans({char: APOSTROPHE for char in FORBIDDEN_APOSTROPHES})


class MemoryFileError(ValueError):
    """The file is not a TMX or PO memory this reader understands."""


@dataclass(frozen=True)
class MemoryPair:
    source_text: str  # Spanish
    target_text: str
    language: str  # the target's code, e.g. "cak"
    source_name: str | None = None  # as the file names its source, when it does
    licence: str | None = None  # SPDX identifier, when the file says it


def language_code(tag: str | None) -> str:
    """``es-MX`` -> ``es``, ``QUC`` -> ``quc``, ``pt_BR`` -> ``pt``: our codes are the primary
    subtag."""
    return (tag or "").strip().replace("_", "-").split("-")[0].lower()


def normalise_apostrophes(text: str) -> str:
    return text.translate(_APOSTROPHES)


def read_memory(path: str | Path, language: str | None = None) -> list[MemoryPair]:
    """The pairs of a ``.tmx`` or ``.po`` file (by its extension, else by its content)."""
    data = Path(path).read_bytes()
    suffix = Path(path).suffix.lower()
    if suffix == ".tmx" or (suffix != ".po" and b"<tmx" in data[:2000]):
        return read_tmx(data, language)
    return read_po_memory(data, language)


def _text(element: ET.Element | None) -> str:
    return "".join(element.itertext()) if element is not None else ""


def read_tmx(data: bytes, language: str | None = None) -> list[MemoryPair]:
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise MemoryFileError("TMX files with a DOCTYPE or entities are not read.")
    try:
        root = ET.fromstring(data)  # noqa: S314 - no DOCTYPE, so no entity can be declared
    except ET.ParseError as error:
        raise MemoryFileError(f"Not a well-formed TMX file: {error}.") from error
    header = root.find("header")
    if root.tag != "tmx" or header is None or root.find("body") is None:
        raise MemoryFileError("Not a TMX file (no <tmx>, <header> and <body>).")
    props = {prop.get("type", ""): _text(prop).strip() for prop in header.findall("prop")}
    source_name = props.get("x-source") or None
    licence = props.get("x-licence") or props.get("x-license") or None
    srclang = language_code(header.get("srclang"))
    if srclang in ("", "*all*"):
        srclang = "es"
    wanted = language_code(language) if language else None
    pairs = []
    for unit in root.iter("tu"):
        variants = [(language_code(tuv.get(XML_LANG) or tuv.get("lang")), _text(tuv.find("seg")))
                    for tuv in unit.findall("tuv")]
        source = next((text for code, text in variants if code == srclang), "")
        for code, text in variants:
            if code == srclang or (wanted and code != wanted):
                continue
            if source.strip() and text.strip():
                pairs.append(MemoryPair(source, normalise_apostrophes(text), code, source_name,
                                        licence))
            break
    return pairs


_PO_HEADER_LINE = re.compile(r'^"([A-Za-z][\w-]*):\s*(.*?)(?:\\n)?"$')


def _po_headers(data: bytes) -> dict[str, str]:
    """The header entry's fields, all of them (babel keeps only those it knows)."""
    headers: dict[str, str] = {}
    in_header = False
    for line in data.decode("utf-8", errors="replace").splitlines():
        line = line.strip()
        if line.startswith('msgid ""'):
            in_header = True
        elif in_header and not line:
            break
        elif in_header and (field := _PO_HEADER_LINE.match(line)):
            headers[field.group(1)] = field.group(2).strip()
    return headers


def read_po_memory(data: bytes, language: str | None = None) -> list[MemoryPair]:
    try:
        catalog = read_po(BytesIO(data))
    except Exception as error:  # babel raises several kinds on a broken file
        raise MemoryFileError(f"Not a readable PO file: {error}.") from error
    headers = _po_headers(data)
    code = language_code(language or headers.get("Language"))
    if not code:
        raise MemoryFileError("The PO file names no language: give it.")
    source_name = headers.get("X-Source") or None
    licence = headers.get("X-Licence") or headers.get("X-License") or None
    pairs = []
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, tuple):
            forms = [form for form in message.string if form]
            if len(forms) != len(message.string) or not forms:
                continue
            texts = [(message.id[0], forms[0]), (message.id[1], forms[-1])]
        elif message.string:
            texts = [(message.id, message.string)]
        else:
            continue
        pairs += [MemoryPair(source, normalise_apostrophes(target), code, source_name, licence)
                  for source, target in texts]
    return pairs
