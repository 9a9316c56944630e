"""The name an uploaded file is served under: the person's own name, cleaned.

No folders, no control or format characters, none of the characters that file systems or the
Content-Disposition header treat specially, no leading dots (hidden files), at most 120
characters, and the extension of the type read from the content: ``informe.html`` that is a
PDF is served as ``informe.html.pdf``. Letters of every language are kept (NFC).
"""

from __future__ import annotations

import re
import unicodedata

MAXIMUM = 120
_SPECIAL = re.compile(r'[<>:"/\\|?*;=%\[\]{}`$&\'#]+')
_SPACES = re.compile(r"\s+")


def clean_name(raw: str | None, extension: str, *, fallback: str = "archivo") -> str:
    name = unicodedata.normalize("NFC", raw or "")
    name = re.split(r"[/\\]", name)[-1]  # the last part of a path some browsers send
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = _SPECIAL.sub("_", name)
    name = _SPACES.sub(" ", name).strip(" ._-")
    stem, dot, current = name.rpartition(".")
    if dot and current.lower() in _SAME.get(extension, {extension}):
        name = stem
    name = name[: MAXIMUM - len(extension) - 1].rstrip(" ._-") or fallback
    return f"{name}.{extension}"


# Extensions a person's file may already carry for the type read from its content.
_SAME = {
    "jpg": {"jpg", "jpeg"},
    "opus": {"opus", "ogg", "oga"},
    "ogg": {"ogg", "oga"},
    "m4a": {"m4a", "mp4", "aac"},
    "txt": {"txt", "text"},
}
