"""Guatemala time: entered and shown local, stored UTC."""

from __future__ import annotations

from datetime import UTC, datetime

from participa.base.time import from_local, to_local
from participa.i18n.dates import format_local

from .conftest import utc


def test_local_entry_is_stored_in_utc(app):
    with app.app_context():
        assert from_local(datetime(2026, 3, 15, 9, 0)) == utc(2026, 3, 15, 15, 0)
        assert from_local(datetime(2026, 12, 31, 23, 30)) == utc(2027, 1, 1, 5, 30)
        assert from_local(utc(2026, 3, 15, 15)) == utc(2026, 3, 15, 15)
        assert to_local(utc(2026, 3, 15, 15)) == datetime(2026, 3, 15, 9, 0)
        assert from_local(datetime(2026, 3, 15, 9, 0)).tzinfo == UTC


def test_shown_in_guatemala_time_with_es_gt_formats(app):
    with app.test_request_context():
        assert format_local(utc(2026, 3, 15, 15)) == "15 de marzo de 2026, 09:00"
        assert format_local(utc(2026, 5, 1, 5, 59)) == "30 de abril de 2026, 23:59"
        assert format_local(None) == ""


def test_the_template_filter(app):
    with app.test_request_context():
        rendered = app.jinja_env.from_string("{{ value|gt_datetime }}").render(
            value=utc(2026, 3, 15, 15))
        assert rendered == "15 de marzo de 2026, 09:00"
