"""The public diff page compares whatever the versions hold: texts of up to 10,000 characters
that share only small pieces once made the word diff take hours. Whatever the texts, the diff
finishes (no timing is asserted: a regression hangs this test) and still rebuilds both."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from participa.plans.diff import DELETE, EQUAL, INSERT, diff_words
from participa.plans.versions import TEXT_MAX

from .fuzzing import EXAMPLES, SEEDS

# Few distinct tokens, so that the texts share many small pieces.
_PIECES = st.sampled_from(["a", "b", " ", "\n", "de", "la", ",", "x y"])
LONG_TEXT = st.lists(_PIECES, max_size=TEXT_MAX // 2).map("".join)


# No database here: one run, as many examples as the two databases' fuzz runs draw together.
@settings(max_examples=EXAMPLES * len(SEEDS))
@given(LONG_TEXT, LONG_TEXT)
@example("a " * (TEXT_MAX // 2), "b " * (TEXT_MAX // 2))
@example("a\n" * (TEXT_MAX // 2), "b\n" * (TEXT_MAX // 2))
@example("a x\n" * (TEXT_MAX // 4), "b x\n" * (TEXT_MAX // 4))
@example("de la " * (TEXT_MAX // 6), "la de " * (TEXT_MAX // 6))
@example("uno dos\n" * 900, "uno tres\n" * 900)
def test_any_two_texts_are_compared_and_rebuilt(old, new):
    segments = diff_words(old, new)
    assert "".join(s.text for s in segments if s.kind in (EQUAL, DELETE)) == old
    assert "".join(s.text for s in segments if s.kind in (EQUAL, INSERT)) == new
    assert all(s.text for s in segments)
    assert all(a.kind != b.kind for a, b in zip(segments, segments[1:], strict=False))


def test_an_edit_in_a_long_text_is_still_word_by_word():
    old = "\n".join(f"Párrafo {n}: " + "la gestión de los datos abiertos " * 8
                    for n in range(30))
    new = old.replace("gestión", "publicación", 1).replace("abiertos", "públicos", 200)
    changes = [(s.kind, s.text.strip()) for s in diff_words(old, new) if s.kind != EQUAL]
    assert changes[:2] == [(DELETE, "gestión"), (INSERT, "publicación")]
    assert {text for _kind, text in changes[2:]} == {"abiertos", "públicos"}
