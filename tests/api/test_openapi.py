"""The OpenAPI 3.1 document at /api/v1/openapi.json describes every /api/v1 route (a new
endpoint must describe itself with ``web.openapi.describe``), and the API's shared answers:
ETag and If-None-Match, the page /datos-abiertos linked from every page's footer."""

from __future__ import annotations

import re

import pytest

from participa.web import openapi as oa

from ..pages import html


def _document(client) -> dict:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def test_every_api_route_is_described(app, client):
    assert oa.undescribed(app) == [], (
        "describe these routes with web.openapi.describe (docs/api.md, «Adding an endpoint»)")
    document = _document(client)
    rules = {re.sub(r"<(?:[a-z_]+:)?([a-z_]+)>", r"{\1}", rule.rule)
             for rule in oa.api_rules(app)}
    assert set(document["paths"]) == rules
    for path, item in document["paths"].items():
        operation = item["get"]
        assert operation["summary"], path
        assert {"200", "304", "400", "404"} <= set(operation["responses"]), path
        for name in re.findall(r"{([a-z_]+)}", path):
            assert any(p["name"] == name and p["in"] == "path" for p in operation["parameters"])


def test_the_document_is_valid_openapi_3_1(client):
    schemathesis = pytest.importorskip("schemathesis")
    document = _document(client)
    assert document["openapi"] == "3.1.0"
    assert document["info"]["license"]["identifier"] == "CC-BY-4.0"
    schema = schemathesis.openapi.from_dict(document)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == len(document["paths"])


def test_a_route_without_description_is_found(app):
    @app.route("/api/v1/undescribed-example")
    def undescribed_example():
        return {}

    assert oa.undescribed(app) == ["/api/v1/undescribed-example"]


def test_describe_takes_one_answer():
    with pytest.raises(ValueError):
        oa.describe(summary="x", page_of={}, csv=("a",))


@pytest.mark.parametrize("path", ["/api/v1/plans", "/api/v1/commitments.csv",
                                  "/api/v1/openapi.json"])
def test_etag_and_if_none_match(world, client, path):
    first = client.get(path)
    assert first.status_code == 200
    etag = first.headers["ETag"]
    assert first.headers["Cache-Control"] == "no-cache"
    again = client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.get_data() == b""
    assert client.get(path, headers={"If-None-Match": '"otra"'}).status_code == 200


def test_the_etag_changes_with_the_data(world, client, app):
    etag = client.get("/api/v1/plans").headers["ETag"]
    from participa.base.extensions import db
    from participa.plans.models import ActionPlan

    with app.app_context():
        db.session.get(ActionPlan, world["plan"]).title = "Otro título"
        db.session.commit()
    assert client.get("/api/v1/plans", headers={"If-None-Match": etag}).status_code == 200


def test_the_open_data_page_is_in_every_footer(world, client):
    for path in ("/", "/planes/", f"/consultas/{world['round']}"):
        footer = html(client.get(path)).split('<footer class="site-footer">')[1]
        assert 'href="/datos-abiertos"' in footer, path
    response = client.get("/datos-abiertos")
    assert response.status_code == 200
    page = html(response)
    assert "CC BY 4.0" in page
    assert 'href="/api/v1/openapi.json"' in page
    assert "<code>/api/v1/commitments</code>" in page
