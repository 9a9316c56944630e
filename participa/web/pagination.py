"""Lists a page at a time, by number (OFFSET): the administration's, the moderators', the
audit log, the notifications, the workspace and the open-data API. A round's proposals also
continue from a cursor (``proposals.queries.listing.page_of``, the keyset one), on ``Page`` too.

Templates read the same names whichever made the page: ``items``, ``total``, ``page``,
``pages``, ``has_prev``/``has_next`` and ``prev_num``/``next_num``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask_sqlalchemy.pagination import Pagination
from werkzeug.datastructures import MultiDict

from ..base.extensions import db
from .args import MAX_PAGE, InvalidParameter, number, page_number


def paginate(statement: sa.Select, *, page: int, per_page: int) -> Pagination:
    """Page ``page`` of ``statement``, ``per_page`` rows (the caller chose it): two
    statements, the count and the rows. A page past the last is empty, never a 404."""
    return db.paginate(statement, page=page, per_page=per_page, max_per_page=per_page,
                       error_out=False)


def page_arg(args: MultiDict, name: str = "page", *, maximum: int = MAX_PAGE) -> int:
    """The page number ``name`` of a query string: 1 when absent; given twice or anything
    but a page number (empty, spaced, signed), a 400."""
    values = args.getlist(name)
    if len(values) > 1:
        raise InvalidParameter(name)
    return page_number(values[0] if values else None, maximum=maximum, name=name)


def per_page_arg(args: MultiDict, choices: Sequence[int]) -> int:
    """``per_page`` of the query string, one of ``choices`` (the first when absent); anything
    else a 400."""
    per_page = number(args, "per_page") or choices[0]
    if per_page not in choices:
        raise InvalidParameter("per_page")
    return per_page


def with_per_page(filter_args: dict[str, Any], per_page: int,
                  choices: Sequence[int]) -> dict[str, Any]:
    """The parameters a list's links carry: its filters (``url_args()``), and ``per_page``
    unless it is the first of ``choices``, the default."""
    if per_page != choices[0]:
        return {**filter_args, "per_page": per_page}
    return filter_args


def page_size_args(per_page: int, choices: Sequence[int],
                   filter_args: dict[str, Any]) -> dict[str, Any]:
    """What a list's template reads to offer its page sizes and to link its pages:
    ``per_page``, ``per_page_choices`` and ``link_args`` (``with_per_page``)."""
    return {"per_page": per_page, "per_page_choices": choices,
            "link_args": with_per_page(filter_args, per_page, choices)}


@dataclass
class Page:
    """One page of a list made by hand (a grouped count, a keyset): its items, how many in
    all, and whether it has neighbours (by default, from the numbers)."""

    items: list[Any]
    total: int
    page: int
    per_page: int
    has_prev: bool | None = None
    has_next: bool | None = None

    def __post_init__(self) -> None:
        if self.has_prev is None:
            self.has_prev = self.page > 1
        if self.has_next is None:
            self.has_next = self.page * self.per_page < self.total

    @property
    def pages(self) -> int:
        return math.ceil(self.total / self.per_page) if self.total else 0

    @property
    def prev_num(self) -> int | None:
        return self.page - 1 if self.has_prev else None

    @property
    def next_num(self) -> int | None:
        return self.page + 1 if self.has_next else None
