"""What an uploaded file is, read from its bytes: never from its name nor from the browser's
Content-Type, which whoever uploads chooses.

``sniff(data)`` answers a ``Sniffed`` (the media type served, the kind, the usual extension)
or None for anything not on the list below. The list is short on purpose: every type on it is
served as it is to other people, so none may be something a browser runs (HTML, SVG,
JavaScript, executables) or a container that hides one (macro-bearing office files, a video
where a recording was asked for).

    document      PDF, ODT (OpenDocument text), DOCX, plain text (UTF-8, or Windows-1252)
    spreadsheet   ODS, XLSX, CSV (text whose first lines split into the same number of fields)
    image         PNG, JPEG, WebP
    audio         Ogg (Opus, Vorbis), MP3, AAC (ADTS), M4A (MP4 audio), WebM (audio), WAV
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from typing import NamedTuple

from flask_babel import lazy_gettext as _l

from ..content.enums import LabelledEnum


class FileKind(LabelledEnum):
    DOCUMENT = "documento", _l("Documento")
    SPREADSHEET = "hoja", _l("Hoja de cálculo")
    IMAGE = "imagen", _l("Imagen")
    AUDIO = "audio", _l("Audio")


class Sniffed(NamedTuple):
    media_type: str
    kind: FileKind
    extension: str  # without the dot


# What each kind accepts, as a person reads it in an error message (format names only, the
# same in every language).
ACCEPTED_NAMES = {
    FileKind.DOCUMENT: "PDF, ODT, DOCX, TXT",
    FileKind.SPREADSHEET: "ODS, XLSX, CSV",
    FileKind.IMAGE: "PNG, JPEG, WebP",
    FileKind.AUDIO: "Opus/Vorbis (Ogg), MP3, M4A/AAC, WebM, WAV",
}

# Every media type sniff() can answer: the only ones the files route ever sends.
MEDIA_TYPES = frozenset({
    "application/pdf",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "text/plain; charset=utf-8", "text/plain; charset=windows-1252",
    "text/csv; charset=utf-8", "text/csv; charset=windows-1252",
    "image/png", "image/jpeg", "image/webp",
    "audio/ogg", "audio/mpeg", "audio/aac", "audio/mp4", "audio/webm", "audio/wav",
})

_ODF = {
    b"application/vnd.oasis.opendocument.text": ("odt", FileKind.DOCUMENT),
    b"application/vnd.oasis.opendocument.spreadsheet": ("ods", FileKind.SPREADSHEET),
}
_OOXML = {
    "word/document.xml": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx",
        FileKind.DOCUMENT),
    "xl/workbook.xml": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx",
        FileKind.SPREADSHEET),
}
# MP4 brands of audio files; any other brand (isom, mp42...) is checked for a video track.
_AUDIO_BRANDS = {b"M4A ", b"M4B "}
_MP4_BRANDS = _AUDIO_BRANDS | {b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42",
                               b"dash", b"3gp4", b"3gp5", b"3gp6"}
_MP4_VIDEO = re.compile(rb"hdlr.{8}vide", re.DOTALL)
# A Matroska/WebM CodecID element (0x86, a one-byte size) naming a video codec.
_EBML_VIDEO = re.compile(rb"\x86[\x81-\xbf]V_", re.DOTALL)
_MARKUP = re.compile(rb"^\s*<(?:!|\?|[a-zA-Z])")
# Control characters that plain text never holds (tab, line feed, form feed and carriage
# return are text).
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def sniff(data: bytes) -> Sniffed | None:
    """What ``data`` is, from its content alone; None when it is nothing accepted."""
    if not data:
        return None
    for check in (_binary, _zip, _text):
        found = check(data)
        if found is not None:
            return found or None
    return None


def _binary(data: bytes) -> Sniffed | bool | None:
    """The formats with a signature; False: a signature of something refused."""
    head = data[:64]
    if head.startswith(b"%PDF-"):
        return Sniffed("application/pdf", FileKind.DOCUMENT, "pdf")
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return Sniffed("image/png", FileKind.IMAGE, "png")
    if head.startswith(b"\xff\xd8\xff"):
        return Sniffed("image/jpeg", FileKind.IMAGE, "jpg")
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return Sniffed("image/webp", FileKind.IMAGE, "webp")
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return Sniffed("audio/wav", FileKind.AUDIO, "wav")
    if head.startswith(b"OggS"):
        # The first page holds the first packet: the codec's identification header.
        first_page = data[:512]
        if b"OpusHead" in first_page:
            return Sniffed("audio/ogg", FileKind.AUDIO, "opus")
        if b"\x01vorbis" in first_page:
            return Sniffed("audio/ogg", FileKind.AUDIO, "ogg")
        return False  # Ogg video (Theora) or another codec
    if head.startswith(b"\x1a\x45\xdf\xa3"):  # EBML: Matroska or WebM
        if b"webm" not in data[:64] or _EBML_VIDEO.search(data[:65536]):
            return False
        return Sniffed("audio/webm", FileKind.AUDIO, "webm")
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand not in _MP4_BRANDS:
            return False
        if brand not in _AUDIO_BRANDS and _MP4_VIDEO.search(data):
            return False  # a video
        return Sniffed("audio/mp4", FileKind.AUDIO, "m4a")
    if head.startswith(b"ID3") and len(head) >= 10:
        return Sniffed("audio/mpeg", FileKind.AUDIO, "mp3")
    if (frame := _mpeg_frame(head)) is not None:
        return frame
    if head.startswith(b"PK\x03\x04"):
        return None  # a zip: _zip decides
    if head.startswith((b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"#!", b"\xd0\xcf\x11\xe0")):
        return False  # executables, scripts and old binary Office files (macros)
    return None


def _mpeg_frame(head: bytes) -> Sniffed | None:
    """An MPEG audio frame header without an ID3 tag: 11 bits of sync, then a valid layer,
    bit rate and sample rate; layer bits 00 under MPEG-4 sync are an AAC ADTS header."""
    if len(head) < 4 or head[0] != 0xFF or head[1] & 0xE0 != 0xE0:
        return None
    if head[1] & 0xF6 == 0xF0:  # ADTS: sync 12 bits, layer 00
        if (head[2] >> 2) & 0x0F >= 13:  # sampling frequency index
            return None
        return Sniffed("audio/aac", FileKind.AUDIO, "aac")
    version = (head[1] >> 3) & 0x03
    layer = (head[1] >> 1) & 0x03
    bitrate = head[2] >> 4
    sample_rate = (head[2] >> 2) & 0x03
    if version == 0b01 or layer == 0 or bitrate in (0, 15) or sample_rate == 3:
        return None
    return Sniffed("audio/mpeg", FileKind.AUDIO, "mp3")


def _zip(data: bytes) -> Sniffed | bool | None:
    if not data.startswith(b"PK\x03\x04"):
        return None
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
        if "mimetype" in names:
            with archive.open("mimetype") as entry:
                declared = entry.read(100).strip()
        else:
            declared = b""
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError,
            RuntimeError, ValueError, EOFError):
        return False
    # Macros: OOXML's vbaProject.bin, OpenDocument's Basic and Scripts folders.
    if any(name.endswith("vbaProject.bin") or name.startswith(("Basic/", "Scripts/"))
           for name in names):
        return False
    if declared in _ODF:
        extension, kind = _ODF[declared]
        return Sniffed(declared.decode(), kind, extension)
    if "[Content_Types].xml" in names:
        for part, (media_type, extension, kind) in _OOXML.items():
            if part in names:
                return Sniffed(media_type, kind, extension)
    return False


def _text(data: bytes) -> Sniffed | bool | None:
    """Plain text or CSV, cautiously: no control characters, no markup a browser would run
    if it ever ignored the type, UTF-8 (a BOM allowed) or else Windows-1252."""
    if _CONTROL.search(data):
        return False
    body = data.removeprefix(b"\xef\xbb\xbf")
    if _MARKUP.match(body[:512]):
        return False
    try:
        text = body.decode("utf-8")
        charset = "utf-8"
    except UnicodeDecodeError:
        try:
            text = body.decode("windows-1252")
        except UnicodeDecodeError:
            return False
        charset = "windows-1252"
    if not text.strip():
        return False
    if _looks_like_csv(text):
        return Sniffed(f"text/csv; charset={charset}", FileKind.SPREADSHEET, "csv")
    return Sniffed(f"text/plain; charset={charset}", FileKind.DOCUMENT, "txt")


def _looks_like_csv(text: str) -> bool:
    """At least two complete lines that split, with one of the usual delimiters, into the
    same number of fields (two or more) each."""
    lines = text.splitlines()
    if len(text) > 65536:
        lines = lines[:-1]  # the last line read may be cut
    lines = [line for line in lines[:50] if line.strip()]
    if len(lines) < 2:
        return False
    for delimiter in (",", ";", "\t"):
        counts = {len(row) for row in csv.reader(lines, delimiter=delimiter)}
        if len(counts) == 1 and counts.pop() >= 2:
            return True
    return False
