"""The site-wide search, /buscar (issue 17, item 5): proposals of every round, commitments
(the historical record and the new ones), plans and organisations; the same folding as a
round's search (case, accents, the three apostrophes); grouped by kind with counts, each
kind paginated on its own; nothing hidden or pending; a search too long is a 400 that says
so and keeps what was typed; the box is in every page's header."""

from __future__ import annotations

import re

import pytest

from participa.base.extensions import db
from participa.plans.services import import_ogp_record
from participa.proposals.models import ProposalStatus

from ..factories import make_organization, the
from ..pages import html
from ..visibility.conftest import MARKERS, SHARED_WORD, build_world


@pytest.fixture
def world(app) -> dict:
    with app.app_context():
        import_ogp_record()
        db.session.commit()
        return build_world()


def _group(page: str, key: str) -> str:
    """The section of one kind of results."""
    found = re.search(rf'<section aria-labelledby="{key}">(.*?)</section>', page, re.S)
    assert found, key
    return found.group(1)


def _count(page: str, key: str) -> int:
    return int(re.search(rf'<h2 id="{key}">[^<]*<span class="badge">(\d+)</span>',
                         page).group(1))


def test_a_historical_commitment_by_a_word_typed_without_its_accents(world, client):
    # GT0099: «Creación e implementación de una estrategia integral sobre transparencia,
    # gobierno abierto y anticorrupción.»
    response = client.get("/buscar", query_string={"q": "CREACION estrategia anticorrupcion"})
    assert response.status_code == 200
    page = html(response)
    commitments = _group(page, "compromisos")
    assert "Creación e implementación de una estrategia integral" in commitments
    assert "GT0099" in commitments
    assert _count(page, "compromisos") == 1
    # The last word may be the beginning of a longer one, as people type.
    typed = {"q": "estrategia integral anticorrup"}
    assert "GT0099" in html(client.get("/buscar", query_string=typed))


def test_every_kind_with_its_count(world, client, app):
    with app.app_context():
        make_organization(name="Red de Transparencia Kʼicheʼ", acronym="RTK")
    page = html(client.get("/buscar", query_string={"q": "transparencia"}))
    for key in ("propuestas", "compromisos", "planes", "organizaciones"):
        assert f'<h2 id="{key}">' in page
    assert _count(page, "compromisos") > 10  # the record speaks of transparency often
    assert "Red de Transparencia" in _group(page, "organizaciones")
    total = sum(_count(page, key) for key in
                ("propuestas", "compromisos", "planes", "organizaciones"))
    assert f"{total} resultados" in page
    # The three apostrophes are one: typed with none, with ' and with ’.
    for typed in ("kiche", "k'iche'", "k’iche’"):
        found = html(client.get("/buscar", query_string={"q": typed}))
        assert "Red de Transparencia Kʼicheʼ" in _group(found, "organizaciones"), typed


def test_proposals_of_every_round_and_plans(world, client):
    page = html(client.get("/buscar", query_string={"q": "compras municipales"}))
    assert f'href="/propuestas/{world["visible"]}"' in _group(page, "propuestas")
    plans = html(client.get("/buscar", query_string={"q": "2016-2018"}))
    assert "Plan de Acción Nacional de Gobierno Abierto 2016-2018" in _group(plans, "planes")


def test_nothing_hidden_or_pending_leaks(world, client):
    for q in (SHARED_WORD, *MARKERS, "Reparar municipal"):
        page = html(client.get("/buscar", query_string={"q": q}))
        results = "".join(re.findall(r"<section.*?</section>", page, re.S))
        for marker in MARKERS:
            assert marker not in results, (q, marker)
        assert _count(page, "propuestas") == 0, q


def test_a_withdrawn_proposal_is_found_with_its_status(world, client, app):
    with app.app_context():
        proposal = the(__import__("participa.proposals.models", fromlist=["Proposal"]).Proposal,
                       world["visible"])
        proposal.status = ProposalStatus.WITHDRAWN
        db.session.commit()
    group = _group(html(client.get("/buscar", query_string={"q": "compras"})), "propuestas")
    assert "Retirada por su autor" in group


def test_each_kind_pages_on_its_own(world, client, app):
    with app.app_context():
        for number in range(12):
            make_organization(name=f"Colectivo Ñandutí número {number:02d}")
    first = html(client.get("/buscar", query_string={"q": "nanduti"}))
    assert _count(first, "organizaciones") == 12
    group = _group(first, "organizaciones")
    assert group.count("<li>") == 10
    assert "Página 1 de 2" in group
    next_link = re.search(r'<a href="([^"]+)" rel="next">', group).group(1)
    assert "organizaciones=2" in next_link
    second = html(client.get(next_link.replace("&amp;", "&").split("#")[0]))
    assert _group(second, "organizaciones").count("<li>") == 2
    assert "número 11" in _group(second, "organizaciones")


def test_a_search_too_long_says_so_and_keeps_the_words(world, client):
    typed = "acceso a la información pública " * 7
    response = client.get("/buscar", query_string={"q": typed})
    assert response.status_code == 400
    page = html(response)
    assert "La búsqueda es demasiado larga: escriba como mucho 200 caracteres." in page
    assert f'value="{typed}"' in page
    assert 'aria-invalid="true"' in page
    english = html(client.get("/buscar", query_string={"q": typed, "lang": "en"}))
    assert "The search is too long" in english


def test_bad_parameters_are_a_400(world, client):
    assert client.get("/buscar?q=agua&otro=1").status_code == 400
    assert client.get("/buscar?q=agua&propuestas=0").status_code == 400
    assert client.get("/buscar?q=agua&q=luz").status_code == 400


def test_no_words_no_search(world, client):
    page = html(client.get("/buscar", query_string={"q": " *** "}))
    assert "<section" not in page
    assert html(client.get("/buscar")).count('role="search"') == 2  # the header's, the page's


@pytest.mark.parametrize("path", ["/", "/planes/", "/consultas/", "/acerca-de",
                                  "/cuenta/entrar"])
def test_the_box_is_in_every_header(world, client, path):
    header = html(client.get(path)).split("</header>")[0]
    assert '<form class="site-search" method="get" action="/buscar" role="search">' in header
    assert '<label for="site-search-q"' in header
