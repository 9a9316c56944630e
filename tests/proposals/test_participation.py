""""Mi participación": the person's own proposals and the ones they support, with what
became of each."""

from __future__ import annotations

import re

from participa.accounts.models import User
from participa.base.extensions import db
from participa.consultations.models import ConsultationRound
from participa.organizations.models import Organization

from ..factories import login_as, make_proposal, make_support
from ..pages import html
from .world import ESCAPED_XSS, XSS, world_fixture  # noqa: F401


def _section(page: str, heading_id: str) -> str:
    match = re.search(rf'<section aria-labelledby="{heading_id}">.*?</section>', page, re.S)
    assert match, page
    return match.group(0)


def test_anonymous_is_sent_to_log_in_and_the_nav_link_is_for_signed_in_people(client, world):
    response = client.get("/mi-participacion")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/cuenta/entrar")
    assert 'href="/mi-participacion"' not in html(client.get("/"))
    login_as(client, "other")
    assert 'href="/mi-participacion"' in html(client.get("/"))
    page = html(client.get("/mi-participacion"))
    assert 'href="/mi-participacion" aria-current="page"' in page
    assert "Todavía no ha enviado propuestas." in page
    assert "Todavía no apoya ninguna propuesta." in page


def test_lists_own_and_supported_proposals_with_status_and_count(client, world):
    with client.application.app_context():
        round_ = db.session.get(ConsultationRound, world["round"])
        author = db.session.get(User, world["author"])
        other = db.session.get(User, world["other"])
        third = db.session.get(User, world["third"])
        cso = db.session.get(Organization, world["cso"])
        mine = make_proposal(round_, author, title="Mi propuesta publicada", organization=cso)
        withdrawn = make_proposal(round_, author, title="Mi propuesta retirada",
                                  withdrawn=True)
        theirs = make_proposal(round_, other, title="Propuesta de Beto")
        unrelated = make_proposal(round_, third, title="Propuesta que no apoyo")
        make_support(mine, other)
        make_support(mine, third)
        make_support(theirs, author)
        make_support(unrelated, other)
        references = {p.title: p.reference for p in (mine, withdrawn, theirs)}
    login_as(client, "author")
    page = html(client.get("/mi-participacion"))
    own = _section(page, "mis-propuestas")
    assert "Mi propuesta publicada" in own and "Mi propuesta retirada" in own
    assert references["Mi propuesta publicada"] in own
    assert "Publicada" in own and "Retirada por su autor" in own
    assert "2 apoyos" in own and "0 apoyos" in own
    assert "En nombre de Acción Ciudadana" in own
    assert "La retiró el" in own
    assert "todavía no la ha respondido" in own
    assert "Propuesta de Beto" not in own
    supported = _section(page, "apoyadas")
    assert "Propuesta de Beto" in supported and "1 apoyo" in supported
    assert "Propuesta que no apoyo" not in page
    assert "Mi propuesta publicada" not in supported


def test_texts_are_escaped(client, world):
    with client.application.app_context():
        round_ = db.session.get(ConsultationRound, world["round"])
        round_.title = XSS
        author = db.session.get(User, world["author"])
        other_proposal = make_proposal(round_, db.session.get(User, world["other"]), title=XSS)
        make_proposal(round_, author, title=XSS)
        make_support(other_proposal, author)
    login_as(client, "author")
    page = html(client.get("/mi-participacion"))
    assert "<script>alert" not in page and "<img src=x" not in page
    assert page.count(ESCAPED_XSS) == 4  # two titles, the round twice
