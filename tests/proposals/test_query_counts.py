"""The list page and the open-data API run the same number of SQL statements whatever the
number of proposals (20 or 2,000) and the page size (20 or 100): no N+1 queries."""

from __future__ import annotations

import pytest

from ..querycount import count_queries
from .listing_data import bulk_organizations, bulk_proposals, bulk_users, make_listing_round

# (name, path suffix, query string); per_page is added by the test.
ENDPOINTS = [
    ("list, newest", "", {}),
    ("list, most supported", "", {"sort": "most_supported"}),
    ("list, random", "", {"sort": "random", "seed": "42"}),
    ("list, search and filters", "", {"q": "transparencia", "status": "publicada",
                                      "sector": "ciudadania", "organization": "osc"}),
    ("api, newest", "api", {}),
    ("api, random", "api", {"sort": "random", "seed": "42"}),
    ("api, search and filters", "api", {"q": "transparencia", "status": "publicada",
                                        "organization": "sin_organizacion"}),
]


def _measure(client, app, round_id: int, axis_id: int) -> dict[tuple[str, int], int]:
    counts = {}
    for name, kind, params in ENDPOINTS:
        for per_page in (20, 100):
            path = (f"/api/v1/rounds/{round_id}/proposals" if kind == "api"
                    else f"/consultas/{round_id}/propuestas")
            query = {**params, "per_page": per_page}
            if "filters" in name:
                query["axis"] = axis_id
            with count_queries(app) as queries:
                response = client.get(path, query_string=query)
            assert response.status_code == 200, response.text
            counts[(name, per_page)] = queries.count
    with count_queries(app) as queries:
        response = client.get(f"/api/v1/rounds/{round_id}/proposals.csv")
    assert response.status_code == 200
    counts[("csv, all", 0)] = queries.count
    return counts


def test_query_counts_do_not_grow_with_data_or_page_size(app, client, capsys):
    with app.app_context():
        round_, axes = make_listing_round()
        # Many authors and organisations, so a page of 100 has 100 different ones (an N+1
        # load would show at once).
        author_ids = bulk_users(300)
        organization_ids = bulk_organizations(60)
        round_id, axis_ids = round_.id, [axis.id for axis in axes]
        bulk_proposals(round_id, 20, author_ids=author_ids, organization_ids=organization_ids,
                       axis_ids=axis_ids)
        dialect = app.extensions["sqlalchemy"].engine.dialect.name
    small = _measure(client, app, round_id, axis_ids[0])
    with app.app_context():
        bulk_proposals(round_id, 1980, author_ids=author_ids, organization_ids=organization_ids,
                       axis_ids=axis_ids)
    large = _measure(client, app, round_id, axis_ids[0])

    lines = [f"SQL queries per request [{dialect}] (20 proposals -> 2,000 proposals):"]
    for key in small:
        name, per_page = key
        label = f"{name}, per_page {per_page}" if per_page else name
        lines.append(f"  {label}: {small[key]} -> {large[key]}")
    report = "\n".join(lines)
    with capsys.disabled():
        print("\n" + report)

    assert small == large, report
    for name, _kind, _params in ENDPOINTS:
        assert small[(name, 20)] == small[(name, 100)], report
    # The list page: the round, its axes, COUNT, the page (plus BEGIN on SQLite).
    begin = 1 if dialect == "sqlite" else 0
    assert small[("list, newest", 20)] == 4 + begin, report
    assert small[("api, newest", 20)] == 4 + begin, report
    assert small[("csv, all", 0)] == 3 + begin, report


@pytest.mark.parametrize("per_page", [20, 100])
def test_the_page_is_fully_rendered_from_one_query(app, client, per_page):
    """Every card's author, organisation and axis come with the page's query."""
    with app.app_context():
        round_, axes = make_listing_round()
        round_id = round_.id
        bulk_proposals(round_id, per_page, author_ids=bulk_users(per_page),
                       organization_ids=bulk_organizations(per_page),
                       axis_ids=[axis.id for axis in axes])
    with count_queries(app) as queries:
        response = client.get(f"/consultas/{round_id}/propuestas", query_string={
            "per_page": per_page})
    assert response.text.count("<article>") == per_page
    selects = [s for s in queries.statements if s.startswith("SELECT")]
    assert len(selects) == 4, queries
