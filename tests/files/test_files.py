"""Uploaded files: what a file is, read from its bytes; the size limit, read without taking
the whole stream; each content stored once; serving with ranges, ETag, caching by who may see
it, safe names and types; moderation's hide answers 404 and keeps the file."""

from __future__ import annotations

import hashlib
import io

import pytest
import sqlalchemy as sa
from werkzeug.datastructures import FileStorage

from participa.base.errors import Invalid
from participa.base.extensions import db
from participa.files.models import FileBlob, StoredFile
from participa.files.names import clean_name
from participa.files.registry import Access
from participa.files.services import store
from participa.files.sniffing import FileKind, sniff

from ..factories import login, make_user
from . import samples
from .conftest import ACCESS, OWNER

ALL = tuple(FileKind)
AUDIO = (FileKind.AUDIO,)


@pytest.mark.parametrize(("make", "media_type", "kind"), [
    (samples.pdf, "application/pdf", FileKind.DOCUMENT),
    (samples.odt, "application/vnd.oasis.opendocument.text", FileKind.DOCUMENT),
    (samples.docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
     FileKind.DOCUMENT),
    (samples.text, "text/plain; charset=utf-8", FileKind.DOCUMENT),
    (samples.ods, "application/vnd.oasis.opendocument.spreadsheet", FileKind.SPREADSHEET),
    (samples.xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
     FileKind.SPREADSHEET),
    (samples.csv_text, "text/csv; charset=utf-8", FileKind.SPREADSHEET),
    (samples.png, "image/png", FileKind.IMAGE),
    (samples.jpeg, "image/jpeg", FileKind.IMAGE),
    (samples.webp, "image/webp", FileKind.IMAGE),
    (samples.opus, "audio/ogg", FileKind.AUDIO),
    (samples.vorbis, "audio/ogg", FileKind.AUDIO),
    (samples.mp3, "audio/mpeg", FileKind.AUDIO),
    (samples.mp3_without_tag, "audio/mpeg", FileKind.AUDIO),
    (samples.m4a, "audio/mp4", FileKind.AUDIO),
    (samples.aac_adts, "audio/aac", FileKind.AUDIO),
    (samples.webm_audio, "audio/webm", FileKind.AUDIO),
    (samples.wav, "audio/wav", FileKind.AUDIO),
])
def test_real_files_are_known_by_their_content(make, media_type, kind):
    found = sniff(make())
    assert found is not None
    assert (found.media_type, found.kind) == (media_type, kind)


def test_windows_text_is_text_with_its_charset():
    found = sniff("municipio;avance\nSololá;40\nCobán;55\n".encode("windows-1252"))
    assert found.media_type == "text/csv; charset=windows-1252"


@pytest.mark.parametrize("data", [
    b"<!DOCTYPE html><html><script>alert(1)</script></html>",
    b"  <svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
    b"<?xml version='1.0'?><svg/>",
    b"MZ\x90\x00\x03\x00\x00\x00" + bytes(200),
    b"\x7fELF\x02\x01\x01" + bytes(200),
    b"#!/bin/sh\nrm -rf /\n",
    b"\x00\x01\x02\x03binary",
    b"PK\x03\x04 not really a zip",
    b"",
    b"   \n\n",
], ids=["html", "svg", "xml", "exe", "elf", "script", "binary", "broken-zip", "empty", "blank"])
def test_what_a_browser_would_run_or_nothing_known_is_refused(data):
    assert sniff(data) is None


def test_macros_and_other_zips_and_videos_are_refused():
    assert sniff(samples.ooxml("word/document.xml", {"word/vbaProject.bin": b"x"})) is None
    assert sniff(samples.odf("application/vnd.oasis.opendocument.text",
                             {"Basic/Standard/Module1.xml": b"x"})) is None
    assert sniff(samples.odf("application/vnd.oasis.opendocument.presentation")) is None
    assert sniff(samples._zip({"hola.txt": b"hola"})) is None
    assert sniff(samples.webm_video()) is None


