"""Query strings, read strictly: a value that does not fit is ``InvalidParameter``, a 400
naming the parameter at fault (the JSON API tells it; pages show the 400 page).

Page numbers have one reading, ``page_number``: a whole number (``content.numbers``: ASCII
digits, nothing else) in 1..maximum, page 1 when absent. The bound keeps OFFSET in range.
"""

from __future__ import annotations

from werkzeug.exceptions import BadRequest

from ..content.numbers import whole_number

# The last page a list answers; the open-data API allows more (``web.api.API_MAX_PAGE``).
MAX_PAGE = 100_000


class InvalidParameter(BadRequest):
    """A 400 naming the query parameter at fault."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.parameter = name


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
