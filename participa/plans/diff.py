"""The differences between two versions of a commitment, section by section in the order of
the template, word by word. Pure functions: no database, no request.

A version is anything with the attributes of ``CommitmentVersion`` (and ``milestones`` and
``contacts`` lists of objects with the attributes of ``Milestone`` and ``Contact``).

- Text is split into words, runs of punctuation and runs of white space, and compared with
  ``difflib.SequenceMatcher`` (``autojunk`` off: long texts are full of spaces and common
  words, which must not be ignored). A space between two changes joins them, so "a b" -> "c d"
  reads as one deletion and one insertion rather than four. The time is bounded whatever the
  texts (``MAX_PAIRS``): long middles are compared by lines.
- Milestones are matched by their number (the template's No., which comments anchor to): a
  number only in the newer version is an added row, only in the older a removed row, in both a
  row changed (or not) cell by cell.
- Contacts have no number: they are aligned in order (``SequenceMatcher`` on whole rows), and
  within a block of replaced rows paired by position.

The templates render the segments with ``<del>``/``<ins>``, escaped.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l

from ..i18n import dates
from .template_sections import SECTIONS

EQUAL, DELETE, INSERT = "equal", "delete", "insert"
ADDED, REMOVED, CHANGED, UNCHANGED = "added", "removed", "changed", "unchanged"

_TOKEN = re.compile(r"\w+|[^\w\s]+|\s+")

# The parts of the sections that hold more than one field.
START, END = _l("Fecha de inicio"), _l("Fecha de término")
ACTORS_PUBLIC = _l("Actores de entidades públicas")
ACTORS_CIVIL = _l("OSC, sector privado, organizaciones multilaterales, grupos de trabajo")
MILESTONE_COLUMNS = (
    ("description", _l("Hito")),
    ("responsible", _l("Entidad responsable")),
    ("is_new", _l("Compromiso en curso o nuevo")),
    ("start_date", START),
    ("end_date", END),
)
CONTACT_COLUMNS = (
    ("name", _l("Nombre")),
    ("institution_post", _l("Institución y cargo")),
    ("email", _l("Correo electrónico")),
    ("phone", _l("Teléfono")),
)
NEW, ONGOING = _l("Nuevo"), _l("En curso")

DateText = Callable[[date | None], str]


def is_new_text(is_new: bool) -> str:
    return str(NEW if is_new else ONGOING)


@dataclass(frozen=True)
class Segment:
    kind: str  # EQUAL, DELETE or INSERT
    text: str


@dataclass(frozen=True)
class TextDiff:
    """One field: its label (None when it is the section's only field), both texts, and the
    segments from the old text to the new."""

    label: Any
    old: str
    new: str
    segments: tuple[Segment, ...]

    @property
    def changed(self) -> bool:
        return self.old != self.new


@dataclass(frozen=True)
class RowDiff:
    """A milestone or contact row: ``status`` ADDED, REMOVED, CHANGED or UNCHANGED."""

    status: str
    number: int | None  # the milestone's number (None for contacts)
    cells: tuple[TextDiff, ...]

    @property
    def changed(self) -> bool:
        return self.status != UNCHANGED


@dataclass(frozen=True)
class SectionDiff:
    key: str
    label: Any
    fields: tuple[TextDiff, ...] = ()
    rows: tuple[RowDiff, ...] = ()

    @property
    def changed(self) -> bool:
        return any(f.changed for f in self.fields) or any(r.changed for r in self.rows)

    @property
    def is_table(self) -> bool:
        return self.key in ("milestones", "contacts")


# Words -------------------------------------------------------------------------------------


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


# SequenceMatcher's time grows with the product of the lengths it compares, up to its cube
# when the texts share only small pieces ("a a a ..." against "b b b ...": 25 seconds for
# 2,000 characters, hours for 10,000; every visitor of the public diff page would pay it).
# So the common beginning and end are set aside first (an edit in a long text leaves a short
# middle), and a middle of more than MAX_PAIRS pairs of tokens is compared line by line; the
# lines replaced one for one are compared word by word the same way, and a part still too
# long is shown removed and added whole.
MAX_PAIRS = 10_000


def _matched(a: Sequence[str], b: Sequence[str]) -> list[tuple[str, str, str]]:
    """(tag, old text, new text) from SequenceMatcher's opcodes."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [(tag, "".join(a[i1:i2]), "".join(b[j1:j2]))
            for tag, i1, i2, j1, j2 in matcher.get_opcodes()]


