"""Dates and times as people read them, in the language of the page: a moment in Guatemala
time ("15 de marzo de 2026, 09:00"; in English "March 15, 2026, 9:00 AM"), a month
("noviembre de 2018", "November 2018"), a day ("30 de agosto de 2020", "August 30, 2020")
and a time of day ("09:00", "9:00 AM"). Names and order come from the language's format
locale (``Language.format_locale``): es_GT for Spanish and the languages Babel knows only as
its aliases (``babel_locales``), Babel's ``en`` for English; Spanish keeps Guatemala's
24-hour clock. A formatted date goes into a whole translated sentence as a named
placeholder ("hasta el %(date)s"), never glued to Spanish words, so that each language
orders its own sentence. UTC, the zone and the conversions: ``base.time``.
"""

from __future__ import annotations

from datetime import date, datetime

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_skeleton
from flask_babel import format_date, format_time, get_locale

from .languages import BY_CODE, FORMAT_LOCALE
from .marking import in_format_language
from .selection import memoized_format


def _locale() -> Locale:
    """The locale of the request or of ``selection.language()`` (an e-mail), else es_GT."""
    locale = get_locale()
    return locale if locale is not None else Locale.parse(FORMAT_LOCALE)


def _time_pattern(locale: Locale) -> str:
    """Guatemala's 24-hour "09:00" in Spanish and in its aliases; the locale's own short
    time elsewhere (English "9:00 AM")."""
    language = BY_CODE.get(str(locale))
    if locale.language == "es" or (language is not None and language.es_gt_alias):
        return "HH:mm"
    return "short"


@in_format_language
@memoized_format
def format_local(value: datetime | None) -> str:
    """"15 de marzo de 2026, 09:00" (English "March 15, 2026, 9:00 AM"): the long date and
    the time, in Guatemala."""
    if value is None:
        return ""
    return f"{format_date(value, 'long')}, {format_time(value, _time_pattern(_locale()))}"


@in_format_language
@memoized_format
def time_local(value: datetime | None) -> str:
    """"09:00" (English "9:00 AM"), in Guatemala."""
    if value is None:
        return ""
    return format_time(value, _time_pattern(_locale()))


@in_format_language
@memoized_format
def compact_local(value: datetime | None) -> str:
    """"5 mar 2026, 09:00" (English "Mar 5, 2026, 9:00 AM"), in Guatemala: for tables."""
    if value is None:
        return ""
    locale = _locale()
    day = format_date(value, locale.datetime_skeletons["yMMMd"])
    return f"{day}, {format_time(value, _time_pattern(locale))}"


@in_format_language
def month_text(value: date | None) -> str:
    """"noviembre de 2018" (English "November 2018"); "" for None."""
    if value is None:
        return ""
    return format_skeleton("yMMMM", value, locale=_locale())


@in_format_language
def day_text(value: date | None) -> str:
    """"30 de agosto de 2020" (English "August 30, 2020"); "" for None."""
    if value is None:
        return ""
    return babel_format_date(value, "long", locale=_locale())
