"""Small real files of every accepted type (and some refused ones), made by the tests:
audio and images by ffmpeg (Debian's package, `make ffmpeg`), the rest by Python. Made once
per run, in a folder of their own."""

from __future__ import annotations

import functools
import io
import shutil
import struct
import subprocess  # noqa: S404 - runs ffmpeg with argument lists
import tempfile
import wave
import zipfile
import zlib
from pathlib import Path

import pytest

FFMPEG = shutil.which("ffmpeg")
SEEDS = Path("/work/shared/seeds")


@functools.cache
def _folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="participa-samples-"))


def need_ffmpeg() -> str:
    if not FFMPEG:
        pytest.skip("ffmpeg is missing: `make ffmpeg` (or apt-get install ffmpeg) makes the "
                    "audio samples")
    return FFMPEG


@functools.cache
def ffmpeg_file(name: str, *args: str) -> bytes:
    """``ffmpeg -f lavfi <args> name``: a second of a 440 Hz tone (or a test picture)."""
    target = _folder() / name
    subprocess.run(  # noqa: S603 - fixed tool, arguments as a list
        [need_ffmpeg(), "-v", "error", "-y", *args, str(target)], check=True,
        capture_output=True)
    return target.read_bytes()


TONE = ("-f", "lavfi", "-i", "sine=frequency=440:duration=1")


def opus(seconds: int = 1) -> bytes:
    """A real Ogg Opus recording, 16 kbit/s (what a phone's recorder or ffmpeg makes)."""
    return ffmpeg_file(f"tono-{seconds}.opus", "-f", "lavfi", "-i",
                       f"sine=frequency=440:duration={seconds}", "-c:a", "libopus",
                       "-b:a", "16k")


def vorbis() -> bytes:
    return ffmpeg_file("tono.ogg", *TONE, "-c:a", "libvorbis")


def mp3() -> bytes:
    return ffmpeg_file("tono.mp3", *TONE, "-c:a", "libmp3lame", "-b:a", "32k")


def mp3_without_tag() -> bytes:
    return ffmpeg_file("sin-etiqueta.mp3", *TONE, "-c:a", "libmp3lame", "-b:a", "32k",
                       "-write_xing", "0", "-id3v2_version", "0")


def m4a() -> bytes:
    return ffmpeg_file("tono.m4a", *TONE, "-c:a", "aac", "-b:a", "32k")


def aac_adts() -> bytes:
    return ffmpeg_file("tono.aac", *TONE, "-c:a", "aac", "-b:a", "32k", "-f", "adts")


def webm_audio() -> bytes:
    return ffmpeg_file("tono.webm", *TONE, "-c:a", "libopus", "-b:a", "16k")


def webm_video() -> bytes:
    return ffmpeg_file("video.webm", "-f", "lavfi", "-i", "testsrc=duration=1:size=32x32:rate=5",
                       "-c:v", "libvpx", "-b:v", "50k")


def jpeg() -> bytes:
    return ffmpeg_file("imagen.jpg", "-f", "lavfi", "-i", "testsrc=size=32x32", "-frames:v",
                       "1")


def webp() -> bytes:
    return ffmpeg_file("imagen.webp", "-f", "lavfi", "-i", "testsrc=size=32x32", "-frames:v",
                       "1", "-c:v", "libwebp")


def wav() -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as file:
        file.setnchannels(1)
        file.setsampwidth(2)
        file.setframerate(8000)
        file.writeframes(b"\x00\x00" * 8000)
    return out.getvalue()


def png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body)))

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * 4 for _ in range(4))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def pdf() -> bytes:
    """A one-page PDF with its cross-reference table."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, xref))
    return out.getvalue()


def _zip(entries: dict[str, bytes], *, first_stored: str | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        if first_stored:
            archive.writestr(zipfile.ZipInfo(first_stored), entries[first_stored],
                             compress_type=zipfile.ZIP_STORED)
        for name, body in entries.items():
            if name != first_stored:
                archive.writestr(name, body)
    return out.getvalue()


def odf(media_type: str, extra: dict[str, bytes] | None = None) -> bytes:
    return _zip({"mimetype": media_type.encode(),
                 "content.xml": b"<?xml version='1.0'?><office:document-content/>",
                 "META-INF/manifest.xml": b"<?xml version='1.0'?><manifest:manifest/>",
                 **(extra or {})}, first_stored="mimetype")


def odt() -> bytes:
    return odf("application/vnd.oasis.opendocument.text")


def ods() -> bytes:
    return odf("application/vnd.oasis.opendocument.spreadsheet")


def ooxml(part: str, extra: dict[str, bytes] | None = None) -> bytes:
    return _zip({"[Content_Types].xml": b"<?xml version='1.0'?><Types/>",
                 "_rels/.rels": b"<?xml version='1.0'?><Relationships/>",
                 part: b"<?xml version='1.0'?><document/>", **(extra or {})})


def docx() -> bytes:
    return ooxml("word/document.xml")


def xlsx() -> bytes:
    return ooxml("xl/workbook.xml")


def text() -> bytes:
    """A real source document of the seeds (plain UTF-8 text), or a paragraph."""
    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if seeds:
        return seeds[0].read_bytes()
    return "Compromiso de gobierno abierto: avances del año.\n".encode()


def csv_text() -> bytes:
    return "municipio;avance;fecha\nSololá;40;2026-03-01\nCobán;55;2026-04-01\n".encode()


def webm_live(seconds: int = 3) -> bytes:
    """WebM written as it is made (ffmpeg's live mode, as a browser's MediaRecorder writes
    it): no Duration in its header."""
    return ffmpeg_file(f"en-vivo-{seconds}.webm", "-f", "lavfi", "-i",
                       f"sine=frequency=440:duration={seconds}", "-c:a", "libopus",
                       "-b:a", "16k", "-f", "webm", "-live", "1")
