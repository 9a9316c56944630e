"""Stored files live in the database: ``flask db-backup`` carries them and ``flask
db-restore`` brings them back, served as before (on SQLite and PostgreSQL)."""

from __future__ import annotations

import io

import pytest
from werkzeug.datastructures import FileStorage

from participa.base.extensions import db
from participa.files.services import store
from participa.files.sniffing import FileKind

from ..conftest import empty_database, make_app
from . import samples
from .conftest import OWNER


@pytest.fixture
def app_config(pg_bin_dir) -> dict:
    return {"PG_BIN_DIR": pg_bin_dir}


@pytest.fixture
def empty_url(db_url, tmp_path, request):
    kind = "sqlite" if db_url.startswith("sqlite") else "postgresql"
    yield from empty_database(request, kind, tmp_path, "participa_files")


def _invoke(runner, *args: str) -> None:
    result = runner.invoke(args=list(args))
    assert result.exit_code == 0, result.output


def test_a_backup_and_restore_keeps_a_file(app, runner, tmp_path, empty_url, pg_bin_dir):
    data = samples.opus()
    with app.app_context():
        file = store(FileStorage(stream=io.BytesIO(data), filename="voz.opus"),
                     kinds=(FileKind.AUDIO,), max_bytes=10**6, user=None, owner=OWNER)
        db.session.commit()
        file_id = file.id
    folder = tmp_path / "copias"
    _invoke(runner, "db-backup", "--dir", str(folder))
    [backup] = folder.iterdir()

    restored = make_app(empty_url, tmp_path, PG_BIN_DIR=pg_bin_dir)
    _invoke(restored.test_cli_runner(), "db-restore", str(backup), "--yes")
    answer = restored.test_client().get(f"/archivos/{file_id}",
                                        headers={"Range": "bytes=0-63"})
    assert answer.status_code == 206
    assert answer.data == data[:64]
    assert restored.test_client().get(f"/archivos/{file_id}").data == data
    with restored.app_context():
        db.session.remove()
        db.engine.dispose()
