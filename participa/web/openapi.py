"""The open-data API's OpenAPI 3.1 document, made from the routes themselves.

Every view under ``/api/v1`` says what it takes and what it answers with ``@describe``, just
under its ``@route``::

    @api_bp.route("/plans")
    @describe(summary="Action plans", parameters=PAGE_PARAMETERS, page_of=PLAN_SCHEMA)
    def plans(): ...

``document(app)`` walks ``app.url_map``: the path parameters come from the rule (``<int:id>``
is an integer within the ids' range), the query parameters, the answers and their JSON Schemas
(2020-12, OpenAPI 3.1's own) from the description. Every list answers the page envelope of
``web.api``; every endpoint may answer 304 (``If-None-Match``), 400 (a parameter), 404 and
429 with the errors' JSON. A route under ``/api/v1`` without a description fails
``tests/api/test_openapi.py``, and the schema fuzzer of the same folder checks every answer
against its schema: see docs/api.md, «Adding an endpoint».
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from flask import Flask

from ..content.numbers import MAX_ID

API_PREFIX = "/api/v1"
_ATTRIBUTE = "_openapi"

F = TypeVar("F", bound=Callable)
Schema = dict[str, Any]


# JSON Schema helpers --------------------------------------------------------------------------


def obj(properties: dict[str, Schema], *, description: str = "") -> Schema:
    """An object with exactly these properties, all present (``null`` where its schema says)."""
    schema: Schema = {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }
    if description:
        schema["description"] = description
    return schema


def nullable(schema: Schema) -> Schema:
    kind = schema.get("type")
    if isinstance(kind, str):
        return {**schema, "type": [kind, "null"]}
    return {"anyOf": [schema, {"type": "null"}]}


def text(description: str = "", **extra: Any) -> Schema:
    return {"type": "string", **({"description": description} if description else {}), **extra}


def integer(description: str = "", **extra: Any) -> Schema:
    return {"type": "integer", **({"description": description} if description else {}), **extra}


def enum(values: Sequence[str], description: str = "") -> Schema:
    return {"type": "string", "enum": list(values),
            **({"description": description} if description else {})}


def date_time(description: str = "") -> Schema:
    return text(description, format="date-time")


def day(description: str = "") -> Schema:
    return text(description, format="date")


ID = integer("identifier", minimum=1, maximum=MAX_ID)
BOOLEAN: Schema = {"type": "boolean"}


# Parameters -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Param:
    """A query parameter: its name, JSON Schema and meaning."""

    name: str
    schema: Schema
    description: str

    def spec(self) -> dict[str, Any]:
        return {"name": self.name, "in": "query", "required": False,
                "description": self.description, "schema": self.schema}


PAGE_PARAMETERS = (
    Param("page", integer(minimum=1, maximum=1_000_000, default=1), "The page, from 1."),
    Param("per_page", integer(minimum=1, maximum=500, default=50), "Items a page (at most 500)."),
)


# Descriptions ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Operation:
    summary: str
    description: str = ""
    parameters: tuple[Param, ...] = ()
    page_of: Schema | None = None
    json: Schema | None = None
    csv: Sequence[str] | None = None
    tag: str = "datos"
    path_descriptions: dict[str, str] = field(default_factory=dict)


def describe(*, summary: str, description: str = "", parameters: Sequence[Param] = (),
             page_of: Schema | None = None, json: Schema | None = None,
             csv: Sequence[str] | None = None, tag: str = "datos",
             path: dict[str, str] | None = None) -> Callable[[F], F]:
    """Describe an API view (put it under ``@route``). Exactly one of ``page_of`` (the schema
    of one item of a paginated JSON list), ``json`` (the schema of a whole JSON answer) or
    ``csv`` (the CSV's columns); ``parameters``: its query parameters (``PAGE_PARAMETERS``
    for a list's ``page`` and ``per_page``); ``path``: what each path parameter means."""
    if sum(answer is not None for answer in (page_of, json, csv)) != 1:
        raise ValueError("describe one answer: page_of, json or csv")
    operation = Operation(summary, description, tuple(parameters), page_of, json, csv, tag,
                          dict(path or {}))

    def decorate(view: F) -> F:
        setattr(view, _ATTRIBUTE, operation)
        return view

    return decorate


def operation_of(view: Callable) -> Operation | None:
    return getattr(view, _ATTRIBUTE, None)


# The document ---------------------------------------------------------------------------------

ERROR = obj({
    "error": integer("the HTTP status"),
    "title": text("the status's title, in the interface language"),
    "message": text("what went wrong, in the interface language"),
}, description="An error.")
PARAMETER_ERROR = {
    "type": "object",
    "properties": {**ERROR["properties"],
                   "parameter": text("the query parameter at fault")},
    "required": ["error", "title", "message"],
    "additionalProperties": False,
}
LINK = nullable(text("a relative URL"))
META = obj({
    "page": integer(minimum=1), "per_page": integer(minimum=1, maximum=500),
    "total": integer(minimum=0), "pages": integer(minimum=0),
})
LINKS = obj({"self": text("this page"), "next": LINK, "prev": LINK})


def _page(item: Schema) -> Schema:
    return obj({"data": {"type": "array", "items": item}, "meta": META, "links": LINKS})


def _error(description: str, schema: str = "Error") -> dict[str, Any]:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}}}