def test_names_are_cleaned_and_carry_the_contents_extension():
    assert clean_name("C:\\Users\\ana\\Informe de Sololá.PDF", "pdf") == "Informe de Sololá.pdf"
    assert clean_name("../../etc/passwd", "txt") == "passwd.txt"
    assert clean_name('informe".html', "pdf") == "informe_.html.pdf"
    assert clean_name("\u202egpj.exe", "jpg") == "gpj.exe.jpg"  # no direction override
    assert clean_name("...", "opus") == "archivo.opus"
    assert clean_name("voz.ogg", "opus") == "voz.opus"
    assert len(clean_name("a" * 500 + ".pdf", "pdf")) == 120


def upload(data: bytes, name: str = "archivo.bin") -> FileStorage:
    return FileStorage(stream=io.BytesIO(data), filename=name, content_type="audio/ogg")


def test_a_renamed_file_is_refused_naming_the_accepted_types(db_session):
    for data, name in ((samples.pdf(), "grabacion.opus"), (samples.png(), "voz.mp3"),
                       (b"<html><body>hola</body></html>", "voz.ogg")):
        with pytest.raises(Invalid) as refused:
            store(upload(data, name), kinds=AUDIO, max_bytes=10**6, user=None, owner=OWNER,
                  field="grabacion")
        assert refused.value.field == "grabacion"
        assert str(refused.value) == ("Este archivo no es de un tipo aceptado. Se aceptan: "
                                      "Opus/Vorbis (Ogg), MP3, M4A/AAC, WebM, WAV.")
    assert db_session.scalar(sa.select(sa.func.count()).select_from(StoredFile)) == 0


def test_missing_and_empty_files_are_refused(db_session):
    for missing in (None, FileStorage(stream=io.BytesIO(b""), filename="")):
        with pytest.raises(Invalid, match="Elija un archivo."):
            store(missing, kinds=ALL, max_bytes=100, user=None, owner=OWNER)
    with pytest.raises(Invalid, match="El archivo está vacío."):
        store(upload(b"", "nada.txt"), kinds=ALL, max_bytes=100, user=None, owner=OWNER)


class EndlessStream(io.RawIOBase):
    """Whoever sends more than the limit: a stream that never ends, counting what is read."""

    def __init__(self) -> None:
        self.read_bytes = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        buffer[:] = b"a" * len(buffer)
        self.read_bytes += len(buffer)
        return len(buffer)


def test_the_size_limit_refuses_without_reading_the_whole_stream(db_session):
    stream = EndlessStream()
    with pytest.raises(Invalid) as refused:
        store(FileStorage(stream=stream, filename="largo.txt"), kinds=ALL, max_bytes=150_000,
              user=None, owner=OWNER, field="documento")
    assert str(refused.value) == "El archivo pasa del límite de 150 kB."
    assert refused.value.field == "documento"
    assert stream.read_bytes == 150_001
    with pytest.raises(Invalid, match="límite de 15 MB"):
        _limit(15_000_000)
    exact = samples.opus()
    assert store(upload(exact), kinds=AUDIO, max_bytes=len(exact), user=None,
                 owner=OWNER).size == len(exact)


def _limit(limit: int) -> None:
    store(FileStorage(stream=EndlessStream(), filename="x"), kinds=AUDIO, max_bytes=limit,
          user=None, owner=OWNER)


def test_the_same_bytes_are_stored_once(db_session):
    person = make_user()
    data = samples.opus()
    first = store(upload(data, "voz.opus"), kinds=AUDIO, max_bytes=10**6, user=person,
                  owner=OWNER)
    second = store(upload(data, "otra vez.ogg"), kinds=AUDIO, max_bytes=10**6, user=None,
                   owner=OWNER)
    db_session.commit()
    assert first.id != second.id
    assert first.sha256 == second.sha256 == hashlib.sha256(data).hexdigest()
    assert (first.name, second.name) == ("voz.opus", "otra vez.opus")
    assert (first.created_by_id, first.media_type, first.kind) == (
        person.id, "audio/ogg", FileKind.AUDIO)
    assert db_session.scalars(sa.select(FileBlob.size)).all() == [len(data)]


