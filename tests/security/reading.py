"""Which query and form parameters a view reads: the app's request class records every name
asked of ``request.args``/``request.form`` (``get``, ``getlist``, ``[]``, ``in``), so the
reflected-XSS and fuzz tests send something hostile in each parameter a route really reads,
including one added tomorrow."""

from __future__ import annotations

from flask import Flask, Request
from werkzeug.datastructures import ImmutableMultiDict

READ: set[str] = set()


class RecordingMultiDict(ImmutableMultiDict):
    def get(self, key, default=None, type=None):  # noqa: A002 - MultiDict's signature
        READ.add(key)
        return super().get(key, default, type)

    def getlist(self, key, type=None):  # noqa: A002
        READ.add(key)
        return super().getlist(key, type)

    def __getitem__(self, key):
        READ.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        READ.add(key)
        return super().__contains__(key)


class RecordingRequest(Request):
    parameter_storage_class = RecordingMultiDict


def record_reads(app: Flask) -> None:
    app.request_class = RecordingRequest


def names_read(client, url: str) -> tuple[object, set[str]]:
    """GET ``url``: (the response, the parameter names the view asked for)."""
    READ.clear()
    response = client.get(url)
    return response, set(READ)
