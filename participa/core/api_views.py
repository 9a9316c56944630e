"""The open-data API's own description: the OpenAPI document at /api/v1/openapi.json, for
programs, and the page /datos-abiertos, for people (linked from every page's footer)."""

from __future__ import annotations

from flask import current_app, render_template

from ..web import openapi as oa
from ..web.api import json_answer
from ..web.args import query_args
from . import bp

# The licence of the published data (docs/decisions.md, issue 17): the code is AGPL; the data
# are the public record, free to reuse with attribution.
DATA_LICENCE = {
    "name": "Creative Commons Attribution 4.0 International",
    "identifier": "CC-BY-4.0",
}
TITLE = "Participa: datos abiertos de Gobierno Abierto Guatemala"
DESCRIPTION = (
    "Read-only open data of Guatemala's Open Government National Action Plans: plans, "
    "commitments and their template versions, consultation rounds and their phases, "
    "proposals, the MTGA's responses and public comments. JSON pages and CSV twins; see "
    "/datos-abiertos. The data are published under CC BY 4.0."
)


@bp.route("/api/v1/openapi.json")
@oa.describe(summary="This document", description="The OpenAPI 3.1 document of the API.",
             json={"type": "object", "required": ["openapi", "paths"]}, tag="api")
def openapi():
    query_args(())
    return json_answer(oa.document(current_app, title=TITLE, description=DESCRIPTION,
                                   licence=DATA_LICENCE))


@bp.route("/datos-abiertos")
def open_data():
    """What the API offers, how to use it and the data's licence."""
    endpoints = []
    for rule in oa.api_rules(current_app):
        operation = oa.operation_of(current_app.view_functions[rule.endpoint])
        if operation is not None:
            endpoints.append((rule.rule, operation))
    return render_template("core/open_data.html", endpoints=endpoints)