def _common_ends(a: Sequence[str], b: Sequence[str]) -> tuple[int, int]:
    """How many tokens ``a`` and ``b`` share at their beginning, then at their end."""
    shortest = min(len(a), len(b))
    start = 0
    while start < shortest and a[start] == b[start]:
        start += 1
    end = 0
    while end < shortest - start and a[-1 - end] == b[-1 - end]:
        end += 1
    return start, end


def _changes(old: str, new: str, *, by_lines: bool = True) -> list[tuple[str, str, str]]:
    """(tag, old text, new text) turning ``old`` into ``new``, in bounded time."""
    a, b = tokens(old), tokens(new)
    start, end = _common_ends(a, b)
    head, tail = "".join(a[:start]), "".join(a[len(a) - end:])
    middle_a, middle_b = a[start:len(a) - end], b[start:len(b) - end]
    if not middle_a and not middle_b:
        middle = []
    elif len(middle_a) * len(middle_b) <= MAX_PAIRS:
        middle = _matched(middle_a, middle_b)
    elif by_lines:
        middle = _line_changes("".join(middle_a), "".join(middle_b))
    else:
        middle = [("replace", "".join(middle_a), "".join(middle_b))]
    return ([("equal", head, head)] if head else []) + middle + (
        [("equal", tail, tail)] if tail else [])


def _line_changes(old: str, new: str) -> list[tuple[str, str, str]]:
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    if len(a) * len(b) > MAX_PAIRS:
        return [("replace", old, new)]
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    raw = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace":
            raw.append((tag, "".join(a[i1:i2]), "".join(b[j1:j2])))
        elif i2 - i1 == j2 - j1:
            for old_line, new_line in zip(a[i1:i2], b[j1:j2], strict=True):
                raw.extend(_changes(old_line, new_line, by_lines=False))
        else:
            raw.extend(_changes("".join(a[i1:i2]), "".join(b[j1:j2]), by_lines=False))
    return raw


def diff_words(old: str, new: str) -> tuple[Segment, ...]:
    """Segments that turn ``old`` into ``new``: the equal parts, and each change as a
    deletion followed by an insertion. Joining the EQUAL and DELETE texts gives ``old``;
    joining the EQUAL and INSERT texts gives ``new``."""
    raw: list[tuple[str, str, str]] = []  # (tag, old text, new text), equal parts joined
    for tag, old_text, new_text in _changes(old, new):
        if tag == "equal" and raw and raw[-1][0] == "equal":
            raw[-1] = ("equal", raw[-1][1] + old_text, raw[-1][2] + new_text)
        else:
            raw.append((tag, old_text, new_text))

    segments: list[Segment] = []
    deleted: list[str] = []
    inserted: list[str] = []

    def flush() -> None:
        if deleted:
            segments.append(Segment(DELETE, "".join(deleted)))
        if inserted:
            segments.append(Segment(INSERT, "".join(inserted)))
        deleted.clear()
        inserted.clear()

    for index, (tag, old_text, new_text) in enumerate(raw):
        if tag == "equal":
            between_changes = 0 < index < len(raw) - 1
            if between_changes and not old_text.strip() and (deleted or inserted):
                # Only white space between two changes: part of both.
                deleted.append(old_text)
                inserted.append(new_text)
                continue
            flush()
            segments.append(Segment(EQUAL, old_text))
            continue
        if old_text:
            deleted.append(old_text)
        if new_text:
            inserted.append(new_text)
    flush()
    return tuple(segments)