_VARIABLE = re.compile(r"<(?:([a-z_]+)(?:\([^)]*\))?:)?([a-z_][a-z0-9_]*)>")


def _path(rule) -> tuple[str, list[dict[str, Any]]]:
    """``/rounds/<int:round_id>`` as ``/rounds/{round_id}`` with its path parameter (an
    integer within the ids' range for ``int``, else a string)."""
    parameters = []
    for converter, argument in _VARIABLE.findall(rule.rule):
        schema = integer(minimum=0, maximum=MAX_ID) if converter == "int" else text()
        parameters.append({"name": argument, "in": "path", "required": True, "schema": schema})
    return _VARIABLE.sub(lambda found: "{" + found.group(2) + "}", rule.rule), parameters


def api_rules(app: Flask) -> list:
    return sorted((rule for rule in app.url_map.iter_rules()
                   if rule.rule.startswith(API_PREFIX + "/")), key=lambda rule: rule.rule)


def undescribed(app: Flask) -> list[str]:
    """The API routes without ``@describe``: there should be none."""
    return [rule.rule for rule in api_rules(app)
            if operation_of(app.view_functions[rule.endpoint]) is None]


def _operation(rule, operation: Operation, path_parameters: list[dict[str, Any]]) -> dict:
    for parameter in path_parameters:
        parameter["description"] = operation.path_descriptions.get(
            parameter["name"], "identifier")
    if operation.csv is not None:
        content = {"text/csv": {"schema": text(
            "UTF-8 with a byte-order mark; a header row: " + ",".join(operation.csv))}}
    else:
        schema = _page(operation.page_of) if operation.page_of is not None else operation.json
        content = {"application/json": {"schema": schema}}
    responses = {
        "200": {"description": "OK", "headers": {"ETag": {"schema": text()}},
                "content": content},
        "304": {"description": "Not modified: the ETag given in If-None-Match is current."},
        "400": _error("A query parameter is unknown, repeated or not valid.", "ParameterError"),
        "404": _error("Not found."),
        "429": _error("Too many requests."),
    }
    return {
        "operationId": rule.endpoint.replace(".", "_"),
        "summary": operation.summary,
        **({"description": operation.description} if operation.description else {}),
        "tags": [operation.tag],
        "parameters": [*path_parameters, *(p.spec() for p in operation.parameters)],
        "responses": responses,
    }


def document(app: Flask, *, title: str, description: str, licence: dict[str, str]) -> dict:
    """The OpenAPI 3.1 document of every described route under /api/v1."""
    paths: dict[str, dict[str, Any]] = {}
    for rule in api_rules(app):
        operation = operation_of(app.view_functions[rule.endpoint])
        if operation is None:
            continue
        path, path_parameters = _path(rule)
        paths.setdefault(path, {})["get"] = _operation(rule, operation, path_parameters)
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
        "info": {"title": title, "version": "1", "description": description,
                 "license": licence},
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {"schemas": {"Error": ERROR, "ParameterError": PARAMETER_ERROR}},
    }
