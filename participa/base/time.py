"""Time is stored in UTC and shown in America/Guatemala: now, the UTC column type, the
conversions between UTC and local time, and the UTC text of the open data. (How a time reads
for people depends on the language: ``i18n.dates``.)

Guatemala has kept UTC-6 without daylight saving time since 2006, so every local time exists
exactly once; the zone still comes from the configuration (``TIMEZONE``), never a constant.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context
from sqlalchemy import DateTime
from sqlalchemy.orm import MappedColumn, mapped_column
from sqlalchemy.types import TypeDecorator

DEFAULT_ZONE = "America/Guatemala"


def utcnow() -> datetime:
    return datetime.now(UTC)


def local_zone() -> ZoneInfo:
    """The configured zone (``TIMEZONE``); Guatemala's outside an application."""
    return ZoneInfo(current_app.config["TIMEZONE"] if has_app_context() else DEFAULT_ZONE)


def from_local(value: datetime) -> datetime:
    """A naive local (Guatemala) time as an aware UTC datetime."""
    if value.tzinfo is not None:
        return value.astimezone(UTC)
    return value.replace(tzinfo=local_zone()).astimezone(UTC)


def to_local(value: datetime) -> datetime:
    """An aware datetime as a naive local (Guatemala) time, for a datetime-local input."""
    return value.astimezone(local_zone()).replace(tzinfo=None)


def local_midnight(day: date) -> datetime:
    """The start of ``day`` in local time, as an aware UTC datetime."""
    return from_local(datetime.combine(day, time.min))


def iso_utc(value: datetime) -> str:
    """"2026-03-15T15:00:00Z": a moment as the open data and exports write it."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC timestamp on every database (SQLite returns naive values)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def moment_column(*, now: bool = False, index: bool = False) -> MappedColumn:
    """A model's column for a moment, in UTC (``UTCDateTime``), nullable as its ``Mapped``
    annotation says; ``now``: the moment of the insert unless given (``created_at``)."""
    options: dict[str, object] = {"default": utcnow} if now else {}
    if index:
        options["index"] = True
    return mapped_column(UTCDateTime(), **options)
