"""Guatemala local time for phase dates: entered as local time, stored in UTC, shown local.

Guatemala has kept UTC-6 without daylight saving time since 2006, so every local time exists
exactly once; the zone still comes from the configuration (``TIMEZONE``), never a constant.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import format_date, format_time

from ..i18n.selection import memoized_format


def local_zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["TIMEZONE"])


def from_local(value: datetime) -> datetime:
    """A naive local (Guatemala) time as an aware UTC datetime."""
    if value.tzinfo is not None:
        return value.astimezone(UTC)
    return value.replace(tzinfo=local_zone()).astimezone(UTC)


def to_local(value: datetime) -> datetime:
    """An aware datetime as a naive local (Guatemala) time, for a datetime-local input."""
    return value.astimezone(local_zone()).replace(tzinfo=None)


@memoized_format
def format_local(value: datetime | None) -> str:
    """"15 de marzo de 2026, 09:00": the long es_GT date and a 24-hour time, in Guatemala."""
    if value is None:
        return ""
    return f"{format_date(value, 'long')}, {format_time(value, 'HH:mm')}"
