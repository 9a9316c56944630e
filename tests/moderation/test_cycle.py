"""The whole cycle through the pages: three reports hide a comment; a moderator restores
it, hides a proposal with a template reason and blocks its author; the authors are told in
their own language; the public log shows it all without reporters or moderators' names; the
administrators' audit log has every step."""

from __future__ import annotations

import re

import sqlalchemy as sa

from participa.accounts.models import User
from participa.audit.models import AuditEvent
from participa.base.extensions import db
from participa.comments.models import Comment
from participa.content.visibility import ModerationState
from participa.moderation.models import ModerationAction, ReasonTemplate
from participa.proposals.models import Proposal

from ..factories import body, login, login_as, mails, notifications_of, the
from ..pages import html, interface_language
from .conftest import REPORTERS, logout, report

_STATE = re.compile(r'name="state" value="([0-9a-f]+)"')


def _state(client, url):
    page = html(client.get(url))
    return _STATE.search(page).group(1)


def test_the_full_cycle(client, app, world):
    author_browser = app.test_client()
    login(author_browser, "author@example.org")
    assert author_browser.get("/cuenta/").status_code == 200

    # 1. Three people report the comment: it is hidden automatically.
    for who in REPORTERS[:3]:
        login_as(client, who)
        assert report(client, "comentario", world["comment"], "ofensivo",
                      f"Me ofende ({who})").status_code == 303
        logout(client)
    with app.app_context():
        assert the(Comment, world["comment"]).moderation_state == ModerationState.HIDDEN

    # 2. A moderator finds it in the queue and restores it.
    login_as(client, "moderator")
    queue = html(client.get("/moderacion/contenido/denuncias"))
    assert "Esto ya existe en Guatecompras" in queue and "3 denuncias abiertas" in queue
    url = f"/moderacion/contenido/comentarios/{world['comment']}"
    response = client.post(f"{url}/restaurar", data={
        "note": "Es una crítica legítima.", "state": _state(client, url)})
    assert response.status_code == 303
    with app.app_context():
        assert the(Comment, world["comment"]).moderation_state == ModerationState.VISIBLE

    # 3. A reason template, then the proposal hidden with it.
    response = client.post("/moderacion/contenido/motivos/nuevo", data={
        "title": "Datos personales", "is_active": "y",
        "body": "Publica datos personales de terceros."})
    assert response.status_code == 303
    with app.app_context():
        template_id = db.session.scalar(sa.select(ReasonTemplate.id))
    url = f"/moderacion/contenido/propuestas/{world['proposal']}"
    response = client.post(f"{url}/ocultar", data={
        "template": str(template_id), "reason": "", "state": _state(client, url)})
    assert response.status_code == 303

    # Hidden, never deleted: the public reads the notice and the reason, moderators the text.
    page = html(client.get(f"/propuestas/{world['proposal']}"))
    assert "Las compras no se publican." in page
    logout(client)
    page = html(client.get(f"/propuestas/{world['proposal']}"))
    assert "Oculto por moderación" in page
    assert "Publica datos personales de terceros." in page
    assert "Las compras no se publican." not in page
    login_as(client, "moderator")

    # 4. Its author is blocked; her sessions end.
    url = f"/moderacion/contenido/personas/{world['author']}"
    response = client.post(f"{url}/bloquear", data={
        "reason": "Publica datos personales una y otra vez.", "until": "",
        "state": _state(client, url)})
    assert response.status_code == 303
    assert author_browser.get("/cuenta/").status_code == 302
    logout(client)

    # 5. The authors were told, in the app and by e-mail, never who reported.
    with app.app_context():
        assert [n.kind for n in notifications_of(world["commenter"])] == [
            "content_hidden", "content_restored"]
        assert [n.kind for n in notifications_of(world["author"])] == [
            "content_hidden", "account_blocked"]
        assert the(User, world["author"]).is_blocked
        reference = the(Proposal, world["proposal"]).reference
    login_as(client, "author")
    page = html(client.get("/notificaciones/"))
    assert interface_language(page) == "cak"  # she reads the interface in Kaqchikel
    assert f"ocultó su propuesta {reference}" in page
    assert "Publica datos personales de terceros." in page
    assert "bloqueó su cuenta" in page
    assert "Denunciante" not in page
    logout(client)
    to_author = [body(m) for m in mails(app) if m["To"] == "author@example.org"]
    to_commenter = [body(m) for m in mails(app) if m["To"] == "commenter@example.org"]
    assert len(to_author) == 2 and len(to_commenter) == 2
    assert all("Ruwäch b'i'aj:" in text for text in to_author)  # her language
    assert any("Es una crítica legítima." in text for text in to_commenter)
    assert not any("Denunciante" in text or "Me ofende" in text
                   for text in to_author + to_commenter)

    # 6. The public log: every decision, the forum as the decider, no names.
    page = html(client.get("/moderacion/registro"))
    assert "4 decisiones" in page
    for text in ("Ocultado", "Restaurado", "Cuenta bloqueada",
                 f"Contenido oculto ({reference})", "Publica datos personales de terceros.",
                 "Es una crítica legítima.", "Automático, tras varias denuncias",
                 "Mesa Técnica de Gobierno Abierto"):
        assert text in page, text
    for name in ("Denunciante", "Moderadora MTGA", "Ana Autora", "Me ofende"):
        assert name not in page
    csv_text = client.get("/moderacion/registro.csv").get_data(as_text=True)
    assert "Denunciante" not in csv_text and "Moderadora MTGA" not in csv_text

    # 7. The administrators' audit log has every step, with the moderator named.
    with app.app_context():
        steps = [(e.action, e.actor_id) for e in db.session.scalars(
            sa.select(AuditEvent).order_by(AuditEvent.id))]
        assert steps == [
            ("moderation.auto_hide", None),
            ("moderation.restore", world["moderator"]),
            ("reason_template.create", world["moderator"]),
            ("moderation.hide", world["moderator"]),
            ("user.block", world["moderator"]),
        ]
        assert db.session.scalar(sa.select(sa.func.count(ModerationAction.id))) == 4
    login_as(client, "admin")
    audit = html(client.get("/admin/auditoria/"))
    for action in ("moderation.auto_hide", "moderation.restore", "reason_template.create",
                   "moderation.hide", "user.block"):
        assert f"<code>{action}</code>" in audit