def text_diff(old: str, new: str, label: Any = None) -> TextDiff:
    old, new = old or "", new or ""
    return TextDiff(label, old, new, diff_words(old, new))


# Rows --------------------------------------------------------------------------------------


def _row_texts(row: Any, columns, month: DateText) -> list[str]:
    texts = []
    for name, _label in columns:
        value = getattr(row, name)
        if name == "is_new":
            texts.append(is_new_text(value))
        elif isinstance(value, date):
            texts.append(month(value))
        else:
            texts.append(value or "")
    return texts


def _row(status: str, number: int | None, columns, old: list[str] | None,
         new: list[str] | None) -> RowDiff:
    old = old if old is not None else [""] * len(columns)
    new = new if new is not None else [""] * len(columns)
    cells = tuple(
        text_diff(o, n, label) for (_name, label), o, n in zip(columns, old, new, strict=True)
    )
    return RowDiff(status, number, cells)


def milestone_rows(old: Sequence[Any], new: Sequence[Any],
                   month: DateText = dates.month_text) -> tuple[RowDiff, ...]:
    """Matched by number, in number order."""
    before = {m.number: _row_texts(m, MILESTONE_COLUMNS, month) for m in old}
    after = {m.number: _row_texts(m, MILESTONE_COLUMNS, month) for m in new}
    rows = []
    for number in sorted(before.keys() | after.keys()):
        if number not in before:
            status = ADDED
        elif number not in after:
            status = REMOVED
        else:
            status = UNCHANGED if before[number] == after[number] else CHANGED
        rows.append(_row(status, number, MILESTONE_COLUMNS, before.get(number),
                         after.get(number)))
    return tuple(rows)


def contact_rows(old: Sequence[Any], new: Sequence[Any]) -> tuple[RowDiff, ...]:
    """Aligned in order; replaced rows paired by position."""
    before = [_row_texts(c, CONTACT_COLUMNS, dates.month_text) for c in old]
    after = [_row_texts(c, CONTACT_COLUMNS, dates.month_text) for c in new]
    matcher = difflib.SequenceMatcher(
        None, [tuple(r) for r in before], [tuple(r) for r in after], autojunk=False
    )
    rows: list[RowDiff] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows.extend(_row(UNCHANGED, None, CONTACT_COLUMNS, before[i], before[i])
                        for i in range(i1, i2))
            continue
        olds, news = before[i1:i2], after[j1:j2]
        for k in range(max(len(olds), len(news))):
            o = olds[k] if k < len(olds) else None
            n = news[k] if k < len(news) else None
            status = CHANGED if o is not None and n is not None else (
                REMOVED if n is None else ADDED
            )
            rows.append(_row(status, None, CONTACT_COLUMNS, o, n))
    return tuple(rows)


# Versions ----------------------------------------------------------------------------------


def diff_versions(old: Any, new: Any, *, month: DateText = dates.month_text,
                  day: DateText = dates.day_text) -> list[SectionDiff]:
    """Every section of the template, in order, from version ``old`` to version ``new``."""
    sections = []
    for key, label in SECTIONS:
        if key == "dates":
            fields = (
                text_diff(month(old.start_date), month(new.start_date), START),
                text_diff(day(old.end_date), day(new.end_date), END),
            )
            sections.append(SectionDiff(key, label, fields=fields))
        elif key == "other_actors":
            fields = (
                text_diff(old.other_actors_public, new.other_actors_public, ACTORS_PUBLIC),
                text_diff(old.other_actors_civil, new.other_actors_civil, ACTORS_CIVIL),
            )
            sections.append(SectionDiff(key, label, fields=fields))
        elif key == "milestones":
            sections.append(SectionDiff(
                key, label, rows=milestone_rows(old.milestones, new.milestones, month)
            ))
        elif key == "contacts":
            sections.append(SectionDiff(key, label, rows=contact_rows(old.contacts,
                                                                      new.contacts)))
        else:
            sections.append(SectionDiff(
                key, label, fields=(text_diff(getattr(old, key), getattr(new, key)),)
            ))
    return sections
