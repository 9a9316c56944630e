"""Every moderation route, for every kind of person: the route list comes from the app's
URL map (both blueprints), so a new route cannot escape this matrix.

- The moderators' blueprint refuses anonymous people (log-in page), participants, blocked
  people and translators (403), changes nothing for them, and is never cached.
- Reporting is for signed-in participants who are not blocked; the log is public."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from participa.accounts.models import User
from participa.audit.models import AuditEvent
from participa.base.extensions import db
from participa.base.time import utcnow
from participa.comments.models import Comment
from participa.content.visibility import ModerationState
from participa.content_translation.models import (
    ContentTranslation,
    TranslationReport,
    TranslationStatus,
)
from participa.moderation import permissions, services
from participa.moderation.models import ModerationAction, ReasonTemplate, Report
from participa.proposals.models import Proposal

from ..factories import login_as, make_proposal
from ..pages import html

ROLES = ["anonymous", "participant", "blocked", "translator", "moderator", "admin"]
LOGIN = "/cuenta/entrar"
BLUEPRINTS = ("moderation", "moderation_public")

# endpoint -> GET url (None: POST only)
GETS = {
    "moderation.queue": "/moderacion/contenido/denuncias",
    "moderation.pending": "/moderacion/contenido/pendientes",
    "moderation.hidden": "/moderacion/contenido/ocultos",
    "moderation.blocked": "/moderacion/contenido/cuentas-bloqueadas",
    "moderation.item": "/moderacion/contenido/propuestas/{proposal}",
    "moderation.templates": "/moderacion/contenido/motivos",
    "moderation.new_template": "/moderacion/contenido/motivos/nuevo",
    "moderation.edit_template": "/moderacion/contenido/motivos/{template}/editar",
    "moderation.translations_queue": "/moderacion/contenido/traducciones",
    "moderation.hide_translation": None,
    "moderation.restore_translation": None,
    "moderation.dismiss_translation_reports": None,
    "moderation.hide": None,
    "moderation.restore": None,
    "moderation.dismiss": None,
    "moderation.approve": None,
    "moderation.block": None,
    "moderation.unblock": None,
    "moderation.delete_template": None,
    "moderation_public.report": "/denunciar/propuesta/{proposal}",
    "moderation_public.log": "/moderacion/registro",
    "moderation_public.log_csv": "/moderacion/registro.csv",
}
# endpoint -> (POST url, form data, the item whose state the post needs)
POSTS = {
    "moderation.hide": ("/moderacion/contenido/propuestas/{proposal}/ocultar",
                        {"reason": "Colado"}, ("proposal", "proposal")),
    "moderation.restore": ("/moderacion/contenido/comentarios/{reply}/restaurar", {},
                           ("comment", "reply")),
    "moderation.dismiss": ("/moderacion/contenido/comentarios/{comment}/descartar", {},
                           ("comment", "comment")),
    "moderation.approve": ("/moderacion/contenido/propuestas/{pending}/aprobar", {},
                           ("proposal", "pending")),
    "moderation.block": ("/moderacion/contenido/personas/{commenter}/bloquear",
                         {"reason": "Colado"}, ("user", "commenter")),
    "moderation.unblock": ("/moderacion/contenido/personas/{blocked}/desbloquear", {},
                           ("user", "blocked")),
    "moderation.new_template": ("/moderacion/contenido/motivos/nuevo",
                                {"title": "Colado", "body": "Colado"}, None),
    "moderation.edit_template": ("/moderacion/contenido/motivos/{template}/editar",
                                 {"title": "Colado", "body": "Colado"}, None),
    "moderation.delete_template": ("/moderacion/contenido/motivos/{template}/eliminar", {},
                                   None),
    "moderation_public.report": ("/denunciar/propuesta/{proposal}", {"reason": "spam"}, None),
    "moderation.hide_translation": ("/moderacion/contenido/traducciones/{translation}/ocultar",
                                    {"reason": "Colado"}, None),
    "moderation.restore_translation": (
        "/moderacion/contenido/traducciones/{hidden_translation}/restaurar", {}, None),
    "moderation.dismiss_translation_reports": (
        "/moderacion/contenido/traducciones/{translation}/descartar", {}, None),
}
MODELS = {"proposal": Proposal, "comment": Comment, "user": User}


@pytest.fixture
def setup(app, world) -> dict:
    """Something for every decision to act on: the comment reported, the reply hidden, a
    pending proposal, a reason template."""
    with app.app_context():
        moderator = db.session.get(User, world["moderator"])
        db.session.add(Report(reporter_id=world["rep1"], comment_id=world["comment"],
                              reason="spam"))
        services.hide(moderator=moderator, target=db.session.get(Comment, world["reply"]),
                      reason="Oculto para la prueba.")
        pending = make_proposal(db.session.get(Proposal, world["proposal"]).round,
                                db.session.get(User, world["participant"]),
                                title="Propuesta pendiente")
        pending.moderation_state = ModerationState.PENDING
        template = services.create_template(moderator=moderator, title="Spam",
                                            body="Publicidad.")
        # A reported translation and a hidden one (issue 18).
        translations = [ContentTranslation(
            target_kind="proposal", target_id=world["proposal"], language="quc",
            source_language="es", texts={"title": "[prueba quc] Título"}, source_digest="0",
            translator_id=world["translator"], status=TranslationStatus.APPROVED)
            for _ in range(2)]
        db.session.add_all(translations)
        db.session.flush()
        translations[1].hide("Oculta para la prueba.", utcnow())
        db.session.add(TranslationReport(translation_id=translations[0].id,
                                         reporter_id=world["rep1"], reason="Mal traducida."))
        db.session.commit()
        return {**world, "pending": pending.id, "template": template.id,
                "translation": translations[0].id, "hidden_translation": translations[1].id}


def _state(app) -> tuple:
    with app.app_context():
        count = lambda model: db.session.scalar(sa.select(sa.func.count(model.id)))  # noqa: E731
        return (
            count(AuditEvent), count(ModerationAction), count(Report), count(ReasonTemplate),
            sorted((p.id, p.moderation_state.value) for p in db.session.scalars(
                sa.select(Proposal))),
            sorted((c.id, c.moderation_state.value) for c in db.session.scalars(
                sa.select(Comment))),
            sorted((u.id, u.blocked_at is not None, u.session_epoch)
                   for u in db.session.scalars(sa.select(User))),
            sorted((t.id, t.moderation_state.value) for t in db.session.scalars(
                sa.select(ContentTranslation))),
            sorted((r.id, r.status.value) for r in db.session.scalars(
                sa.select(TranslationReport))),
        )


def test_the_matrix_covers_every_moderation_route(app):
    rules = [r for r in app.url_map.iter_rules() if r.endpoint.split(".")[0] in BLUEPRINTS]
    assert {r.endpoint for r in rules} == set(GETS)
    for rule in rules:
        if GETS[rule.endpoint] is None:
            assert "GET" not in rule.methods, rule
        else:
            assert "GET" in rule.methods, rule
        if "POST" in rule.methods:
            assert rule.endpoint in POSTS, rule
    assert set(POSTS) <= set(GETS)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", sorted(e for e, url in GETS.items() if url))
def test_gets(client, setup, endpoint, role):
    login_as(client, role)
    response = client.get(GETS[endpoint].format(**setup))
    public = endpoint.startswith("moderation_public.")
    if endpoint in ("moderation_public.log", "moderation_public.log_csv"):
        assert response.status_code == 200
        return
    if role == "anonymous":
        assert response.status_code == 302
        assert response.headers["Location"].startswith(f"{LOGIN}?next=")
    elif public:  # the report form
        assert response.status_code == (403 if role == "blocked" else 200), html(response)
    elif role in ("participant", "blocked", "translator"):
        assert response.status_code == 403
    else:
        assert response.status_code == 200, html(response)
    if not public:
        assert response.headers["Cache-Control"] == "no-store"


def _post(client, app, setup, endpoint):
    url, data, item = POSTS[endpoint]
    if item is not None:
        kind, key = item
        with app.app_context():
            data = {**data, "state": services.state_token(
                db.session.get(MODELS[kind], setup[key]))}
    return client.post(url.format(**setup), data=data)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", sorted(POSTS))
def test_posts(client, app, setup, endpoint, role):
    login_as(client, role)
    before = _state(app)
    response = _post(client, app, setup, endpoint)
    public = endpoint.startswith("moderation_public.")
    if role == "anonymous":
        assert response.status_code == 302
        assert response.headers["Location"].startswith(f"{LOGIN}?next=")
    elif role == "blocked" or (not public and role in ("participant", "translator")):
        assert response.status_code == 403
    else:
        assert response.status_code == 303, html(response)
        assert _state(app) != before
        return
    assert _state(app) == before


def test_the_permission_functions(app, world):
    with app.app_context():
        get = lambda key: db.session.get(User, world[key])  # noqa: E731
        proposal = db.session.get(Proposal, world["proposal"])
        assert permissions.can_report(get("participant"), proposal)
        assert permissions.can_report(get("moderator"), proposal)
        assert not permissions.can_report(get("author"), proposal)
        assert not permissions.can_report(get("blocked"), proposal)
        assert not permissions.can_report(get("unconfirmed"), proposal)
        assert not permissions.can_report(None, proposal)
        assert permissions.can_report(get("participant"), get("author"))
        assert not permissions.can_report(get("participant"), get("participant"))
        for key, allowed in (("participant", False), ("blocked", False), ("translator", False),
                             ("moderator", True), ("admin", True)):
            assert permissions.can_moderate_content(get(key)) is allowed
        assert permissions.can_block(get("moderator"), get("participant"))
        assert not permissions.can_block(get("moderator"), get("moderator2"))
        assert not permissions.can_block(get("admin"), get("admin"))
        assert not permissions.can_block(get("participant"), get("commenter"))
