"""The app's request class (``app.request_class``, set by ``web.security``): what Werkzeug's
reads of a malformed request would turn into a 500 or a silent truncation.

- A query string that is not UTF-8 (a raw byte sent without percent-encoding) failed wherever
  it was first read (``request.args``, ``request.full_path`` in the layout, even on the error
  page). Its stray bytes are percent-encoded (``%FF``, as Werkzeug keeps a percent-encoded
  byte that is not UTF-8) and ``malformed_query`` says so: ``web.security`` answers 400.
- A body without a Content-Length (sent chunked), which the server ends
  (``wsgi.input_terminated``, as gunicorn does), is read up to ``MAX_CONTENT_LENGTH``;
  Werkzeug then stopped there without a word, so a form or JSON body was read cut short (a
  400 for the CSRF token lost, or text stored truncated). A body that goes on past the limit
  is a 413, as one announced with a Content-Length too large is.
"""

from __future__ import annotations

from typing import IO, Any

import flask
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.utils import cached_property
from werkzeug.wsgi import LimitedStream


class _WholeOrTooLarge(LimitedStream):
    """A stream read to its end, or a 413 when it holds more than the limit."""

    def readall(self) -> bytes:
        data = super().readall()
        if self.is_exhausted and self._stream.read(1):
            raise RequestEntityTooLarge()
        return data


class Request(flask.Request):
    malformed_query = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        try:
            self.query_string.decode()
        except UnicodeDecodeError:
            self.query_string = self.query_string.decode(errors="werkzeug.url_quote").encode()
            self.malformed_query = True

    @cached_property
    def stream(self) -> IO[bytes]:
        maximum = self.max_content_length
        if (not self.shallow and self.content_length is None and maximum is not None
                and "wsgi.input_terminated" in self.environ):
            return _WholeOrTooLarge(self.environ["wsgi.input"], maximum, is_max=True)
        return super().stream
