"""Translation memory: ``flask translate import-memory`` (TMX or PO, source and licence stored
per entry, idempotent) and the matches shown beside a message (exact and close, from imported
memories and from approved texts of the same language). Fake targets only: ``[quc] ...``."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from participa.base.errors import Invalid
from participa.base.extensions import db
from participa.i18n.memory_files import MemoryPair
from participa.translation import memory, services
from participa.translation.models import MemoryEntry
from tests.factories import audit_events, make_user
from tests.i18n.test_memory_files import tmx

from .helpers import message_for, synced

TMX = tmx("""
    <tu><tuv xml:lang="es"><seg>Buscar</seg></tuv><tuv xml:lang="quc"><seg>[quc] Buscar</seg>
    </tuv></tu>
    <tu><tuv xml:lang="es"><seg>Buscar</seg></tuv><tuv xml:lang="quc"><seg>[quc] Buscar (otra)</seg>
    </tuv></tu>
    <tu><tuv xml:lang="es"><seg>Búsqueda avanzada</seg></tuv>
        <tuv xml:lang="quc"><seg>[quc] Búsqueda avanzada</seg></tuv></tu>""", srclang="es")

PO = """msgid ""
msgstr ""
"Language: mam\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Guardar cambios"
msgstr "[mam] Guardar cambios"
"""


def pair(source, target, language="quc"):
    return MemoryPair(source, target, language, "Test memory", "MIT")


def entries(language=None):
    query = sa.select(MemoryEntry).order_by(MemoryEntry.id)
    if language:
        query = query.where(MemoryEntry.language == language)
    return list(db.session.scalars(query))


def test_import_stores_source_and_licence_and_is_idempotent(db_session, tmp_path):
    path = tmp_path / "test.tmx"
    path.write_text(TMX, encoding="utf-8")
    assert memory.import_file(path) == {"quc": 3}
    assert memory.import_file(path) == {"quc": 0}
    stored = entries("quc")
    assert len(stored) == 3
    assert {(e.source_name, e.licence, e.origin) for e in stored} == {
        ("Test memory", "MPL-2.0", "test.tmx")}
    # The options win over the file: another source is another entry.
    assert memory.import_file(path, source_name="Other", licence="MIT") == {"quc": 3}
    assert "translation.import_memory" in [event.action for event in audit_events()]


def test_a_file_without_source_or_licence_needs_them_given(db_session, tmp_path):
    path = tmp_path / "m.po"
    path.write_text(PO, encoding="utf-8")
    with pytest.raises(Invalid):
        memory.import_file(path)
    assert entries() == []
    assert memory.import_file(path, source_name="Test PO", licence="CC-BY-4.0") == {"mam": 1}
    assert entries("mam")[0].target_text == "[mam] Guardar cambios"


def test_exact_matches_ignore_case_accents_apostrophes_and_spacing(db_session):
    memory.import_pairs([pair("Búsqueda  avanzada", "[quc] a"), pair("Busqueda", "[quc] b"),
                         pair("L'acción", "[quc] c")])
    found = memory.matches("busqueda avanzada", "quc")
    assert [(m.text, m.kind, m.score) for m in found] == [("[quc] a", "exact", 1.0)]
    assert found[0].source_name == "Test memory" and found[0].licence == "MIT"
    assert [m.text for m in memory.matches("BÚSQUEDA", "quc")] == ["[quc] b"]
    assert [m.text for m in memory.matches("L\u2019accion", "quc")] == ["[quc] c"]
    assert memory.matches("Búsqueda", "cak") == []


def test_close_matches_have_a_ratio_of_at_least_three_quarters(db_session):
    memory.import_pairs([
        pair("Guardar los cambios", "[quc] close"),
        pair("Guardar", "[quc] too short"),
        pair("Cambiar la contraseña del usuario", "[quc] unrelated"),
        pair("Guardar cambios", "[quc] exact"),
    ])
    found = memory.matches("Guardar cambios", "quc")
    assert [(m.text, m.kind) for m in found] == [("[quc] exact", "exact"),
                                                  ("[quc] close", "close")]
    assert 0.75 <= found[1].score < 1
    assert found[1].source_text == "Guardar los cambios"
    assert len(memory.matches("Guardar cambios", "quc", limit=1)) == 1


def test_approved_texts_of_the_same_language_are_matches_too(db_session):
    synced()
    admin, translator, reviewer = make_user(is_admin=True), make_user(), make_user()
    services.grant(actor=admin, user=translator, language="quc")
    services.grant(actor=admin, user=reviewer, language="quc", can_review=True)
    message = message_for("Propuestas")
    suggestion = services.suggest(author=translator, message=message, language="quc",
                                  forms=["[quc] Propuestas"])
    assert memory.matches("propuestas", "quc") == []  # pending: not a match yet
    services.approve(reviewer=reviewer, suggestion=suggestion)
    memory.import_pairs([pair("Propuestas", "[quc] from memory")])
    found = memory.matches("Propuestas", "quc")
    assert [(m.text, m.origin, m.source_name) for m in found] == [
        ("[quc] Propuestas", "approved", memory.APPROVED_SOURCE),
        ("[quc] from memory", "memory", "Test memory")]
    assert [m.text for m in memory.matches("Propuestas", "quc",
                                           exclude_message_id=message.id)] == [
        "[quc] from memory"]
    assert memory.matches("Propuestas", "mam") == []


def test_shipped_memories_import_once(db_session):
    if not memory.MEMORY_FOLDER.is_dir():
        pytest.skip(f"{memory.MEMORY_FOLDER} (the memories' shared data) is not on this machine")
    added = memory.import_shipped()
    assert added["cak"] > 1000 and added["quc"] > 100 and added["mam"] > 10
    assert sum(memory.import_shipped().values()) == 0
    names = {name for (name,) in db.session.execute(sa.select(MemoryEntry.source_name)
                                                    .distinct())}
    assert len(names) == 6


def test_the_command_imports_and_reports_per_language(app, runner, tmp_path):
    path = tmp_path / "m.po"
    path.write_text(PO, encoding="utf-8")
    result = runner.invoke(args=["translate", "import-memory", str(path)])
    assert result.exit_code != 0 and "licencia" in result.output
    args = ["translate", "import-memory", str(path), "--source", "Test PO", "--licence", "MIT"]
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    assert "mam: 1" in result.output
    assert "mam: 0" in runner.invoke(args=args).output
    result = runner.invoke(args=[*args, "--language", "quc"])
    assert "quc: 1" in result.output
