"""Query strings, read strictly: a parameter not allowed, given twice, or whose value does
not fit is ``InvalidParameter``, a 400 naming the parameter at fault (the JSON API tells it
when the name is short and plain; pages show the 400 page). ``query_args`` checks a whole
query string; ``single``, ``number`` and ``choice`` read one parameter.

Page numbers have one reading, ``page_number``: a whole number (``content.numbers``: ASCII
digits, nothing else) in 1..maximum, page 1 when absent. The bound keeps OFFSET in range.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any

from flask import request
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import BadRequest

from ..content.numbers import MAX_ID, whole_number
from ..i18n.links import ARGUMENT as LANGUAGE_ARGUMENT
from ..i18n.marking import strip as without_markers

# The last page a list answers; the open-data API allows more (``web.api.API_MAX_PAGE``).
MAX_PAGE = 100_000


# The names an answer may repeat: the client wrote them, so only a short, plain one (every
# parameter of ours is one); any other is refused without being named.
_NAMEABLE = re.compile(r"[A-Za-z0-9_-]{1,40}")


class InvalidParameter(BadRequest):
    """A 400 naming the query parameter at fault (``parameter``), when its name is short and
    plain (letters, digits, "_" and "-", at most 40): else ``parameter`` is None and nothing
    the client sent is repeated. ``explanation``: what the page says instead of the 400's
    general text, where we know what is wrong (a search too long)."""

    def __init__(self, name: str, explanation: object | None = None) -> None:
        super().__init__()
        self.parameter = name if _NAMEABLE.fullmatch(name) else None
        self.explanation = explanation


def page_number(text: str | None, *, maximum: int = MAX_PAGE, name: str = "page",
                lenient: bool = False) -> int:
    """The page number written ``text``: 1 when absent (None), else a whole number in
    1..maximum. Anything else is ``InvalidParameter(name)``, or page 1 when ``lenient``
    (the administrators' user list and the notifications, whose pages always answer)."""
    if text is None:
        return 1
    page = whole_number(text, maximum=maximum)
    if page is None:
        if lenient:
            return 1
        raise InvalidParameter(name)
    return page


Parser = Callable[[str], Any]


def query_args(allowed: Mapping[str, Parser] | Iterable[str],
               args: MultiDict | None = None) -> dict[str, Any]:
    """The query string (``request.args`` unless ``args``), strictly: each parameter one of
    ``allowed`` and given once, else ``InvalidParameter`` naming it. ``allowed`` maps names
    to parsers (a ``ValueError`` refuses the value), or is names only: their text, stripped.
    A language link's ``lang``, which every page takes (``i18n.links``), is not theirs."""
    args = request.args if args is None else args
    parsers = allowed if isinstance(allowed, Mapping) else dict.fromkeys(allowed, str.strip)
    values: dict[str, Any] = {}
    for name, given in args.lists():
        if name == LANGUAGE_ARGUMENT:
            continue
        parse = parsers.get(name)
        if parse is None or len(given) != 1:
            raise InvalidParameter(name)
        try:
            values[name] = parse(without_markers(given[0]))
        except ValueError:
            raise InvalidParameter(name) from None
    return values


def whole(maximum: int = MAX_ID) -> Parser:
    """A parser for ``query_args``: a whole number in 1..maximum (``content.numbers``)."""

    def parse(text: str) -> int:
        found = whole_number(text, maximum=maximum)
        if found is None:
            raise ValueError(text)
        return found

    return parse


def single(args: MultiDict, name: str) -> str:
    """The one value of ``name`` (stripped, without the language markers of
    ``i18n.marking``, which would mislabel the page that shows it; "" when absent); given
    twice, a 400."""
    values = args.getlist(name)
    if len(values) > 1:
        raise InvalidParameter(name)
    return without_markers(values[0]).strip() if values else ""


def short_text(args: MultiDict, name: str, *, max_length: int) -> str:
    """``name`` as text (``single``) of at most ``max_length`` characters; longer, a 400."""
    value = single(args, name)
    if len(value) > max_length:
        raise InvalidParameter(name)
    return value


def search_text(args: MultiDict, name: str = "q", *, max_length: int) -> str:
    """The words of a search box (``single``); longer than ``max_length``, a 400 that says
    the search is too long (the box's ``maxlength`` stops it in a browser)."""
    value = single(args, name)
    if len(value) > max_length:
        raise InvalidParameter(name, _(
            "La búsqueda es demasiado larga: escriba como mucho %(num)d caracteres.",
            num=max_length,
        ))
    return value


def number(args: MultiDict, name: str, *, maximum: int = MAX_ID,
           among: Collection[int] | None = None) -> int | None:
    """``name`` as a whole number in 1..maximum (``content.numbers``), and one of ``among``
    when given (the axes of a round's plan); None when absent or empty; anything else a
    400."""
    value = single(args, name)
    if not value:
        return None
    found = whole_number(value, maximum=maximum)
    if found is None or (among is not None and found not in among):
        raise InvalidParameter(name)
    return found


def choice(args: MultiDict, name: str, allowed: Collection[str]) -> str | None:
    """``name`` as one of ``allowed``; None when absent or empty; anything else a 400."""
    value = single(args, name)
    if not value:
        return None
    if value not in allowed:
        raise InvalidParameter(name)
    return value
