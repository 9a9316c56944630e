"""Download my data: one's own account, organisations, proposals, supports, votes, comments,
reports and notifications, as JSON and CSV in a ZIP, with the password on every download."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
import sqlalchemy as sa

from participa.base.extensions import db
from participa.base.time import utcnow
from participa.comments.models import Comment, CommentRevision
from participa.i18n import cli as catalogs
from participa.moderation.models import Report, ReportReason
from participa.notifications import following
from participa.notifications.models import Delivery, Notification
from participa.notifications.services import set_deliveries
from participa.plans.models import Commitment, CommitmentStatus
from participa.translation import catalog
from participa.translation.models import (
    SourceMessage,
    Suggestion,
    TranslatorRequest,
    TranslatorRole,
)
from participa.voting.models import Vote

from ..factories import (
    PASSWORD,
    login,
    make_membership,
    make_open_round,
    make_organization,
    make_proposal,
    make_support,
    make_user,
)

URL = "/cuenta/mis-datos/"


@pytest.fixture
def ana(app) -> int:
    """Ana, with something of every kind; Beto, whose data must not leak into hers."""
    with app.app_context():
        ana = make_user(email_address="ana@example.org", name="Ana Ajú")
        beto = make_user(email_address="beto@example.org", name="Beto Secreto")
        make_membership(ana, make_organization(name="Red Ciudadana", acronym="RC"))
        round_ = make_open_round()
        mine = make_proposal(round_, ana, title="Compras abiertas en Sololá")
        theirs = make_proposal(round_, beto, title="Propuesta privada de Beto")
        make_support(theirs, ana)
        make_support(mine, beto)
        draft = Commitment(plan_id=round_.plan_id, number=7, title="Presupuesto abierto",
                           status=CommitmentStatus.DRAFT, round_id=round_.id)
        db.session.add(draft)
        db.session.flush()
        db.session.add(Vote(round_id=round_.id, commitment_id=draft.id, user_id=ana.id))
        comment = Comment(proposal_id=theirs.id, author_id=ana.id,
                          body="=HYPERLINK(\"http://evil.example\")", edited_at=utcnow())
        db.session.add(comment)
        db.session.add(Comment(proposal_id=mine.id, author_id=beto.id,
                               body="Comentario de Beto"))
        db.session.flush()
        db.session.add(CommentRevision(comment_id=comment.id, body="Mi primer texto",
                                       created_at=utcnow()))
        db.session.add(Report(reporter_id=ana.id, proposal_id=theirs.id,
                              reason=ReportReason.OFF_TOPIC, details="No es del tema"))
        db.session.add(Report(reporter_id=beto.id, proposal_id=mine.id,
                              reason=ReportReason.SPAM, details="Denuncia de Beto"))
        db.session.add(Notification(user_id=ana.id, kind="desconocido", params={},
                                    link="/propuestas/1"))
        db.session.add(Notification(user_id=beto.id, kind="desconocido", params={}))
        for person, target in ((ana, theirs), (beto, mine)):
            following.set_following(user=person, target_type=following.PROPOSAL,
                                    target_id=target.id, active=True)
        set_deliveries(user_id=ana.id, choices={"comment_reply": Delivery.DIGEST})
        # She translates K'iche' (and asked for Mam); Beto's suggestion is his.
        catalog.sync(catalog.read_template(catalogs.POT))
        message = db.session.scalar(sa.select(SourceMessage).where(
            SourceMessage.msgid == "Propuestas", SourceMessage.context.is_(None)))
        db.session.add(TranslatorRole(user_id=ana.id, language="quc"))
        db.session.add(TranslatorRole(user_id=beto.id, language="quc"))
        db.session.add(TranslatorRequest(user_id=ana.id, language="mam",
                                         motivation="Mi abuela lo habla."))
        for author, text in ((ana, "[quc] Propuestas"), (beto, "[quc] Propuestas de Beto")):
            db.session.add(Suggestion(message_id=message.id, language="quc", forms=[text],
                                      source_msgid="Propuestas", author_id=author.id))
        db.session.commit()
        return ana.id


def _archive(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(response.data))


def _csv(archive: zipfile.ZipFile, name: str) -> list[dict[str, str]]:
    text = archive.read(name).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_the_page_asks_for_the_password(client, ana):
    assert client.get(URL).status_code == 302
    login(client, "ana@example.org")
    page = client.get(URL).get_data(as_text=True)
    assert '<label for="password">' in page
    assert "no es correcta" not in page and 'aria-invalid' not in page
    assert 'autocomplete="current-password"' in page
    assert 'method="post"' in page
    assert "Descargar mis datos" in client.get("/cuenta/").get_data(as_text=True)


def test_download_has_everything_of_hers_and_nothing_of_others(client, ana):
    login(client, "ana@example.org")
    response = client.post(URL, data={"password": PASSWORD})
    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Content-Disposition"].startswith(
        'attachment; filename="participa-mis-datos-')
    archive = _archive(response)
    data = json.loads(archive.read("datos.json"))
    assert data["cuenta"]["email"] == "ana@example.org"
    assert data["cuenta"]["name"] == "Ana Ajú"
    assert [m["organization"] for m in data["organizaciones"]] == ["Red Ciudadana"]
    assert [p["title"] for p in data["propuestas"]] == ["Compras abiertas en Sololá"]
    assert [s["proposal_title"] for s in data["apoyos"]] == ["Propuesta privada de Beto"]
    assert [(v["commitment_number"], v["commitment"]) for v in data["votos"]] == [
        (7, "Presupuesto abierto")]
    assert [c["body"] for c in data["comentarios"]] == ['=HYPERLINK("http://evil.example")']
    assert [r["body"] for r in data["revisiones_de_comentarios"]] == ["Mi primer texto"]
    assert [(r["reason"], r["details"]) for r in data["denuncias"]] == [
        ("fuera_de_tema", "No es del tema")]
    assert [n["link"] for n in data["avisos"]] == ["/propuestas/1"]
    assert data["avisos"][0]["text"]
    assert [(f["target"], f["following"]) for f in data["seguimientos"]] == [
        ("proposal", True)]
    assert [(p["kind"], p["delivery"]) for p in data["preferencias_de_avisos"]] == [
        ("comment_reply", "resumen")]
    assert [(r["language"], r["can_review"], r["credit"], r["revoked_at"])
            for r in data["roles_de_traduccion"]] == [("quc", False, "nombre", None)]
    assert [(r["language"], r["motivation"], r["status"])
            for r in data["solicitudes_de_traduccion"]] == [
        ("mam", "Mi abuela lo habla.", "pendiente")]
    assert [(s["language"], s["source"], s["forms"], s["status"])
            for s in data["sugerencias_de_traduccion"]] == [
        ("quc", "Propuestas", ["[quc] Propuestas"], "pendiente")]
    raw = archive.read("datos.json").decode()
    for foreign in ("beto@example.org", "Comentario de Beto", "Denuncia de Beto",
                    "Propuestas de Beto",
                    "$argon2", "password_hash", "totp_secret"):
        assert foreign not in raw
    # The CSV twins, formula-safe for spreadsheets.
    names = set(archive.namelist())
    assert {"cuenta.csv", "propuestas.csv", "apoyos.csv", "votos.csv", "comentarios.csv",
            "denuncias.csv", "avisos.csv", "organizaciones.csv"} <= names
    [comment] = _csv(archive, "comentarios.csv")
    assert comment["body"] == "'=HYPERLINK(\"http://evil.example\")"
    [account] = _csv(archive, "cuenta.csv")
    assert account["email"] == "ana@example.org"


def test_every_download_needs_the_password(app, client, ana):
    login(client, "ana@example.org")
    assert client.post(URL, data={"password": PASSWORD}).status_code == 200
    again = client.post(URL, data={})
    assert again.status_code == 422 and again.mimetype == "text/html"
    wrong = client.post(URL, data={"password": "no es mi contraseña"})
    assert wrong.status_code == 422
    assert "La contraseña actual no es correcta." in wrong.get_data(as_text=True)
    assert client.post(URL, data={"password": PASSWORD}, csrf=False).status_code == 400
    # Nothing reachable without the form: no other route serves the archive.
    routes = [rule.rule for rule in app.url_map.iter_rules()
              if rule.endpoint.startswith("personal_data.")]
    assert routes == [URL]


def test_a_user_with_nothing_gets_the_empty_lists(client, app):
    with app.app_context():
        make_user(email_address="nueva@example.org")
    login(client, "nueva@example.org")
    archive = _archive(client.post(URL, data={"password": PASSWORD}))
    data = json.loads(archive.read("datos.json"))
    assert data["propuestas"] == [] and data["avisos"] == []
    assert data["seguimientos"] == [] and data["preferencias_de_avisos"] == []
    assert set(archive.namelist()) == {"datos.json", "cuenta.csv"}
