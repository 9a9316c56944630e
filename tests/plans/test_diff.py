"""The pure diff of two versions: words, milestones matched by number, contacts in order,
sections in the template's order. No database."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from participa.plans.diff import (
    ADDED,
    CHANGED,
    DELETE,
    EQUAL,
    INSERT,
    REMOVED,
    UNCHANGED,
    contact_rows,
    diff_versions,
    diff_words,
    milestone_rows,
    tokens,
)
from participa.plans.template_sections import SECTIONS
from participa.plans.versions import VERSION_FIELDS


def _kinds(segments):
    return [(s.kind, s.text) for s in segments]


def _old(segments):
    return "".join(s.text for s in segments if s.kind != INSERT)


def _new(segments):
    return "".join(s.text for s in segments if s.kind != DELETE)


# Words -------------------------------------------------------------------------------------


def test_tokens_are_words_punctuation_and_spaces():
    assert tokens("Hola, mundo  libre.\n¿Sí?") == [
        "Hola", ",", " ", "mundo", "  ", "libre", ".", "\n", "¿", "Sí", "?",
    ]


def test_one_word_replaced():
    assert _kinds(diff_words("el plan de acción", "el plan de trabajo")) == [
        (EQUAL, "el plan de "), (DELETE, "acción"), (INSERT, "trabajo"),
    ]


def test_words_added_and_removed():
    assert _kinds(diff_words("publicar datos abiertos", "publicar los datos")) == [
        (EQUAL, "publicar "), (INSERT, "los "), (EQUAL, "datos"), (DELETE, " abiertos"),
    ]


def test_a_space_between_two_changes_joins_them():
    assert _kinds(diff_words("a b c d", "a x y d")) == [
        (EQUAL, "a "), (DELETE, "b c"), (INSERT, "x y"), (EQUAL, " d"),
    ]


def test_punctuation_is_its_own_token():
    assert _kinds(diff_words("El problema, grave.", "El problema grave.")) == [
        (EQUAL, "El problema"), (DELETE, ","), (EQUAL, " grave."),
    ]


def test_empty_texts():
    assert diff_words("", "") == ()
    assert _kinds(diff_words("", "nuevo texto")) == [(INSERT, "nuevo texto")]
    assert _kinds(diff_words("texto viejo", "")) == [(DELETE, "texto viejo")]
    assert _kinds(diff_words("igual", "igual")) == [(EQUAL, "igual")]


def test_long_texts_are_compared_word_by_word():
    """autojunk is off: in a long text, frequent tokens (spaces, "de") still match."""
    old = " ".join(["de la gestión municipal"] * 100)
    new = old.replace("gestión", "administración", 1)
    segments = diff_words(old, new)
    assert [s for s in segments if s.kind != EQUAL] == [
        type(segments[0])(DELETE, "gestión"), type(segments[0])(INSERT, "administración"),
    ]


@given(st.text(alphabet="ab ,.\nñá", max_size=40), st.text(alphabet="ab ,.\nñá", max_size=40))
def test_segments_rebuild_both_texts(old, new):
    segments = diff_words(old, new)
    assert _old(segments) == old
    assert _new(segments) == new
    # Neighbours never have the same kind, and nothing is empty.
    assert all(s.text for s in segments)
    assert all(a.kind != b.kind for a, b in zip(segments, segments[1:], strict=False))


# Milestones and contacts ---------------------------------------------------------------------


def _milestone(number, description="Hito", responsible="INFOM", is_new=True,
               start=date(2018, 11, 1), end=date(2020, 8, 1)):
    return SimpleNamespace(number=number, description=description, responsible=responsible,
                           is_new=is_new, start_date=start, end_date=end)


def _contact(name, post="", email="", phone=""):
    return SimpleNamespace(name=name, institution_post=post, email=email, phone=phone)


def test_milestones_are_matched_by_number():
    old = [_milestone(1, "Uno"), _milestone(2, "Dos"), _milestone(3, "Tres")]
    new = [_milestone(1, "Uno"), _milestone(3, "Tres cambiado", is_new=False),
           _milestone(4, "Cuatro")]
    rows = milestone_rows(old, new)
    assert [(r.number, r.status) for r in rows] == [
        (1, UNCHANGED), (2, REMOVED), (3, CHANGED), (4, ADDED),
    ]
    removed, changed, added = rows[1], rows[2], rows[3]
    assert removed.cells[0].old == "Dos" and removed.cells[0].new == ""
    assert _kinds(removed.cells[0].segments) == [(DELETE, "Dos")]
    assert _kinds(added.cells[0].segments) == [(INSERT, "Cuatro")]
    description, responsible, is_new, start, end = changed.cells
    assert _kinds(description.segments) == [(EQUAL, "Tres"), (INSERT, " cambiado")]
    assert not responsible.changed
    assert (is_new.old, is_new.new) == ("Nuevo", "En curso")
    assert (start.new, end.new) == ("noviembre de 2018", "agosto de 2020")
    assert not start.changed and not end.changed


def test_milestone_dates_changed():
    [row] = milestone_rows([_milestone(1)], [_milestone(1, end=date(2020, 9, 1))])
    assert row.status == CHANGED
    assert _kinds(row.cells[4].segments) == [
        (DELETE, "agosto"), (INSERT, "septiembre"), (EQUAL, " de 2020"),
    ]


def test_renumbering_a_milestone_is_a_removal_and_an_addition():
    rows = milestone_rows([_milestone(1, "Igual")], [_milestone(2, "Igual")])
    assert [(r.number, r.status) for r in rows] == [(1, REMOVED), (2, ADDED)]


def test_contacts_are_aligned_in_order():
    a, b, c = _contact("Ana", "MINFIN"), _contact("Beto", "INFOM"), _contact("Carla", "CGC")
    rows = contact_rows([a, b, c], [a, c])
    assert [r.status for r in rows] == [UNCHANGED, REMOVED, UNCHANGED]
    rows = contact_rows([a, c], [a, b, c])
    assert [r.status for r in rows] == [UNCHANGED, ADDED, UNCHANGED]
    rows = contact_rows([a, b], [a, _contact("Beto", "INFOM, gerente")])
    assert [r.status for r in rows] == [UNCHANGED, CHANGED]
    assert _kinds(rows[1].cells[1].segments) == [(EQUAL, "INFOM"), (INSERT, ", gerente")]
    assert not rows[1].cells[0].changed
    assert [r.status for r in contact_rows([], [])] == []
    assert [r.status for r in contact_rows([a], [b, c])] == [CHANGED, ADDED]


# Versions --------------------------------------------------------------------------------


def _version(**changes):
    values = {name: "" for name in VERSION_FIELDS}
    values.update(title="Título", start_date=date(2018, 11, 1), end_date=date(2020, 8, 30),
                  problem="El problema de siempre.", milestones=[_milestone(1, "Uno")],
                  contacts=[_contact("Ana")])
    values.update(changes)
    return SimpleNamespace(**values)


def test_every_section_in_the_template_order():
    sections = diff_versions(_version(), _version())
    assert [s.key for s in sections] == [key for key, _label in SECTIONS]
    assert not any(s.changed for s in sections)
    dates_section = sections[1]
    assert [(f.old, f.new) for f in dates_section.fields] == [
        ("noviembre de 2018", "noviembre de 2018"),
        ("30 de agosto de 2020", "30 de agosto de 2020"),
    ]


def test_only_the_changed_sections_are_changed():
    old = _version()
    new = _version(problem="El problema de nunca.", other_actors_civil="ICEFI",
                   milestones=[_milestone(1, "Uno"), _milestone(2, "Dos")],
                   end_date=date(2020, 8, 31))
    changed = {s.key: s for s in diff_versions(old, new) if s.changed}
    assert set(changed) == {"problem", "milestones", "other_actors", "dates"}
    assert _kinds(changed["problem"].fields[0].segments) == [
        (EQUAL, "El problema de "), (DELETE, "siempre"), (INSERT, "nunca"), (EQUAL, "."),
    ]
    public, civil = changed["other_actors"].fields
    assert not public.changed and civil.changed
    start, end = changed["dates"].fields
    assert not start.changed
    assert _kinds(end.segments) == [(DELETE, "30"), (INSERT, "31"), (EQUAL, " de agosto de 2020")]
    assert [r.status for r in changed["milestones"].rows] == [UNCHANGED, ADDED]


@pytest.mark.parametrize("payload", ['<script>alert("x")</script>', "<b>&amp;</b>"])
def test_markup_stays_text(payload):
    """The diff holds text; escaping is the template's job (tested on the page)."""
    [section] = [s for s in diff_versions(_version(), _version(problem=payload))
                 if s.key == "problem"]
    assert _new(section.fields[0].segments) == payload
