"""Dates and times as people read them, in the language of the page: a moment in Guatemala
time ("15 de marzo de 2026, 09:00"), a month ("noviembre de 2018") and a day ("30 de agosto
de 2020"). Month and day names come from the es_GT locale data, which every interface
language uses (see ``babel_locales``). UTC, the zone and the conversions: ``base.time``.
"""

from __future__ import annotations

from datetime import date, datetime

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_skeleton
from flask import has_request_context
from flask_babel import format_date, format_time, get_locale

from .selection import memoized_format

_FALLBACK = "es_GT"


@memoized_format
def format_local(value: datetime | None) -> str:
    """"15 de marzo de 2026, 09:00": the long es_GT date and a 24-hour time, in Guatemala."""
    if value is None:
        return ""
    return f"{format_date(value, 'long')}, {format_time(value, 'HH:mm')}"


def _locale() -> Locale:
    if has_request_context():
        locale = get_locale()
        if locale is not None:
            return locale
    return Locale.parse(_FALLBACK)


def month_text(value: date | None) -> str:
    """"noviembre de 2018"; "" for None."""
    if value is None:
        return ""
    return format_skeleton("yMMMM", value, locale=_locale())


def day_text(value: date | None) -> str:
    """"30 de agosto de 2020"; "" for None."""
    if value is None:
        return ""
    return babel_format_date(value, "long", locale=_locale())
