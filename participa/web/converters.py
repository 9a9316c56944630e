"""URL converters: ``<int:...>`` ids stop at the largest 32-bit integer, so an id no
database can hold is a 404 instead of a database error."""

from __future__ import annotations

from werkzeug.routing import IntegerConverter

from ..content.numbers import MAX_ID


class IdConverter(IntegerConverter):
    def __init__(self, map, *args, **kwargs) -> None:  # noqa: A002 - Werkzeug's signature
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)
