"""How long a recording lasts, read from its bytes.

mutagen (a maintained library that reads the headers of every audio format we accept but
one, without decoding the sound) for Ogg Opus and Vorbis, MP3, AAC, M4A and WAV; WebM, which
mutagen does not read, by its Segment Info's Duration element (Matroska, RFC 9559), or, when
it has none (a browser's MediaRecorder writes the file as it records, with no Duration and
clusters of unknown size), by the time of its last block. None when the length cannot be
read: the upload is then refused rather than let through unmeasured."""

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
        return _cluster_seconds(data)
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


# Matroska element IDs (with their length marker, as written).
_SEGMENT, _CLUSTER, _TIMECODE = 0x18538067, 0x1F43B675, 0xE7
_SIMPLE_BLOCK, _BLOCK_GROUP, _BLOCK = 0xA3, 0xA0, 0xA1
_INFO, _SCALE_ID = 0x1549A966, 0x2AD7B1


def _vint(data: bytes, pos: int, *, marker: bool) -> tuple[int, int, bool] | None:
    """An EBML variable-length integer at ``pos``: (value, next position, unknown size)."""
    if pos >= len(data) or data[pos] == 0:
        return None
    length = 9 - data[pos].bit_length()
    if pos + length > len(data):
        return None
    value = data[pos] if marker else data[pos] & (0xFF >> length)
    for byte in data[pos + 1:pos + length]:
        value = value << 8 | byte
    unknown = not marker and value == (1 << 7 * length) - 1
    return value, pos + length, unknown


def _cluster_seconds(data: bytes) -> float | None:
    """The time of the last block, from the clusters' timecodes: a recording made in a
    browser (MediaRecorder) is written as it is made, with no Duration in its header."""
    scale, last, cluster_time = 1_000_000, None, 0
    pos = 0
    while pos < len(data):
        element = _vint(data, pos, marker=True)
        if element is None:
            return None
        identity, pos, _unknown = element
        size = _vint(data, pos, marker=False)
        if size is None:
            return None
        length, pos, unknown = size
        if identity in (_SEGMENT, _CLUSTER, _BLOCK_GROUP, _INFO):
            continue  # a container (its size may be unknown): read its children
        body = data[pos:pos + length]
        if identity == _TIMECODE:
            cluster_time = int.from_bytes(body, "big")
        elif identity == _SCALE_ID:
            scale = int.from_bytes(body, "big") or scale
        elif identity in (_SIMPLE_BLOCK, _BLOCK):
            track = _vint(body, 0, marker=False)
            if track is not None and track[1] + 2 <= len(body):
                offset = int.from_bytes(body[track[1]:track[1] + 2], "big", signed=True)
                time = cluster_time + offset
                last = time if last is None else max(last, time)
        if unknown:
            return None
        pos += length
    if last is None:
        return None
    seconds = last * scale / 1e9
    return seconds if 0 < seconds < 10**7 else None
