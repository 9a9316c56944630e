"""Translation memory: importing openly licensed human translations, and the matches shown
beside a message in the workspace.

A memory entry, like an approved text of another message, is only ever a suggestion: a
translator accepts it (a pending suggestion, origin "memory") and a reviewer approves it
before anyone sees it on a page. Nothing here writes a translation.

- ``import_pairs`` / ``import_file``: pairs read by ``i18n.memory_files`` (TMX or PO) become
  ``MemoryEntry`` rows, each with its source and SPDX licence (from the file or given);
  importing the same file again adds nothing. ``import_shipped`` imports the memories of
  the shared data folder (``MEMORY_FOLDER``: ``../shared/memory`` beside the repository,
  where the pairs built from the sources are kept; they are data fetched from other
  projects, so the repository does not carry them). The demo load does, unaudited like the
  rest of its data.
- ``matches(text, language)``: the memory entries and the approved suggestions of the same
  language whose Spanish is the same text (case, accents, the three apostrophes and spacing
  aside: ``exact``) or close to it (a similarity ratio of at least ``CLOSE``: ``close``).
  Candidates are picked in SQL, on SQLite and PostgreSQL alike, by a band of lengths and one
  shared word (a ``LIKE`` pattern whose vowels match any letter, so accents do not matter);
  only they are compared in Python.
"""

from __future__ import annotations

import difflib
import hashlib
import math
import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from flask_babel import gettext as _

from ..audit.services import record
from ..base import ROOT
from ..base.errors import Invalid
from ..base.extensions import db
from ..content.text import APOSTROPHES, fold
from ..i18n.memory_files import MemoryPair, read_memory
from .models import MemoryEntry, SourceMessage, Suggestion, SuggestionStatus

# The openly licensed memories as TMX files, with their README (sources, commits, licences)
# and LICENSES: kept beside the repository, not in it.
MEMORY_FOLDER = Path(os.environ.get("PARTICIPA_MEMORY_FOLDER")
                     or ROOT.parent / "shared" / "memory")
CLOSE = 0.75
# A ratio of CLOSE needs the shorter text to be at least this share of the longer one
# (ratio = 2 * matched / (a + b) and matched <= the shorter length).
_LENGTH_SHARE = CLOSE / (2 - CLOSE)
_WORDS = 5  # the longest words of the message, one of which a candidate must contain
_CANDIDATES = 300  # per kind of candidate, at most
# What the workspace names as the source of an approved text of another message.
APPROVED_SOURCE = "Participa"
APPROVED_LICENCE = "AGPL-3.0-or-later"

_APOSTROPHE_RE = re.compile(f"[{APOSTROPHES}]")
_LIKE_VOWELS = re.compile(r"[aeiouyn]")  # n: ñ folds to n


@dataclass(frozen=True)
class Match:
    text: str  # the translation offered
    source_name: str
    licence: str
    score: float  # 1.0 for an exact match
    kind: str  # "exact" or "close"
    source_text: str = ""  # the Spanish it translates
    origin: str = "memory"  # "memory" (an imported entry) or "approved" (another message)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def comparable(text: str) -> str:
    """The text as an exact match sees it: case, accents, apostrophes and runs of spaces do
    not count; punctuation and placeholders do."""
    text = _APOSTROPHE_RE.sub("", text or "")
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


# -- import ---------------------------------------------------------------------------------


def import_pairs(pairs: list[MemoryPair], *, source_name: str | None = None,
                 licence: str | None = None, origin: str = "", audited: bool = True
                 ) -> Counter[str]:
    """Add the pairs not already stored; the number added per language (audited, one event
    per language, unless it is the demo's load). ``source_name`` and ``licence`` override the
    file's; a pair without either is refused (``Invalid``), and then nothing is added."""
    rows: dict[tuple[str, str, str, str], MemoryEntry] = {}
    for pair in pairs:
        name = (source_name or pair.source_name or "").strip()
        spdx = (licence or pair.licence or "").strip()
        if not name or not spdx:
            raise Invalid(_("Cada entrada de memoria necesita su fuente y su licencia: el "
                            "archivo no las dice; indíquelas."), field="source")
        source, target = pair.source_text.strip(), pair.target_text.strip()
        if not source or not target:
            continue
        key = (pair.language, digest(source), digest(target), name[:200])
        rows.setdefault(key, MemoryEntry(
            language=pair.language, source_text=source, target_text=target,
            source_hash=key[1], target_hash=key[2], source_length=len(source),
            source_name=name[:200], licence=spdx[:64], origin=origin[:300]))
    added: Counter[str] = Counter()
    for language in sorted({key[0] for key in rows}):
        names = {key[3] for key in rows if key[0] == language}
        stored = set(db.session.execute(
            sa.select(MemoryEntry.source_hash, MemoryEntry.target_hash, MemoryEntry.source_name)
            .where(MemoryEntry.language == language, MemoryEntry.source_name.in_(names))
        ).all())
        new = [row for key, row in rows.items() if key[0] == language and key[1:] not in stored]
        db.session.add_all(new)
        added[language] = len(new)
        if new and audited:
            db.session.flush()
            record(actor=None, action="translation.import_memory", target=new[0],
                   label=f"{language}: {len(new)} ({new[0].source_name})"[:255],
                   after={"language": language, "added": len(new),
                          "source": new[0].source_name, "licence": new[0].licence,
                          "origin": origin[:300]}, from_request=False)
    return added


