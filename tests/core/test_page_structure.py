"""The page-structure check the security walk applies to every page catches what it must."""

from __future__ import annotations

from ..page_structure import table_problems

GOOD = ('<h2 id="t">Eventos</h2><div class="table-wrap" role="group" aria-labelledby="t" '
        'tabindex="0"><table><tr><td>1</td></tr></table></div>')


def test_a_table_in_a_named_focusable_box_passes():
    assert table_problems(GOOD) == []
    assert table_problems('<table class="template"><tr><td>texto</td></tr></table>') == []


def test_a_bare_table_an_unfocusable_box_and_a_missing_name_are_caught():
    assert table_problems("<table><tr><td>1</td></tr></table>") == [
        "table 1 is not in a scrolling box"]
    assert table_problems(GOOD.replace(' tabindex="0"', "")) == [
        "the box of table 1 is not focusable (tabindex=0, role=group)"]
    assert table_problems(GOOD.replace('id="t"', 'id="u"')) == [
        "a table's box is named by #t, which the page lacks"]
    assert table_problems(GOOD.replace(' aria-labelledby="t"', "")) == [
        "the box of table 1 has no name"]
