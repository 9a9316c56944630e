"""Recorded audio (issue 18, item 4): a translator of the language or the MTGA attaches a real
Opus recording to a commitment, served in ranges; a renamed non-audio file, a too long or too
large recording are refused with a message and what was typed kept; only those roles may add
one; moderation's hide answers 404 to the public and keeps the file; two app servers on one
database serve the same audio; a backup and restore keeps it."""

from __future__ import annotations

import io
import re

import pytest
import sqlalchemy as sa

from participa.audit.models import AuditEvent
from participa.base.extensions import db
from participa.files.models import FileBlob, StoredFile
from participa.recordings.models import Recording

from ..conftest import empty_database, make_app
from ..factories import login, make_commitment, make_plan, make_user
from ..files import samples
from ..pages import html

TRANSCRIPT = "[prueba quc] Resumen del compromiso, dicho en voz alta."


@pytest.fixture
def world(app):
    # Not inside the test's app context: flask's CLI runs its commands in the app context it
    # finds (the restore must run in the restored app's).
    with app.app_context():
        plan = make_plan()
        commitment = make_commitment(plan, title="Datos abiertos municipales")
        people = {
            "translator": make_user(email_address="traductora@example.org",
                                    translates=("quc",)),
            "other": make_user(email_address="otra@example.org", translates=("kek",)),
            "moderator": make_user(email_address="mtga@example.org", is_moderator=True),
            "participant": make_user(email_address="persona@example.org"),
        }
        db.session.commit()
        return {"commitment": commitment.id, **{k: v.id for k, v in people.items()}}


def _new_url(world) -> str:
    return f"/grabaciones/compromiso/{world['commitment']}/nueva"


def _send(client, world, data: bytes, name: str, *, language: str = "quc"):
    return client.post(_new_url(world), data={
        "idioma_grabacion": language, "transcripcion": TRANSCRIPT,
        "grabacion": (io.BytesIO(data), name),
    }, content_type="multipart/form-data")


def test_a_translator_attaches_an_opus_recording_played_and_served_in_ranges(
        app, client, world):
    login(client, "traductora@example.org")
    form = client.get(_new_url(world))
    assert form.status_code == 200
    assert 'enctype="multipart/form-data"' in html(form)
    data = samples.opus(3)
    sent = _send(client, world, data, "resumen.opus")
    assert sent.status_code == 303, html(sent)
    assert sent.headers["Location"].endswith(f"/planes/compromisos/{world['commitment']}")

    page = html(client.get(f"/planes/compromisos/{world['commitment']}"))
    [audio] = re.findall(r"<audio[^>]*>", page)
    assert 'controls' in audio and 'preload="none"' in audio and 'lang="quc"' in audio
    assert "autoplay" not in page
    file_url = re.search(r'src="(/archivos/\d+)"', audio).group(1)
    with app.app_context():
        recording = db.session.scalars(sa.select(Recording)).one()
        assert (recording.language, recording.transcript) == ("quc", TRANSCRIPT)
        assert recording.duration_seconds == 3
        assert recording.file.media_type == "audio/ogg"
        assert db.session.scalars(sa.select(AuditEvent.action)).all() == ["recording.attach"]
    transcript_page = html(client.get(f"/grabaciones/{recording.id}"))
    assert f'<div lang="quc">{TRANSCRIPT}' in transcript_page

    client.post("/cuenta/salir")
    middle = client.get(file_url, headers={"Range": "bytes=1000-1999"})
    assert middle.status_code == 206
    assert middle.headers["Content-Range"] == f"bytes 1000-1999/{len(data)}"
    assert middle.data == data[1000:2000]
    assert client.get(file_url).headers["Cache-Control"] == (
        "public, max-age=31536000, immutable")


def test_a_renamed_non_audio_file_is_refused_and_what_was_typed_kept(app, client, world):
    login(client, "traductora@example.org")
    for data, name in ((samples.pdf(), "grabacion.opus"), (samples.png(), "voz.mp3")):
        refused = _send(client, world, data, name)
        assert refused.status_code == 422
        page = html(refused)
        assert ("Este archivo no es de un tipo aceptado. Se aceptan: Opus/Vorbis (Ogg), MP3, "
                "M4A/AAC, WebM, WAV.") in page
        assert TRANSCRIPT in page
        assert re.search(r'<option[^>]*selected[^>]*value="quc"|<option[^>]*value="quc"[^>]*'
                         r"selected", page)
        assert "elija el archivo otra vez" in page
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(StoredFile)) == 0


@pytest.mark.parametrize("app_config", [{"AUDIO_MAX_SECONDS": 2, "AUDIO_MAX_BYTES": 20_000}])
def test_too_long_and_too_large_recordings_are_refused(app, client, world):
    login(client, "traductora@example.org")
    long = _send(client, world, samples.opus(3), "largo.opus")
    assert long.status_code == 422
    assert "La grabación dura 0:03 y el límite es 0:02 (minutos:segundos)." in html(long)
    large = _send(client, world, samples.wav() * 3, "grande.wav")
    assert large.status_code == 422
    assert "El archivo pasa del límite de 20 kB." in html(large)
    assert TRANSCRIPT in html(large)


