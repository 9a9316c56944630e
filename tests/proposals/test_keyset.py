"""Keyset pagination of the list: the page links carry the sort key of the proposal they
continue from (``after``/``before``), so page 50 costs what page 1 does; following them
visits every proposal once, in order, exactly as pages asked by number (``?page=N``, which
keeps working for typed and old links)."""

from __future__ import annotations

from html import unescape
from urllib.parse import urlencode

import pytest
import sqlalchemy as sa
from werkzeug.datastructures import MultiDict

from participa.base.extensions import db
from participa.consultations.models import ConsultationRound
from participa.proposals.models import Proposal
from participa.proposals.queries import listing

from ..pages import pager_link
from .listing_data import bulk_proposals, bulk_users, make_listing_round
from .test_list import card_ids, path

LISTINGS = [
    {},
    {"sort": "most_supported"},
    {"sort": "random", "seed": "4242"},
    {"sort": "most_supported", "status": "publicada", "q": "transparencia"},
]


@pytest.fixture
def crowd(app):
    """65 proposals with repeated support counts and creation times a minute apart."""
    with app.app_context():
        round_, axes = make_listing_round()
        bulk_proposals(round_.id, 65, author_ids=bulk_users(7),
                       axis_ids=[axis.id for axis in axes])
        # Ties in the count (the id breaks them) and in the date.
        db.session.execute(sa.update(Proposal).values(support_count=Proposal.id % 4))
        db.session.commit()
        return round_.id


def _expected(app, round_id: int, params: dict) -> list[int]:
    with app.test_request_context():
        round_ = db.session.get(ConsultationRound, round_id)
        wanted = listing.parse(MultiDict(params), axis_ids=set())
        return [p.id for p in db.session.scalars(listing.statement(round_, wanted)).unique()]


def _walk(client, start: str, rel: str) -> tuple[list[list[int]], list[str]]:
    pages, links = [], []
    link = start
    while link:
        response = client.get(link)
        assert response.status_code == 200, response.text
        html = unescape(response.text)
        pages.append(card_ids(html))
        link = pager_link(html, rel)
        if link:
            links.append(link)
    return pages, links


def _url(round_id: int, params: dict) -> str:
    return f"{path(round_id)}?{urlencode(params)}"


@pytest.mark.parametrize("params", LISTINGS)
def test_next_links_visit_every_proposal_once_in_order(app, client, crowd, params):
    expected = _expected(app, crowd, params)
    pages, links = _walk(client, _url(crowd, params), "next")
    assert sum(pages, []) == expected
    assert all(len(page) == 20 for page in pages[:-1])
    assert all("after=" in link for link in links)
    # Every page asked by number alone shows the same proposals.
    for number, page in enumerate(pages, start=1):
        by_number = client.get(path(crowd), query_string={**params, "page": number})
        assert card_ids(by_number.text) == page


@pytest.mark.parametrize("params", LISTINGS[:3])
def test_previous_links_walk_back(client, crowd, params):
    forward, _links = _walk(client, _url(crowd, params), "next")
    assert len(forward) == 4
    last = unescape(client.get(path(crowd), query_string={**params, "page": 4}).text)
    back, links = _walk(client, pager_link(last, "prev"), "prev")
    assert back == forward[:3][::-1]
    # Pages 3 and 2 continue before a cursor; page 1 is the plain first page.
    assert ["before=" in link for link in [pager_link(last, "prev"), *links]] == [True, True, False]


def test_the_page_links_keep_the_filters_and_the_page_number(client, crowd):
    html = unescape(client.get(path(crowd), query_string={
        "sort": "most_supported", "status": "publicada", "per_page": 20}).text)
    link = pager_link(html, "next")
    assert "page=2" in link and "after=" in link
    assert "sort=most_supported" in link and "status=publicada" in link
    second = unescape(client.get(link).text)
    assert "Página 2 de" in second
    assert '<ol start="21">' in second
    previous = pager_link(second, "prev")
    assert "page=1" in previous and "before=" not in previous


@pytest.mark.parametrize("value", [
    "abc", "1", "1.", ".1", "1.2.3", "-1.2", "1.-2", "1.99999999999", "9" * 19 + ".1",
    "1 .2", "１.２",
])
@pytest.mark.parametrize("name", ["after", "before"])
def test_a_malformed_cursor_is_a_400(client, crowd, name, value):
    response = client.get(path(crowd), query_string={name: value})
    assert response.status_code == 400


def test_a_cursor_past_the_end_shows_an_empty_page(client, crowd):
    response = client.get(path(crowd), query_string={"page": 9, "after": "0.1"})
    assert response.status_code == 200
    assert card_ids(response.text) == []
