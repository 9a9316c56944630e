"""Every ``<time datetime="...">`` of the pages with comments is a valid HTML date and
time: comments' timestamps were written with ``isoformat()``, six fractional digits, which
HTML does not allow (at most three). One filter, ``iso_utc``, writes them all."""

from __future__ import annotations

import re

from ..factories import login_as
from ..pages import html
from .conftest import comments, version_page_path

# A valid global date and time string (HTML, "dates and times"): the date, "T" or a space,
# hours and minutes, optional seconds with at most three fractional digits, and the zone.
VALID_GLOBAL_DATE_TIME = re.compile(
    r"\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])[T ]"
    r"(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,3})?)?"
    r"(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)"
)
TIME_RE = re.compile(r'<time datetime="([^"]*)"')


def _times(client, path: str) -> list[str]:
    response = client.get(path)
    assert response.status_code == 200, path
    return TIME_RE.findall(html(response))


def test_comment_timestamps_are_valid_html_date_times(client, world):
    login_as(client, "other")
    for path, body in [
        (f"/comentarios/propuestas/{world['proposal']}/nuevo", "Buena idea."),
        (f"/comentarios/versiones/{world['version1']}/nuevo", "Falta el plazo."),
    ]:
        assert client.post(path, data={"body": body}).status_code == 303
    created = {c.body: c.created_at for c in comments(client.application)}
    pages = [f"/propuestas/{world['proposal']}",
             f"/planes/compromisos/{world['draft']}?version=1",
             version_page_path(world["draft"], 1)]
    for path in pages:
        values = _times(client, path)
        assert values, path
        for value in values:
            assert VALID_GLOBAL_DATE_TIME.fullmatch(value), (path, value)
    # The comment's moment, in UTC to the second.
    assert created["Buena idea."].strftime("%Y-%m-%dT%H:%M:%SZ") in _times(client, pages[0])