def _stored(app, data: bytes, name: str) -> int:
    with app.app_context():
        file = store(upload(data, name), kinds=ALL, max_bytes=10**7, user=None, owner=OWNER)
        db.session.commit()
        return file.id


def test_a_public_file_is_served_whole_and_in_ranges(app, client):
    data = samples.opus(3)
    file_id = _stored(app, data, "Grabación de Sololá.opus")
    url = f"/archivos/{file_id}"

    whole = client.get(url)
    assert whole.status_code == 200
    assert whole.data == data
    assert whole.headers["Content-Type"] == "audio/ogg"
    assert whole.headers["Accept-Ranges"] == "bytes"
    assert whole.headers["X-Content-Type-Options"] == "nosniff"
    assert whole.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert whole.headers["ETag"] == f'"{hashlib.sha256(data).hexdigest()}"'
    assert whole.headers["Content-Disposition"] == (
        "inline; filename=\"Grabacion de Solola.opus\"; "
        "filename*=UTF-8''Grabaci%C3%B3n%20de%20Solol%C3%A1.opus")

    first = client.get(url, headers={"Range": "bytes=0-99"})
    assert first.status_code == 206
    assert first.data == data[:100]
    assert first.headers["Content-Range"] == f"bytes 0-99/{len(data)}"
    assert first.headers["Content-Length"] == "100"

    rest = client.get(url, headers={"Range": "bytes=100-"})
    assert rest.status_code == 206
    assert rest.data == data[100:]
    assert rest.headers["Content-Range"] == f"bytes 100-{len(data) - 1}/{len(data)}"

    tail = client.get(url, headers={"Range": "bytes=-10"})
    assert (tail.status_code, tail.data) == (206, data[-10:])

    beyond = client.get(url, headers={"Range": f"bytes={len(data)}-"})
    assert beyond.status_code == 416
    assert beyond.headers["Content-Range"] == f"bytes */{len(data)}"
    assert client.get(url, headers={"Range": "bytes=50-10"}).status_code == 416
    assert client.get(url, headers={"Range": "bytes=abc"}).status_code == 416

    several = client.get(url, headers={"Range": "bytes=0-1,5-6"})
    assert (several.status_code, several.data) == (200, data)
    other_unit = client.get(url, headers={"Range": "pages=1-2"})
    assert (other_unit.status_code, other_unit.data) == (200, data)

    etag = whole.headers["ETag"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    stale = client.get(url, headers={"Range": "bytes=0-9", "If-Range": '"otra"'})
    assert (stale.status_code, stale.data) == (200, data)
    fresh = client.get(url, headers={"Range": "bytes=0-9", "If-Range": etag})
    assert (fresh.status_code, fresh.data) == (206, data[:10])


def test_documents_download_and_public_files_are_cached_for_everyone(app, client):
    file_id = _stored(app, samples.csv_text(), "avances.csv")
    with app.app_context():
        make_user(email_address="lectora@example.org")
    assert login(client, "lectora@example.org").status_code == 302
    answer = client.get(f"/archivos/{file_id}")
    assert answer.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert answer.headers["Content-Disposition"].startswith('attachment; filename="avances.csv"')
    # Signed in, a public file is still the same for everyone.
    assert answer.headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_a_hidden_file_answers_404_and_is_kept(app, client):
    data = samples.pdf()
    file_id = _stored(app, data, "acta.pdf")
    ACCESS[file_id] = Access.PRIVATE
    private = client.get(f"/archivos/{file_id}")
    assert private.status_code == 200
    assert private.headers["Cache-Control"] == "private, no-store"
    ACCESS[file_id] = Access.HIDDEN
    assert client.get(f"/archivos/{file_id}").status_code == 404
    assert client.get(f"/archivos/{file_id}", headers={"Range": "bytes=0-9"}).status_code == 404
    assert client.get(f"/archivos/{file_id + 1000}").status_code == 404
    with app.app_context():
        assert db.session.get(StoredFile, file_id).size == len(data)
        assert db.session.scalar(sa.select(FileBlob.data)) == data
