"""The open-data API's shared shape: stable, paginated JSON and CSV twins of public lists.

JSON pages look like ``{"data": [...], "meta": {"page", "per_page", "total", "pages"},
"links": {"self", "next", "prev"}}``; CSV has a header row and the same fields, flattened.
Every answer carries an ``ETag`` (a hash of its body) and a request whose ``If-None-Match``
names it gets a 304 without the body (``conditional``). Each view describes itself for the
OpenAPI document with ``web.openapi.describe``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import sqlalchemy as sa
from flask import Response, jsonify, request, url_for

from ..content.numbers import whole_number
from .args import InvalidParameter, Parser, page_number, query_args
from .pagination import paginate

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 500
API_MAX_PAGE = 1_000_000  # keeps OFFSET within BIGINT whatever per_page is
CSV_INJECTION_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


# The parameters ``page_args`` reads, for ``web.args.query_args``'s allowlists.
PAGINATION: dict[str, Parser] = {"page": str, "per_page": str}


def listing_filters(filters: dict[str, Parser]) -> dict[str, Any]:
    """A paginated list's filters from the query string, strictly (``query_args``), which
    also takes ``page`` and ``per_page``: those are left out of the answer, for
    ``paginated_json`` reads them itself."""
    found = query_args({**filters, **PAGINATION})
    for name in PAGINATION:
        found.pop(name, None)
    return found


def where_equal(statement: sa.Select, filters: dict[str, Any],
                columns: dict[str, Any]) -> sa.Select:
    """``statement`` narrowed to the rows whose column equals the filter's value, for each
    filter of ``columns`` (a filter's name and its column) that the query string gave
    (``listing_filters``, ``query_args``)."""
    for name, column in columns.items():
        if name in filters:
            statement = statement.where(column == filters[name])
    return statement


def page_args() -> tuple[int, int]:
    """``page`` and ``per_page`` from the query string; anything else than a positive
    integer within bounds is a 400 naming the parameter."""
    page = page_number(request.args.get("page"), maximum=API_MAX_PAGE)
    size = request.args.get("per_page")
    per_page = DEFAULT_PER_PAGE if size is None else whole_number(size, maximum=MAX_PER_PAGE)
    if per_page is None:
        raise InvalidParameter("per_page")
    return page, per_page


def conditional(response: Response) -> Response:
    """The answer with its ETag, or a bodiless 304 when the request's ``If-None-Match``
    names it. Clients are asked to check again each time (``no-cache``): the data change."""
    response.add_etag()
    response.headers.setdefault("Cache-Control", "no-cache")
    return response.make_conditional(request)


def json_answer(data: Any) -> Response:
    """A JSON answer that is not a list (a document, one item), conditional."""
    return conditional(jsonify(data))


def paginated_json(
    statement: sa.Select, serialize: Callable[[Any], dict[str, Any]] | None = None, *,
    prepare: Callable[[Sequence[Any]], Callable[[Any], dict[str, Any]]] | None = None,
    **url_values: Any
) -> Response:
    """A page of ``statement``'s rows as JSON with its links. ``serialize`` makes one row's
    object; or ``prepare`` reads what the page's rows need at once (a fixed number of
    statements) and answers the serializer."""
    page, per_page = page_args()
    pagination = paginate(statement, page=page, per_page=per_page)
    if prepare is not None:
        serialize = prepare(pagination.items)
    endpoint = request.endpoint
    args = {**request.view_args, **request.args.to_dict(), **url_values, "per_page": per_page}

    def link(target: int | None) -> str | None:
        return url_for(endpoint, **{**args, "page": target}) if target else None

    return conditional(jsonify(
        data=[serialize(item) for item in pagination.items],
        meta={
            "page": page,
            "per_page": per_page,
            "total": pagination.total,
            "pages": pagination.pages,
        },
        links={
            "self": link(page),
            "next": link(page + 1 if pagination.has_next else None),
            "prev": link(page - 1 if pagination.has_prev and page > 1 else None),
        },
    ))


def paginated_items(items: Sequence[Any], serialize: Callable[[Any], dict[str, Any]]
                    ) -> Response:
    """The same page of JSON from a list read whole by a fixed number of statements (a list
    assembled in Python, which ``paginated_json``'s one statement cannot express)."""
    page, per_page = page_args()
    total = len(items)
    pages = -(-total // per_page)
    start = (page - 1) * per_page
    endpoint = request.endpoint
    args = {**request.view_args, **request.args.to_dict(), "per_page": per_page}

    def link(target: int | None) -> str | None:
        return url_for(endpoint, **{**args, "page": target}) if target else None

    return conditional(jsonify(
        data=[serialize(item) for item in items[start:start + per_page]],
        meta={"page": page, "per_page": per_page, "total": total, "pages": pages},
        links={
            "self": link(page),
            "next": link(page + 1 if page < pages else None),
            "prev": link(page - 1 if 1 < page <= pages + 1 else None),
        },
    ))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        value = ";".join(str(v) for v in value)
    text = str(value)
    # Spreadsheets run cells that start like a formula: keep them text.
    if text.startswith(CSV_INJECTION_PREFIXES):
        text = "'" + text
    return text


def csv_text(fields: Sequence[str], rows: Iterable[dict[str, Any]]) -> str:
    """A header row and one row per dict, formula-safe, with a BOM so spreadsheets read
    UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(fields)
    for row in rows:
        writer.writerow([_cell(row.get(field)) for field in fields])
    return "\ufeff" + buffer.getvalue()


def csv_response(fields: Sequence[str], rows: Iterable[dict[str, Any]], filename: str) -> Response:
    return conditional(Response(
        csv_text(fields, rows),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    ))
