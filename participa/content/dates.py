"""Months and days typed by people (the commitment template's dates), parsed by one rule.

A month is stored as the ``date`` of its first day (``<input type="month">``, WTForms'
``MonthField``), a day as a ``date`` (``<input type="date">``). Browsers without a month
picker show a text box, so the parser also accepts "11/2018", "noviembre 2018" and
"noviembre de 2018", or in English "November 2018" (and "30/08/2020" for a day). How they
read: ``i18n.dates``.
"""

from __future__ import annotations

import re
from datetime import date

from .text import fold

# Spanish month names, folded (no accents, lower case); "setiembre" is common in Central
# America. English names too: the English interface's hint says "November 2018".
_MONTHS = {
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
# On folded text ("2018-11" and "11/2018" fold to "2018 11" and "11 2018").
_ISO_MONTH = re.compile(r"([0-9]{4}) ([0-9]{1,2})")
_NUMERIC_MONTH = re.compile(r"([0-9]{1,2}) ([0-9]{4})")
_NAMED_MONTH = re.compile(r"([a-z]+) (?:de |del )?([0-9]{4})")
_ISO_DAY = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_NUMERIC_DAY = re.compile(r"([0-9]{1,2})\s*[/.-]\s*([0-9]{1,2})\s*[/.-]\s*([0-9]{4})")
MIN_YEAR, MAX_YEAR = 1990, 2100


def _valid(year: int, month: int, day: int = 1) -> date | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_month(text: str) -> date | None:
    """The first day of the month written in ``text`` ("2018-11", "11/2018", "noviembre
    2018", "Noviembre de 2018"), or None if it is not one."""
    value = fold(text or "")
    if match := _ISO_MONTH.fullmatch(value):
        return _valid(int(match[1]), int(match[2]))
    if match := _NUMERIC_MONTH.fullmatch(value):
        return _valid(int(match[2]), int(match[1]))
    if (match := _NAMED_MONTH.fullmatch(value)) and match[1] in _MONTHS:
        return _valid(int(match[2]), _MONTHS[match[1]])
    return None


def parse_day(text: str) -> date | None:
    """The day written in ``text`` ("2020-08-30", "30/08/2020"), or None."""
    value = (text or "").strip()
    if match := _ISO_DAY.fullmatch(value):
        return _valid(int(match[1]), int(match[2]), int(match[3]))
    if match := _NUMERIC_DAY.fullmatch(value):
        return _valid(int(match[3]), int(match[2]), int(match[1]))
    return None
