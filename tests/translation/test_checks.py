"""The checks a translation passes before it is saved (issue 14, item 4)."""

from __future__ import annotations

import pytest

from participa.translation import checks


@pytest.fixture(autouse=True)
def _context(app):
    with app.test_request_context():
        yield


def test_a_plain_translation_passes():
    assert checks.problems("Propuestas", None, ["[quc] Propuestas"]) == []


@pytest.mark.parametrize("form", ["[quc] %(name)s", "[quc] %(date)s %(name)s", "[quc] nada"])
def test_placeholders_must_be_the_same(form):
    found = checks.problems("Hola %(name)s", None, [form])
    if form == "[quc] %(name)s":
        assert found == []
    else:
        assert any("%(name)s" in problem for problem in found)


def test_every_plural_form_is_filled():
    found = checks.problems("%(num)d propuesta", "%(num)d propuestas", ["[quc] %(num)d x", ""])
    assert found and "plural" in found[0]


def test_the_singular_may_leave_the_number_out():
    assert checks.problems("Una propuesta", "%(num)d propuestas",
                           ["[quc] una", "[quc] %(num)d varias"]) == []


def test_markup_must_be_the_same():
    assert checks.problems("Lea <strong>esto</strong>", None, ["[quc] <em>x</em>"])
    assert checks.problems("Lea <strong>esto</strong>", None,
                           ["[quc] <strong>x</strong>"]) == []


@pytest.mark.parametrize("form", [" [quc] Buscar", "[quc] Buscar ", "[quc] Buscar\n"])
def test_outer_spaces_must_be_the_same(form):
    assert checks.problems("Buscar", None, [form])


def test_text_identical_to_the_spanish_needs_a_yes():
    assert checks.problems("Guatemala", None, ["Guatemala"])
    assert checks.problems("Guatemala", None, ["Guatemala"], identical_ok=True) == []
    # Nothing but a placeholder or punctuation may stay as it is.
    assert checks.problems("%(name)s:", None, ["%(name)s:"]) == []


@pytest.mark.parametrize(("typed", "saved"), [
    ("K\u2019iche\u2019", "K'iche'"),
    ("q\u02bcij", "q'ij"),
    ("K'iche'", "K'iche'"),
    # A quotation that a U+2018 opened is not a saltillo.
    ("\u2018ja\u2019 x", "\u2018ja\u2019 x"),
    ("\u2018K\u2019iche\u2019\u2019", "\u2018K'iche'\u2019"),
])
def test_the_apostrophe_is_normalised_never_taken_for_a_quote(typed, saved):
    assert checks.normalise_apostrophes(typed) == saved


def test_forbidden_terms_are_found_whatever_the_case_accents_and_apostrophe():
    assert checks.forbidden_terms(["[quc] Uk\u2019OLIK x"], ["uk'olik"]) == ["uk'olik"]
    assert checks.forbidden_terms(["[quc] Ukolikx"], ["uk'olik"]) == []
