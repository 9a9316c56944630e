"""A recording's length read from its bytes: a WebM recorded in a browser has no Duration
in its header (MediaRecorder writes as it records), so its length is its last block's time;
a WebM cut short or not WebM at all has none, and is refused rather than let through."""

from __future__ import annotations

from participa.recordings.durations import duration_seconds

from ..files import samples


def test_a_webm_written_live_is_measured_by_its_last_block():
    data = samples.webm_live(3)
    assert b"\x44\x89" not in data[:65536]  # no Duration element
    assert round(duration_seconds(data, "audio/webm")) == 3
    assert round(duration_seconds(samples.webm_audio(), "audio/webm")) == 1


def test_a_webm_without_blocks_has_no_length():
    data = samples.webm_live(3)
    cluster = data.find(b"\x1f\x43\xb6\x75")
    assert duration_seconds(data[:cluster], "audio/webm") is None
    assert duration_seconds(b"\x1a\x45\xdf\xa3" + b"\x00" * 40, "audio/webm") is None
