"""English (``en``): Babel's own locale data formats its dates and numbers, so an English
sentence carries an English date ("until January 30, 2027, 12:00 PM"), while Spanish and the
Mayan languages keep Guatemala's formats."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from flask_babel import force_locale

from participa.content.dates import parse_month
from participa.i18n.dates import compact_local, day_text, format_local, month_text, time_local

NOON = datetime(2027, 1, 30, 18, 0, tzinfo=UTC)  # 12:00 in Guatemala (UTC-6)
NNBSP = "\u202f"  # CLDR's narrow no-break space before AM/PM


def formats() -> tuple[str, ...]:
    return (format_local(NOON), time_local(NOON), compact_local(NOON),
            month_text(date(2018, 11, 1)), day_text(date(2020, 8, 30)))


ENGLISH = (f"January 30, 2027, 12:00{NNBSP}PM", f"12:00{NNBSP}PM", f"Jan 30, 2027, 12:00{NNBSP}PM",
           "November 2018", "August 30, 2020")
GUATEMALAN = ("30 de enero de 2027, 12:00", "12:00", "30 ene 2027, 12:00", "noviembre de 2018",
              "30 de agosto de 2020")


@pytest.mark.parametrize(("locale", "expected"), [
    ("en", ENGLISH), ("es_GT", GUATEMALAN), ("quc", GUATEMALAN), ("mam", GUATEMALAN),
])
def test_dates_follow_the_languages_format_locale(app, locale, expected):
    with app.test_request_context("/"), force_locale(locale):
        assert formats() == expected


def test_an_email_outside_a_request_gets_english_dates(app):
    with app.app_context():
        with force_locale("en"):
            assert formats() == ENGLISH
        assert formats() == GUATEMALAN


def test_a_month_typed_as_the_english_hint_says_is_understood():
    # "Type a month and a year, for example: November 2018." (the Spanish names still work)
    assert parse_month("November 2018") == date(2018, 11, 1)
    assert parse_month("september 2020") == date(2020, 9, 1)
    assert parse_month("noviembre de 2018") == date(2018, 11, 1)
    assert parse_month("Movember 2018") is None
