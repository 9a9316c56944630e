"""How long a recording lasts, read from its bytes.

mutagen (a maintained library that reads the headers of every audio format we accept but
one, without decoding the sound) for Ogg Opus and Vorbis, MP3, AAC, M4A and WAV; WebM, which
mutagen does not read, by its Segment Info's Duration element (Matroska, RFC 9559). None when
the length cannot be read: the upload is then refused rather than let through unmeasured."""

from __future__ import annotations

import io
import re
import struct

import mutagen

# Duration (0x4489), a float of 4 or 8 bytes; TimecodeScale (0x2AD7B1), an unsigned integer.
_DURATION = re.compile(rb"\x44\x89(\x84|\x88)", re.DOTALL)
_SCALE = re.compile(rb"\x2a\xd7\xb1([\x81-\x88])", re.DOTALL)


def duration_seconds(data: bytes, media_type: str) -> float | None:
    if media_type == "audio/webm":
        return _webm_duration(data)
    try:
        found = mutagen.File(io.BytesIO(data))
    except (mutagen.MutagenError, ValueError, EOFError, struct.error, IndexError):
        return None
    length = getattr(getattr(found, "info", None), "length", None)
    return float(length) if length and length > 0 else None


def _webm_duration(data: bytes) -> float | None:
    head = data[:65536]
    match = _DURATION.search(head)
    if match is None:
        return None
    size = 4 if match.group(1) == b"\x84" else 8
    raw = head[match.end():match.end() + size]
    if len(raw) != size:
        return None
    ticks = struct.unpack(">f" if size == 4 else ">d", raw)[0]
    scale = 1_000_000  # nanoseconds per tick, Matroska's default
    found = _SCALE.search(head)
    if found is not None:
        length = found.group(1)[0] & 0x0F
        scale = int.from_bytes(head[found.end():found.end() + length], "big") or scale
    seconds = ticks * scale / 1e9
    return seconds if 0 < seconds < 10**7 else None
