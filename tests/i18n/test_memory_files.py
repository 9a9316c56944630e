"""Reading translation memories from TMX and PO files (participa.i18n.memory_files), and the
memories of the shared folder (each says its source, licence and commit)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from participa.i18n.memory_files import MemoryFileError, MemoryPair, read_memory
from participa.translation.memory import MEMORY_FOLDER

MEMORY = MEMORY_FOLDER  # data taken from other projects: beside the repository, not in it

PROPS = """
    <prop type="x-source">Test memory</prop>
    <prop type="x-licence">MPL-2.0</prop>"""


def tmx(body: str, *, srclang: str = "es-GT", props: str = PROPS) -> str:
    """A TMX 1.4 file with these translation units (``<tu>``) and header properties."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="test" creationtoolversion="1" datatype="plaintext" segtype="sentence"
          adminlang="en" srclang="{srclang}" o-tmf="po">{props}
  </header>
  <body>{body}
  </body>
</tmx>
"""


TMX = tmx("""
    <tu tuid="search">
      <tuv xml:lang="es-GT"><seg>Buscar</seg></tuv>
      <tuv xml:lang="quc"><seg>[quc] Buscar</seg></tuv>
    </tu>
    <tu tuid="apostrophe">
      <tuv xml:lang="quc"><seg>[quc] a\u2019b \u02bcc</seg></tuv>
      <tuv xml:lang="es-GT"><seg>Propuestas &amp; apoyos</seg></tuv>
    </tu>
    <tu tuid="empty">
      <tuv xml:lang="es-GT"><seg>Vacío</seg></tuv>
      <tuv xml:lang="quc"><seg> </seg></tuv>
    </tu>
    <tu tuid="no-target"><tuv xml:lang="es-GT"><seg>Solo</seg></tuv></tu>""")

PO = """# A test memory.
msgid ""
msgstr ""
"Language: mam\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"X-Source: Test PO memory\\n"
"X-Licence: MIT\\n"

msgid "Buscar"
msgstr "[mam] Buscar"

#, fuzzy
msgid "Guardar"
msgstr "[mam] Guardar"

msgid "Vacío"
msgstr ""

msgid "%(n)s propuesta"
msgid_plural "%(n)s propuestas"
msgstr[0] "[mam] %(n)s propuesta"
msgstr[1] "[mam] %(n)s propuestas"

msgid "%(n)s apoyo"
msgid_plural "%(n)s apoyos"
msgstr[0] "[mam] %(n)s apoyo"
msgstr[1] ""
"""


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_tmx_pairs_with_source_and_licence_from_the_header(tmp_path):
    pairs = read_memory(write(tmp_path, "m.tmx", TMX))
    assert pairs == [
        MemoryPair("Buscar", "[quc] Buscar", "quc", "Test memory", "MPL-2.0"),
        # The target's apostrophes become U+0027; the order of the <tuv> does not matter.
        MemoryPair("Propuestas & apoyos", "[quc] a'b 'c", "quc", "Test memory", "MPL-2.0"),
    ]


def test_tmx_target_language_can_be_chosen(tmp_path):
    text = TMX.replace('<tuv xml:lang="quc"><seg>[quc] Buscar</seg></tuv>',
                       '<tuv xml:lang="quc"><seg>[quc] Buscar</seg></tuv>'
                       '<tuv xml:lang="cak"><seg>[cak] Buscar</seg></tuv>')
    path = write(tmp_path, "m.tmx", text)
    assert [(p.language, p.target_text) for p in read_memory(path, language="cak")] == [
        ("cak", "[cak] Buscar")]
    assert [p.target_text for p in read_memory(path)][0] == "[quc] Buscar"


def test_tmx_without_props_names_no_source(tmp_path):
    text = tmx('<tu><tuv xml:lang="es"><seg>Buscar</seg></tuv>'
               '<tuv xml:lang="quc"><seg>[quc] Buscar</seg></tuv></tu>', srclang="es", props="")
    pair = read_memory(write(tmp_path, "m.tmx", text))[0]
    assert (pair.source_name, pair.licence) == (None, None)


@pytest.mark.parametrize("text", [
    "<tmx version='1.4'><body/></tmx>",
    "not xml at all",
    '<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaa">]><tmx><header/><body/></tmx>',
])
def test_broken_tmx_is_refused(tmp_path, text):
    with pytest.raises(MemoryFileError):
        read_memory(write(tmp_path, "m.tmx", text))


def test_po_pairs_spanish_msgid_with_the_translation(tmp_path):
    pairs = read_memory(write(tmp_path, "m.po", PO))
    assert pairs == [
        MemoryPair("Buscar", "[mam] Buscar", "mam", "Test PO memory", "MIT"),
        MemoryPair("%(n)s propuesta", "[mam] %(n)s propuesta", "mam", "Test PO memory", "MIT"),
        MemoryPair("%(n)s propuestas", "[mam] %(n)s propuestas", "mam", "Test PO memory",
                   "MIT"),
    ]


def test_po_language_from_the_argument_when_the_header_has_none(tmp_path):
    path = write(tmp_path, "m.po", PO.replace('"Language: mam\\n"\n', ""))
    with pytest.raises(MemoryFileError):
        read_memory(path)
    assert {p.language for p in read_memory(path, language="quc")} == {"quc"}


def shipped():
    return sorted(MEMORY.glob("*.tmx"))


def test_memories_are_shipped():
    if not MEMORY.is_dir():
        pytest.skip(f"{MEMORY} (the shared data folder of the memories) is not on this machine")
    assert {path.name.split(".")[1] for path in shipped()} >= {"cak", "quc", "mam"}


@pytest.mark.parametrize("path", shipped(), ids=lambda path: path.name)
def test_each_shipped_memory_names_its_source_licence_and_commit(path):
    header = ET.parse(path).getroot().find("header")  # noqa: S314 - our own shipped file
    props = {prop.get("type"): prop.text for prop in header.findall("prop")}
    assert props["x-licence"] in {"MPL-2.0", "MIT", "BSD-2-Clause"}
    assert props["x-repository"].startswith("https://github.com/")
    assert len(props["x-commit"]) == 40
    pairs = read_memory(path)
    language = path.name.split(".")[1]
    assert pairs and {p.language for p in pairs} == {language}
    assert {(p.source_name, p.licence) for p in pairs} == {(props["x-source"],
                                                             props["x-licence"])}
    assert not any(char in p.target_text for p in pairs for char in "\u2019\u02bc")
    assert path.name in (MEMORY / "README.md").read_text(encoding="utf-8")