def test_only_the_languages_translators_and_the_mtga_add_recordings(app, client, world):
    assert client.get(_new_url(world)).status_code == 302  # to the log-in
    login(client, "persona@example.org")
    assert client.get(_new_url(world)).status_code == 403
    assert _send(client, world, samples.opus(), "a.opus").status_code == 403
    client.post("/cuenta/salir")
    login(client, "otra@example.org")  # translates Q'eqchi', not K'iche'
    assert _send(client, world, samples.opus(), "a.opus", language="quc").status_code == 403
    kek = _send(client, world, samples.opus(), "a.opus", language="kek")
    assert kek.status_code == 303, html(kek)
    client.post("/cuenta/salir")
    login(client, "mtga@example.org")
    assert _send(client, world, samples.opus(), "b.opus", language="es").status_code == 303
    assert client.get("/grabaciones/compromiso/999999/nueva").status_code == 404


def _attach(client, world) -> tuple[int, str]:
    login(client, "mtga@example.org")
    assert _send(client, world, samples.opus(), "voz.opus").status_code == 303
    client.post("/cuenta/salir")
    page = html(client.get(f"/planes/compromisos/{world['commitment']}"))
    return (int(re.search(r"/grabaciones/(\d+)\"", page).group(1)),
            re.search(r'src="(/archivos/\d+)"', page).group(1))


def test_a_hidden_recording_answers_404_to_the_public_and_is_kept(app, client, world):
    recording_id, file_url = _attach(client, world)
    login(client, "mtga@example.org")
    hidden = client.post(f"/grabaciones/{recording_id}/ocultar",
                         data={"reason": "Datos personales en la grabación."})
    assert hidden.status_code == 303
    kept = client.get(file_url)  # the moderators still hear it, never from a cache
    assert (kept.status_code, kept.headers["Cache-Control"]) == (200, "no-store")
    client.post("/cuenta/salir")
    assert client.get(file_url).status_code == 404
    assert client.get(f"/grabaciones/{recording_id}").status_code == 404
    assert "<audio" not in html(client.get(f"/planes/compromisos/{world['commitment']}"))
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(FileBlob)) == 1
        assert sorted(db.session.scalars(sa.select(AuditEvent.action))) == [
            "recording.attach", "recording.hide"]


def test_two_app_servers_on_one_database_serve_the_same_audio(app, client, world, db_url,
                                                              tmp_path):
    _recording_id, file_url = _attach(client, world)
    other = make_app(db_url, tmp_path / "otro")
    answer = other.test_client().get(file_url, headers={"Range": "bytes=0-99"})
    assert answer.status_code == 206
    assert answer.data == samples.opus()[:100]
    with other.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def app_config(request, pg_bin_dir) -> dict:
    return {"PG_BIN_DIR": pg_bin_dir, **getattr(request, "param", {})}


@pytest.fixture
def empty_url(db_url, tmp_path, request):
    kind = "sqlite" if db_url.startswith("sqlite") else "postgresql"
    yield from empty_database(request, kind, tmp_path, "participa_audio")


def test_a_backup_and_restore_keeps_the_recording(app, client, runner, world, tmp_path,
                                                  empty_url):
    bin_dir = app.config["PG_BIN_DIR"]
    recording_id, file_url = _attach(client, world)
    result = runner.invoke(args=["db-backup", "--dir", str(tmp_path / "copias")])
    assert result.exit_code == 0, result.output
    [backup] = (tmp_path / "copias").iterdir()
    restored = make_app(empty_url, tmp_path, PG_BIN_DIR=bin_dir)
    result = restored.test_cli_runner().invoke(args=["db-restore", str(backup), "--yes"])
    assert result.exit_code == 0, result.output
    served = restored.test_client()
    assert served.get(file_url).data == samples.opus()
    assert TRANSCRIPT in html(served.get(f"/grabaciones/{recording_id}"))
    with restored.app_context():
        db.session.remove()
        db.engine.dispose()


def test_the_commitment_page_asks_the_same_statements_for_one_or_many_recordings(
        app, client, world):
    from ..querycount import count_queries

    url = f"/planes/compromisos/{world['commitment']}"
    login(client, "mtga@example.org")
    assert _send(client, world, samples.opus(), "uno.opus").status_code == 303
    client.get(url)
    with count_queries(app) as one:
        assert client.get(url).data.count(b"<audio") == 1
    for number in (2, 3):
        assert _send(client, world, samples.opus(number), "otro.opus").status_code == 303
    with count_queries(app) as three:
        assert client.get(url).data.count(b"<audio") == 3
    assert len(three) == len(one), three
