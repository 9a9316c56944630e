"""The moderators' queue: open reports grouped by item with the reported text in context,
two orders, pending and hidden content, blocked accounts; strict parameters; a constant
number of queries."""

from __future__ import annotations

from datetime import timedelta

import pytest

from participa.accounts.models import User
from participa.base.extensions import db
from participa.base.time import utcnow
from participa.comments.models import Comment
from participa.content.visibility import ModerationState
from participa.moderation import services
from participa.proposals.models import Proposal

from ..factories import login_as, make_proposal, make_user
from ..pages import html
from ..querycount import count_queries
from .conftest import logout, make_comment

QUEUE = "/moderacion/contenido/denuncias"


def _report(world, who, target, minutes_ago, reason="ofensivo", details=""):
    services.report(reporter=db.session.get(User, world[who]), target=target, reason=reason,
                    details=details, now=utcnow() - timedelta(minutes=minutes_ago))


@pytest.fixture
def reported(app, world):
    """The proposal reported once (the oldest), the comment twice, the author once."""
    with app.app_context():
        proposal = db.session.get(Proposal, world["proposal"])
        comment = db.session.get(Comment, world["comment"])
        author = db.session.get(User, world["author"])
        _report(world, "rep1", proposal, 60, "spam", "Parece publicidad.")
        _report(world, "rep2", comment, 50)
        _report(world, "rep3", comment, 40, "datos_personales")
        _report(world, "rep4", author, 30, "otro", "Escribe desde varias cuentas.")
        db.session.commit()


def _order(page: str, *needles: str) -> list[int]:
    return [page.index(needle) for needle in needles]


def test_the_queue_groups_reports_by_item_oldest_first(client, world, reported):
    login_as(client, "moderator")
    page = html(client.get(QUEUE))
    assert "3 elementos con denuncias abiertas" in page
    positions = _order(page, "Propuesta P-", "Comentario de Carlos Comenta",
                       "Persona: Ana Autora")
    assert positions == sorted(positions)
    assert "2 denuncias abiertas" in page
    assert "Ofensivo (1), Expone datos personales (1)" in page or \
        "Expone datos personales (1), Ofensivo (1)" in page
    # The reported text in context.
    assert "Compras municipales abiertas" in page and "Las compras no se publican." in page
    assert "Esto ya existe en Guatecompras, no hace falta." in page
    assert "No para las municipalidades pequeñas." in page  # the author's recent reply
    assert "Parece publicidad." in page and "Escribe desde varias cuentas." in page
    # Never who reported.
    assert "Denunciante" not in page and "rep1@" not in page
    assert f'/moderacion/contenido/propuestas/{world["proposal"]}?volver=' in page


def test_most_reported_first(client, world, reported):
    login_as(client, "moderator")
    page = html(client.get(f"{QUEUE}?orden=mas_denunciadas"))
    first, second = _order(page, "Comentario de Carlos Comenta", "Propuesta P-")
    assert first < second


@pytest.mark.parametrize("query", ["?orden=votos", "?orden=antiguas&orden=antiguas",
                                   "?page=0", "?page=abc", "?page=%C2%B2", "?otra=1",
                                   "?page=100001", "?page=" + "9" * 5000, "?page=%2B2"])
def test_unknown_parameters_are_400(client, world, query):
    login_as(client, "moderator")
    assert client.get(QUEUE + query).status_code == 400


def test_lists_refuse_unknown_parameters(client, world):
    login_as(client, "moderator")
    for url in ("/moderacion/contenido/pendientes?tipo=usuarios",
                "/moderacion/contenido/ocultos?orden=x",
                "/moderacion/contenido/cuentas-bloqueadas?tipo=propuestas",
                f"/moderacion/contenido/propuestas/{world['proposal']}?x=1"):
        assert client.get(url).status_code == 400, url
    assert client.get("/moderacion/contenido/propuestas/999999").status_code == 404
    assert client.get("/moderacion/contenido/usuarios/1").status_code == 404


def test_resolved_items_leave_the_queue(client, app, world, reported):
    with app.app_context():
        services.dismiss_reports(moderator=db.session.get(User, world["moderator"]),
                                 target=db.session.get(Proposal, world["proposal"]))
        db.session.commit()
    login_as(client, "moderator")
    page = html(client.get(QUEUE))
    assert "2 elementos con denuncias abiertas" in page
    assert "Propuesta P-" not in page


