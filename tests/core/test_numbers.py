"""The one rule for whole numbers that arrive as text."""

from __future__ import annotations

import pytest

from participa.content.numbers import MAX_ID, whole_number


@pytest.mark.parametrize("text, expected", [
    ("1", 1), ("007", 7), ("100", 100), (str(MAX_ID), MAX_ID),
])
def test_ascii_digits_within_range_are_read(text, expected):
    maximum = MAX_ID if expected == MAX_ID else 100
    assert whole_number(text, maximum=maximum) == expected


@pytest.mark.parametrize("text", [
    None, "", "0", "101", "-1", "+7", " 7", "7 ", "1_0", "1e2", "0x10", "²", "١٢", "１", "7.0",
    "9" * 5000,  # int() would raise: more than 4,300 digits
])
def test_anything_else_is_none(text):
    assert whole_number(text, maximum=100) is None


def test_a_minimum_of_zero_admits_zero():
    assert whole_number("0", minimum=0, maximum=5) == 0
    assert whole_number(str(MAX_ID + 1), maximum=MAX_ID) is None
