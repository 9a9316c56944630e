"""The list of a round's proposals: cards, filters, orders, pagination and the 400s."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape

import pytest

from participa.accounts.models import Sector
from participa.base.time import utcnow
from participa.organizations.models import OrganizationKind
from participa.proposals.models import ProposalStatus

from ..factories import make_organization, make_user
from ..pages import pager_link
from .listing_data import make_listing_round, make_plan_with_axes, make_proposal_row


def path(round_id: int) -> str:
    return f"/consultas/{round_id}/propuestas"


def card_ids(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'<h2[^>]*><a href="/propuestas/(\d+)">', html)]


def page_ids(client, round_id: int, **params) -> list[int]:
    response = client.get(path(round_id), query_string=params)
    assert response.status_code == 200, response.text
    return card_ids(response.text)


@pytest.fixture
def data(app):
    """A round with six proposals that differ in every filtered attribute."""
    with app.app_context():
        round_, axes = make_listing_round()
        now = utcnow()
        citizen = make_user(name="Ana Citizen", sector=Sector.CIUDADANIA)
        academic = make_user(name="Beto Academia", sector=Sector.ACADEMIA)
        csos = make_organization(name="Red Ciudadana", acronym="RC", kind=OrganizationKind.OSC)
        university = make_organization(name="Universidad Pública", kind=OrganizationKind.ACADEMIA)
        rows = {
            "old_fiscal": dict(author=citizen, axis=axes[0], support_count=5,
                               created_at=now - timedelta(days=5)),
            "cso": dict(author=citizen, axis=axes[1], organization=csos, support_count=1,
                        created_at=now - timedelta(days=4)),
            "university": dict(author=academic, axis=axes[2], organization=university,
                               support_count=9, created_at=now - timedelta(days=3)),
            "withdrawn": dict(author=academic, axis=axes[0], status=ProposalStatus.WITHDRAWN,
                              support_count=0, created_at=now - timedelta(days=2)),
            "tie_a": dict(author=citizen, axis=axes[1], support_count=3,
                          created_at=now - timedelta(days=1)),
            "tie_b": dict(author=citizen, axis=axes[1], support_count=3,
                          created_at=now - timedelta(days=1)),
        }
        ids = {name: make_proposal_row(round_, title=f"Propuesta {name}", **values).id
               for name, values in rows.items()}
        # Another round's proposal never shows.
        other_round, other_axes = make_listing_round()
        make_proposal_row(other_round, axis=other_axes[0])
        return {"round": round_.id, "axes": [a.id for a in axes], "ids": ids,
                "other_axis": other_axes[0].id}


def test_the_cards_show_what_a_reader_needs(app, client):
    with app.app_context():
        round_, axes = make_listing_round()
        author = make_user(name="Rosa Tzul")
        organization = make_organization(name="Asociación Ixchel", acronym="AIX")
        proposal = make_proposal_row(round_, title="Presupuesto abierto municipal", author=author,
                                     axis=axes[0], organization=organization, support_count=1)
        withdrawn = make_proposal_row(round_, title="Otra idea", axis=axes[1], support_count=2,
                                      status=ProposalStatus.WITHDRAWN)
        round_id, reference, ids = round_.id, proposal.reference, (proposal.id, withdrawn.id)
    response = client.get(path(round_id))
    assert response.status_code == 200
    html = unescape(response.text)
    assert f'<a href="/propuestas/{ids[0]}">Presupuesto abierto municipal</a>' in html
    for text in (reference, "Transparencia fiscal", "Rosa Tzul", "Asociación Ixchel (AIX)",
                 "1 apoyo", "2 apoyos", "Publicada", "Retirada por su autor", "2 propuestas"):
        assert text in html, text
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ">', html)
    assert '<form method="get"' in html and "<script" not in html
    assert card_ids(html) == [ids[1], ids[0]]


def test_one_proposal_is_counted_in_the_singular(app, client):
    with app.app_context():
        round_, _axes = make_listing_round()
        make_proposal_row(round_)
        round_id = round_.id
    assert "1 propuesta<" in client.get(path(round_id)).text


def test_an_empty_round_and_an_empty_search(app, client):
    with app.app_context():
        round_, _axes = make_listing_round()
        round_id = round_.id
    assert "todavía no tiene propuestas" in client.get(path(round_id)).text
    response = client.get(path(round_id), query_string={"q": "nada"})
    assert "Ninguna propuesta coincide" in response.text


def test_unknown_rounds_are_404(client):
    assert client.get(path(999)).status_code == 404
    assert client.get(path(99_999_999_999)).status_code == 404


# Filters ----------------------------------------------------------------------------------------


def test_no_filter_lists_every_proposal_of_the_round_withdrawn_too(client, data):
    assert sorted(page_ids(client, data["round"])) == sorted(data["ids"].values())


def test_an_empty_form_is_no_filter(client, data):
    params = {"q": "", "axis": "", "status": "", "sector": "", "organization": "",
              "sort": "newest", "per_page": "20"}
    assert sorted(page_ids(client, data["round"], **params)) == sorted(data["ids"].values())


@pytest.mark.parametrize(("params", "expected"), [
    ({"axis": 0}, {"old_fiscal", "withdrawn"}),
    ({"axis": 1}, {"cso", "tie_a", "tie_b"}),
    ({"status": "publicada"}, {"old_fiscal", "cso", "university", "tie_a", "tie_b"}),
    ({"status": "retirada"}, {"withdrawn"}),
    ({"sector": "ciudadania"}, {"old_fiscal", "cso", "tie_a", "tie_b"}),
    ({"sector": "academia"}, {"university", "withdrawn"}),
    ({"sector": "sector_privado"}, set()),
    ({"organization": "osc"}, {"cso"}),
    ({"organization": "academia"}, {"university"}),
    ({"organization": "institucion_publica"}, set()),
    ({"organization": "sin_organizacion"}, {"old_fiscal", "withdrawn", "tie_a", "tie_b"}),
    ({"axis": 0, "status": "publicada", "sector": "ciudadania",
      "organization": "sin_organizacion"}, {"old_fiscal"}),
])
def test_each_filter(client, data, params, expected):
    if "axis" in params:
        params = {**params, "axis": data["axes"][params["axis"]]}
    ids = page_ids(client, data["round"], **params)
    assert set(ids) == {data["ids"][name] for name in expected}


def test_the_form_keeps_the_chosen_filters(client, data):
    response = client.get(path(data["round"]), query_string={
        "q": "propuesta", "axis": data["axes"][1], "status": "publicada", "sector": "ciudadania",
        "organization": "sin_organizacion", "sort": "most_supported", "per_page": 50,
    })
    html = response.text
    assert 'value="propuesta"' in html
    for name, value in (("axis", data["axes"][1]), ("status", "publicada"),
                        ("sector", "ciudadania"), ("organization", "sin_organizacion"),
                        ("sort", "most_supported")):
        assert f'<option value="{value}" selected>' in html, name
    assert "<option selected>50</option>" in html


# Orders -----------------------------------------------------------------------------------------


def test_newest_first_by_default(client, data):
    ids = data["ids"]
    assert page_ids(client, data["round"]) == [
        ids["tie_b"], ids["tie_a"], ids["withdrawn"], ids["university"], ids["cso"],
        ids["old_fiscal"],
    ]
    assert page_ids(client, data["round"], sort="newest") == page_ids(client, data["round"])


def test_most_supported_first_ties_by_id(client, data):
    ids = data["ids"]
    assert page_ids(client, data["round"], sort="most_supported") == [
        ids["university"], ids["old_fiscal"], ids["tie_b"], ids["tie_a"], ids["cso"],
        ids["withdrawn"],
    ]


@pytest.fixture
def many(app):
    with app.app_context():
        round_, axes = make_listing_round()
        author = make_user()
        ids = [make_proposal_row(round_, author=author, axis=axes[i % 3]).id for i in range(45)]
        return round_.id, ids


def test_random_order_is_stable_across_pages(client, many):
    round_id, ids = many
    seen = []
    for page in (1, 2, 3):
        seen += page_ids(client, round_id, sort="random", seed=12345, page=page)
    assert len(seen) == len(set(seen)) == 45
    assert set(seen) == set(ids)
    # The same seed, the same order; another seed, another one; neither is the id order.
    again = page_ids(client, round_id, sort="random", seed=12345)
    assert again == seen[:20]
    other = page_ids(client, round_id, sort="random", seed=777)
    assert other != again
    assert again != sorted(again) and again != sorted(again, reverse=True)


def test_random_order_with_a_page_size_of_fifty(client, many):
    round_id, ids = many
    first = page_ids(client, round_id, sort="random", seed=99, per_page=50)
    assert sorted(first) == sorted(ids)
    assert first[:20] == page_ids(client, round_id, sort="random", seed=99)


def test_random_order_without_a_seed_gets_one_carried_in_the_links(client, many):
    round_id, ids = many
    response = client.get(path(round_id), query_string={"sort": "random", "q": "propuesta"})
    html = unescape(response.text)
    seed = re.search(r'<input type="hidden" name="seed" value="(\d+)">', html).group(1)
    next_link = pager_link(html)
    assert f"seed={seed}" in next_link and "sort=random" in next_link
    assert "q=propuesta" in next_link
    seen = card_ids(html)
    while next_link:
        html = unescape(client.get(next_link).text)
        seen += card_ids(html)
        next_link = pager_link(html)
    assert sorted(seen) == sorted(ids)


# Pagination -------------------------------------------------------------------------------------


def test_pages_of_20_50_and_100(client, many):
    round_id, ids = many
    assert len(page_ids(client, round_id)) == 20
    assert len(page_ids(client, round_id, page=3)) == 5
    assert len(page_ids(client, round_id, per_page=50)) == 45
    assert len(page_ids(client, round_id, per_page=100)) == 45
    newest = page_ids(client, round_id, per_page=100)
    assert newest == sorted(ids, reverse=True)
    pages = [page_ids(client, round_id, page=n) for n in (1, 2, 3)]
    assert sum(pages, []) == newest
    assert page_ids(client, round_id, page=4) == []


def test_pagination_links_carry_the_filters(client, many):
    round_id, _ids = many
    html = unescape(client.get(path(round_id), query_string={
        "q": "propuesta", "status": "publicada", "per_page": 20, "page": 2}).text)
    for rel in ("prev", "next"):
        link = pager_link(html, rel)
        assert "q=propuesta" in link and "status=publicada" in link
    assert "Página 2 de 3" in html


# Refusals and escaping ----------------------------------------------------------------------


@pytest.mark.parametrize("params", [
    {"foo": "1"},
    {"sort": "id"},
    {"sort": "created_at desc"},
    {"sort": "support_count; DROP TABLE proposals"},
    {"sort": "NEWEST"},
    {"status": "borrador"},
    {"status": "Publicada"},
    {"sector": "hackers"},
    {"organization": "ong"},
    {"organization": "none"},
    {"axis": "abc"},
    {"axis": "-1"},
    {"axis": "0"},
    {"axis": "1.0"},
    {"axis": "99999999999"},
    {"axis": "１"},
    {"seed": "abc"},
    {"seed": "0"},
    {"seed": "-5"},
    {"seed": "4294967296"},
    {"page": "0"},
    {"page": "-1"},
    {"page": "x"},
    {"per_page": "10"},
    {"per_page": "25"},
    {"per_page": "101"},
    {"per_page": "1000"},
    {"per_page": "<script>"},
    {"q": "x" * 201},
])
def test_bad_parameters_are_400(client, data, params):
    response = client.get(path(data["round"]), query_string=params)
    assert response.status_code == 400
    assert "<script>" not in response.text


def test_an_axis_of_another_plan_is_400(client, data):
    response = client.get(path(data["round"]), query_string={"axis": data["other_axis"]})
    assert response.status_code == 400


def test_repeated_parameters_are_400(client, data):
    response = client.get(path(data["round"]) + "?status=publicada&status=retirada")
    assert response.status_code == 400
    response = client.get(path(data["round"]) + "?page=1&page=2")
    assert response.status_code == 400


def test_reflected_search_text_is_escaped(client, data):
    attack = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
    response = client.get(path(data["round"]), query_string={"q": attack})
    assert response.status_code == 200
    assert "<script>alert(1)" not in response.text
    assert "<img src=x" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


def test_user_content_on_cards_is_escaped(app, client):
    with app.app_context():
        round_, plan_axes = make_listing_round(("<b>Eje</b>",))
        author = make_user(name="<script>alert('autor')</script>")
        organization = make_organization(name="<img src=x onerror=alert(1)>", acronym="<i>")
        make_proposal_row(round_, title="<script>alert('título')</script>", author=author,
                          organization=organization, axis=plan_axes[0])
        round_id = round_.id
    html = client.get(path(round_id)).text
    for raw in ("<script>alert", "<img src=x", "<b>Eje</b>", "<i>"):
        assert raw not in html, raw
    assert "&lt;script&gt;alert(&#39;autor&#39;)&lt;/script&gt;" in html


def test_a_plan_without_axes_has_no_axis_filter(app, client):
    with app.app_context():
        plan, _axes = make_plan_with_axes(())
        from ..factories import make_round

        round_ = make_round(plan)
        make_proposal_row(round_, title="Sin eje")
        round_id = round_.id
    html = client.get(path(round_id)).text
    assert 'name="axis"' not in html
    assert "Sin eje" in html
    assert client.get(path(round_id), query_string={"axis": 1}).status_code == 400