def test_pending_hidden_and_blocked_lists(client, app, world):
    with app.app_context():
        moderator = db.session.get(User, world["moderator"])
        proposal = db.session.get(Proposal, world["proposal"])
        pending = make_comment(db.session.get(User, world["participant"]), proposal=proposal,
                               body="Comentario de una cuenta nueva.")
        pending.moderation_state = ModerationState.PENDING
        services.hide(moderator=moderator, target=db.session.get(Comment, world["comment"]),
                      reason="Fuera de tema.")
        db.session.commit()
        pending_id = pending.id
    login_as(client, "moderator")
    page = html(client.get("/moderacion/contenido/pendientes"))
    assert "No hay nada esperando aprobación" in page  # no pending proposals
    assert "Esperan aprobación (1)" in page
    page = html(client.get("/moderacion/contenido/pendientes?tipo=comentarios"))
    assert "Comentario de una cuenta nueva." in page
    assert f"/moderacion/contenido/comentarios/{pending_id}/aprobar" in page
    page = html(client.get("/moderacion/contenido/ocultos?tipo=comentarios"))
    assert "Esto ya existe en Guatecompras" in page and "Fuera de tema." in page
    page = html(client.get("/moderacion/contenido/cuentas-bloqueadas"))
    assert "Berta Bloqueada" in page and "Spam repetido." in page


def test_moderators_find_the_queue(client, world):
    login_as(client, "moderator")
    assert 'href="/moderacion/contenido/denuncias"' in html(client.get("/"))
    logout(client)
    login_as(client, "participant")
    assert "/moderacion/contenido" not in html(client.get("/"))


def test_the_queue_runs_a_constant_number_of_queries(client, app, world, reported):
    login_as(client, "moderator")
    client.get(QUEUE)  # warm up
    with count_queries(app) as few:
        assert client.get(QUEUE).status_code == 200
    with app.app_context():
        round_ = db.session.get(Proposal, world["proposal"]).round
        for n in range(6):
            author = make_user(name=f"Autor {n}")
            proposal = make_proposal(round_, author, title=f"Otra propuesta {n}")
            comment = make_comment(author, proposal=proposal, body=f"Comentario {n}",
                                   parent=None)
            reply = make_comment(make_user(), proposal=proposal, body=f"Respuesta {n}",
                                 parent=comment)
            for target in (proposal, reply, author):
                for who in ("rep1", "rep2"):
                    _report(world, who, target, 5)
        db.session.commit()
    with count_queries(app) as many:
        response = client.get(QUEUE)
    assert response.status_code == 200
    assert "21 elementos con denuncias abiertas" in html(response)  # 20 on the page
    assert len(many) == len(few), many
    page = html(client.get(f"{QUEUE}?page=2"))
    assert page.count("Revisar y decidir") == 1 and "Página 2 de 2" in page
    assert 'href="/moderacion/contenido/denuncias?page=1"' in page


XSS = '<script>alert("x")</script>'


def test_everything_people_wrote_is_escaped(client, app, world):
    with app.app_context():
        author = make_user(name="Nombre " + XSS)
        proposal = make_proposal(db.session.get(Proposal, world["proposal"]).round, author,
                                 title="Título " + XSS, problem="Problema " + XSS)
        comment = make_comment(author, proposal=proposal, body="Comentario " + XSS)
        for target in (proposal, comment, author):
            _report(world, "rep1", target, 5, "otro", "Detalles " + XSS)
        services.create_template(moderator=db.session.get(User, world["moderator"]),
                                 title="Motivo " + XSS, body="Texto " + XSS)
        db.session.commit()
        ids = (proposal.id, comment.id, author.id)
    login_as(client, "moderator")
    for url in (QUEUE, f"/moderacion/contenido/propuestas/{ids[0]}",
                f"/moderacion/contenido/comentarios/{ids[1]}",
                f"/moderacion/contenido/personas/{ids[2]}", "/moderacion/contenido/motivos"):
        page = html(client.get(url))
        assert "<script>alert" not in page, url
        assert "&lt;script&gt;" in page, url
