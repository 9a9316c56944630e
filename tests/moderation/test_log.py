"""The public moderation log, as a page and as CSV: every decision with its reason, a link
only to what is public, "Mesa Técnica de Gobierno Abierto" instead of the moderator, and
never who reported or the name of a blocked person."""

from __future__ import annotations

import csv
import io

import pytest

from participa.accounts.models import User
from participa.base.extensions import db
from participa.comments.models import Comment
from participa.moderation import services
from participa.moderation.models import Report
from participa.proposals.models import Proposal

from ..factories import make_proposal
from ..pages import html
from ..querycount import count_queries
from .conftest import REPORTERS

XSS = '<script>alert("x")</script>'


@pytest.fixture
def decided(app, world):
    """The proposal hidden by a moderator; the comment hidden after three reports, then
    restored; the commenter blocked; the reply's report dismissed."""
    with app.app_context():
        moderator = db.session.get(User, world["moderator"])
        proposal = db.session.get(Proposal, world["proposal"])
        comment = db.session.get(Comment, world["comment"])
        services.hide(moderator=moderator, target=proposal, reason="Datos personales " + XSS)
        for who in REPORTERS[:3]:
            services.report(reporter=db.session.get(User, world[who]), target=comment,
                            reason="ofensivo")
        services.restore(moderator=moderator, target=comment, note="=HYPERLINK(\"x\")")
        services.block_user(moderator=moderator,
                            user=db.session.get(User, world["commenter"]),
                            reason="Insultos repetidos.")
        db.session.add(Report(reporter_id=world["rep4"], comment_id=world["reply"],
                              reason="spam"))
        services.dismiss_reports(moderator=moderator,
                                 target=db.session.get(Comment, world["reply"]))
        db.session.commit()
        return {"reference": proposal.reference}


def test_the_log_shows_every_decision_newest_first(client, world, decided):
    page = html(client.get("/moderacion/registro"))
    assert "5 decisiones" in page
    body = page[page.index("<tbody>"):page.index("</tbody>")]
    labels = ["Denuncias descartadas", "Cuenta bloqueada", "Restaurado", "Ocultado",
              "Ocultado"]
    positions = []
    start = 0
    for label in labels:
        position = body.index(f"<td>{label}</td>", start)
        positions.append(position)
        start = position + 1
    assert positions == sorted(positions)
    # A hidden proposal: its reference, not its title, and no link.
    assert f"Contenido oculto ({decided['reference']})" in body
    assert "Compras municipales abiertas" not in body
    assert f'href="/propuestas/{world["proposal"]}"' not in body
    # The restored comment is public again: linked.
    assert f'href="/comentarios/{world["comment"]}"' in body
    assert "Comentario en la propuesta" in body
    # Reasons, escaped; the automatic hide says so.
    assert "&lt;script&gt;" in body and "<script>" not in body
    assert "Oculto automáticamente tras varias denuncias" in body
    assert "Automático, tras varias denuncias" in body
    assert "Insultos repetidos." in body
    # Decisions are the forum's; nobody who reported; no blocked person's name.
    assert "Mesa Técnica de Gobierno Abierto" in body
    for name in ("Moderadora MTGA", "Denunciante", "Carlos Comenta", "commenter@"):
        assert name not in page
    assert "Cuenta de una persona participante" in body


def test_the_csv_twin(client, world, decided):
    response = client.get("/moderacion/registro.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    text = response.get_data(as_text=True).lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["action"] for row in rows] == [
        "descartar_denuncias", "bloquear", "restaurar", "ocultar", "ocultar"]
    hidden = rows[-1]
    assert hidden["target_type"] == "proposal" and hidden["url"] == ""
    assert hidden["reference"] == decided["reference"]
    assert hidden["decided_by"] == "Mesa Técnica de Gobierno Abierto"
    assert rows[-2]["decided_by"] == "Automático, tras varias denuncias"
    assert rows[2]["url"] == f"http://localhost/comentarios/{world['comment']}"
    assert rows[2]["reason"].startswith("'=")  # spreadsheet formulas stay text
    assert rows[1]["target_type"] == "user" and rows[1]["target_id"] == ""
    assert rows[0]["created_at"].endswith("Z")
    for name in ("Moderadora MTGA", "Denunciante", "Carlos Comenta"):
        assert name not in text


@pytest.mark.parametrize("url", ["/moderacion/registro?page=0", "/moderacion/registro?page=x",
                                 "/moderacion/registro?page=" + "9" * 5000,  # int() refuses
                                 "/moderacion/registro?orden=1",
                                 "/moderacion/registro?page=1&page=2",
                                 "/moderacion/registro.csv?page=1"])
def test_strict_parameters(client, world, url):
    assert client.get(url).status_code == 400


def test_the_log_runs_a_constant_number_of_queries(client, app, world, decided):
    client.get("/moderacion/registro")
    with count_queries(app) as few:
        client.get("/moderacion/registro")
    with app.app_context():
        moderator = db.session.get(User, world["moderator"])
        round_ = db.session.get(Proposal, world["proposal"]).round
        for n in range(10):
            services.hide(moderator=moderator, reason="Spam.",
                          target=make_proposal(round_, title=f"Spam {n}"))
        db.session.commit()
    with count_queries(app) as many:
        assert client.get("/moderacion/registro").status_code == 200
    assert len(many) == len(few), many