def import_file(path: Path, *, language: str | None = None, source_name: str | None = None,
                licence: str | None = None, audited: bool = True) -> Counter[str]:
    return import_pairs(read_memory(path, language=language), source_name=source_name,
                        licence=licence, origin=Path(path).name, audited=audited)


def import_shipped(folder: Path = MEMORY_FOLDER, *, audited: bool = True) -> Counter[str]:
    """Every memory of the shared folder (idempotent; nothing when there is no folder)."""
    added: Counter[str] = Counter()
    for path in sorted(folder.glob("*.tmx")):
        added.update(import_file(path, audited=audited))
    return added


# -- matches --------------------------------------------------------------------------------


def _length_band(length: int) -> tuple[int, int]:
    return max(1, math.floor(length * _LENGTH_SHARE)), math.ceil(length / _LENGTH_SHARE) + 2


def _word_patterns(text: str) -> list[str]:
    """LIKE patterns for the longest words of the text: vowels (which carry the accents) match
    any one character, so ``búsqueda`` finds ``Busqueda``; apostrophes split words."""
    words = sorted({word for word in fold(_APOSTROPHE_RE.sub(" ", text)).split() if len(word) >= 3},
                   key=lambda word: (-len(word), word))[:_WORDS]
    return [f"%{_LIKE_VOWELS.sub('_', word.replace('_', ''))}%" for word in words]


def _prefilter(column: sa.ColumnElement[str], length: sa.ColumnElement[int], text: str
               ) -> list[sa.ColumnElement[bool]]:
    low, high = _length_band(len(text))
    patterns = _word_patterns(text)
    if not patterns:  # "Sí", "%(n)s": only texts of about the same length
        low, high = max(1, len(text) - 2), len(text) + 2
    conditions = [length.between(low, high)]
    if patterns:
        conditions.append(sa.or_(*(column.ilike(pattern) for pattern in patterns)))
    return conditions


def _memory_candidates(text: str, language: str) -> list[tuple[str, str, str, str, str]]:
    rows = db.session.execute(
        sa.select(MemoryEntry.source_text, MemoryEntry.target_text, MemoryEntry.source_name,
                  MemoryEntry.licence)
        .where(MemoryEntry.language == language,
               *_prefilter(MemoryEntry.source_text, MemoryEntry.source_length, text))
        .order_by(sa.func.abs(MemoryEntry.source_length - len(text)), MemoryEntry.id)
        .limit(_CANDIDATES)
    ).all()
    return [(source, target, name, licence, "memory") for source, target, name, licence in rows]


def _approved_candidates(text: str, language: str, exclude_message_id: int | None
                         ) -> list[tuple[str, str, str, str, str]]:
    query = (
        sa.select(SourceMessage.msgid, Suggestion.forms)
        .join(Suggestion, Suggestion.message_id == SourceMessage.id)
        .where(Suggestion.language == language, Suggestion.status == SuggestionStatus.APPROVED,
               *_prefilter(SourceMessage.msgid, sa.func.length(SourceMessage.msgid), text))
        .order_by(sa.func.abs(sa.func.length(SourceMessage.msgid) - len(text)), Suggestion.id)
        .limit(_CANDIDATES)
    )
    if exclude_message_id is not None:
        query = query.where(SourceMessage.id != exclude_message_id)
    return [(msgid, forms[0], APPROVED_SOURCE, APPROVED_LICENCE, "approved")
            for msgid, forms in db.session.execute(query).all() if forms and forms[0]]


def matches(message_text: str, language: str, limit: int = 5, *,
            exclude_message_id: int | None = None) -> list[Match]:
    """Exact then close matches for a Spanish message, best first: approved texts of other
    messages before imported memories at the same score; one per translation and source."""
    wanted = comparable(message_text)
    if not wanted:
        return []
    found: dict[tuple[str, str], Match] = {}
    candidates = (_approved_candidates(message_text, language, exclude_message_id)
                  + _memory_candidates(message_text, language))
    for source, target, name, licence, origin in candidates:
        other = comparable(source)
        if other == wanted:
            score, kind = 1.0, "exact"
        else:
            matcher = difflib.SequenceMatcher(None, wanted, other, autojunk=False)
            if matcher.real_quick_ratio() < CLOSE or matcher.quick_ratio() < CLOSE:
                continue
            score, kind = matcher.ratio(), "close"
            if score < CLOSE:
                continue
        key = (target, name)
        if key not in found or found[key].score < score:
            found[key] = Match(text=target, source_name=name, licence=licence,
                               score=round(score, 3), kind=kind, source_text=source,
                               origin=origin)
    ranked = sorted(found.values(), key=lambda match: (
        -match.score, match.origin != "approved", match.source_name, match.text))
    return ranked[:limit]
