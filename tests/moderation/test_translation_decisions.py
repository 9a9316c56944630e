"""A moderator's decision on a translation reaches its translator and the public log, as a
decision on a comment does (issue 18): hidden, she is told in her own language, in the app
and by e-mail, with the reason and a link to the item's translations; restored, she is told
again; dismissed reports tell nobody. The public log lists each decision: a hidden
translation by its number only (never its text, no link), a shown one by the language and
the item it translates, linked; the CSV says the same. Both places where a moderator decides
(the moderation queue and the item's translations page) do it, and each decision is
audited. Every text is visibly fake."""

from __future__ import annotations

import csv
import io
from html import unescape

import sqlalchemy as sa

from participa.accounts.models import User
from participa.base.extensions import db
from participa.content_translation import services as translation_services
from participa.content_translation.models import ContentTranslation
from participa.i18n.selection import language
from participa.moderation.models import ActionKind, ModerationAction
from participa.notifications.services import message_for
from participa.proposals.models import Proposal

from ..content_translation.test_pages import FAKE_ES, _as, _translate, world  # noqa: F401
from ..factories import audit_events, body, mails, make_user, notifications_of
from ..pages import html
from ..querycount import count_queries

QUEUE = "/moderacion/contenido/traducciones"
LOG = "/moderacion/registro"
REASON = "[prueba] No dice lo que el original."


def _report(client, translation_id, reason="[prueba] La traducción está mal."):
    return client.post(f"/traduccion/contenido/traducciones/{translation_id}/denunciar",
                       data={"reason": reason})


def _prepared(app, client, world):  # noqa: F811
    """The proposal translated into Spanish and approved; its translator reads Participa in
    English; a reader reported the translation."""
    translation_id = _translate(client, app, "proposal", world["proposal"], "es", FAKE_ES)
    with app.app_context():
        translator = db.session.get(User, world["translator"])
        translator.preferred_language = "en"
        make_user(email_address="lectora@example.org", name="Lectora Denunciante")
        db.session.commit()
        label = db.session.get(Proposal, world["proposal"]).label
    _as(client, "lectora@example.org")
    assert _report(client, translation_id).status_code == 303
    mails(app)  # what was mailed before (the translation's request) is out of the way
    return translation_id, label


def _log_body(client):
    page = html(client.get(LOG))
    return page[page.index("<tbody>"):page.index("</tbody>")]


def _translator_mails(app):
    return [m for m in mails(app) if m["To"] == "traductora@example.org"]


def test_the_translator_is_told_and_the_log_lists_the_decisions(app, client, world):  # noqa: F811
    translation_id, label = _prepared(app, client, world)
    item_path = f"/traduccion/contenido/proposal/{world['proposal']}"
    sent_before = len(_translator_mails(app))

    # Hidden from the moderation queue, with a reason.
    _as(client, "mtga@example.org")
    assert client.post(f"{QUEUE}/{translation_id}/ocultar",
                       data={"reason": REASON}).status_code == 303
    with app.app_context():
        [hidden] = notifications_of(world["translator"])
        assert hidden.kind == "content_hidden"
        assert hidden.link == f"{item_path}#traduccion-{translation_id}"
        with language("en"):
            assert message_for(hidden.kind, hidden.params) == (
                f"The Mesa Técnica de Gobierno Abierto (MTGA) hid your translation into "
                f"Spanish of “{label}”: readers no longer see it, but it is not deleted. "
                f"Reason: {REASON}")
        with language("es"):
            assert message_for(hidden.kind, hidden.params) == (
                f"La Mesa Técnica de Gobierno Abierto ocultó su traducción al español de "
                f"«{label}»: ya no se muestra a los lectores, pero no se borra. "
                f"Motivo: {REASON}")
    # Her e-mail, in English, with the link, never who reported.
    [mail] = _translator_mails(app)[sent_before:]
    text = body(mail)
    assert "hid your translation into Spanish" in text and REASON in text
    assert f"{item_path}#traduccion-{translation_id}" in text
    assert "Lectora" not in text and "lectora@" not in text

    # The public log: the decision, its reason, the translation by its number only.
    client.post("/cuenta/salir")
    log = _log_body(client)
    assert "<td>Ocultado</td>" in log and REASON in log
    assert f"Contenido oculto (traducción {translation_id})" in log
    for text in FAKE_ES.values():
        assert text not in log
    assert item_path not in log and "Lectora" not in log

    # Shown again: she is told; the log links the translation now that readers see it.
    _as(client, "mtga@example.org")
    assert client.post(f"{QUEUE}/{translation_id}/restaurar").status_code == 303
    with app.app_context():
        restored = notifications_of(world["translator"])[-1]
        assert restored.kind == "content_restored"
        with language("en"):
            assert message_for(restored.kind, restored.params) == (
                f"The Mesa Técnica de Gobierno Abierto (MTGA) reviewed your translation into "
                f"Spanish of “{label}” and showed it again.")
    assert "showed it again" in body(_translator_mails(app)[-1])
    client.post("/cuenta/salir")
    log = _log_body(client)
    assert "<td>Restaurado</td>" in log
    assert (f'<a href="{item_path}#traduccion-{translation_id}">Traducción al español de '
            f"«{label}»</a>") in unescape(log)
    assert FAKE_ES["problem"] not in log

    # Unfounded reports dismissed: in the log, nobody told.
    _as(client, "lectora@example.org")
    assert _report(client, translation_id, "[prueba] Otra vez.").status_code == 409
    with app.app_context():
        make_user(email_address="lector@example.org")
    _as(client, "lector@example.org")
    assert _report(client, translation_id).status_code == 303
    _as(client, "mtga@example.org")
    assert client.post(f"{QUEUE}/{translation_id}/descartar").status_code == 303
    with app.app_context():
        assert len(notifications_of(world["translator"])) == 2
        actions = [(a.action, a.translation_id, a.moderator_id) for a in db.session.scalars(
            sa.select(ModerationAction).order_by(ModerationAction.id))]
    assert actions == [(ActionKind.HIDE, translation_id, world["mtga"]),
                       (ActionKind.RESTORE, translation_id, world["mtga"]),
                       (ActionKind.DISMISS, translation_id, world["mtga"])]

    # The CSV twin, newest first.
    client.post("/cuenta/salir")
    response = client.get(f"{LOG}.csv")
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert [(r["action"], r["target_type"], r["target_id"]) for r in rows] == [
        ("descartar_denuncias", "translation", str(translation_id)),
        ("restaurar", "translation", str(translation_id)),
        ("ocultar", "translation", str(translation_id))]
    assert rows[0]["url"] == f"http://localhost{item_path}#traduccion-{translation_id}"
    assert rows[2]["reason"] == REASON

    # Every decision is audited with the moderator as its actor.
    with app.app_context():
        assert [(e.action, e.actor_id) for e in audit_events()
                if e.action in ("content_translation.hide", "content_translation.restore",
                                "content_translation.dismiss_reports")] == [
            ("content_translation.hide", world["mtga"]),
            ("content_translation.restore", world["mtga"]),
            ("content_translation.dismiss_reports", world["mtga"])]


def test_hiding_from_the_items_page_tells_her_and_logs_it_too(app, client, world):  # noqa: F811
    translation_id, _label = _prepared(app, client, world)
    _as(client, "mtga@example.org")
    response = client.post(f"/traduccion/contenido/traducciones/{translation_id}/ocultar",
                           data={"reason": REASON})
    assert response.status_code in (302, 303)
    with app.app_context():
        assert [n.kind for n in notifications_of(world["translator"])] == ["content_hidden"]
        [action] = db.session.scalars(sa.select(ModerationAction)).all()
        assert (action.action, action.translation_id) == (ActionKind.HIDE, translation_id)
        assert [e.actor_id for e in audit_events("content_translation.hide")] == [
            world["mtga"]]
    assert client.post(f"/traduccion/contenido/traducciones/{translation_id}/mostrar"
                       ).status_code in (302, 303)
    with app.app_context():
        assert [n.kind for n in notifications_of(world["translator"])] == [
            "content_hidden", "content_restored"]
    client.post("/cuenta/salir")
    assert f"traduccion-{translation_id}" in _log_body(client)


def test_a_moderator_hiding_her_own_translation_is_not_told(app, client, world):  # noqa: F811
    translation_id = _translate(client, app, "proposal", world["proposal"], "es", FAKE_ES)
    with app.app_context():
        translation = db.session.get(ContentTranslation, translation_id)
        translator = db.session.get(User, world["translator"])
        translator.is_moderator = True
        translation_services.hide_translation(moderator=translator, translation=translation,
                                              reason=REASON)
        db.session.commit()
        assert notifications_of(world["translator"]) == []
        assert db.session.scalar(sa.select(sa.func.count(ModerationAction.id))) == 1


def test_the_log_with_translations_runs_a_constant_number_of_queries(
        app, client, world):  # noqa: F811
    translation_id = _translate(client, app, "proposal", world["proposal"], "es", FAKE_ES)

    def hide_and_restore(translation):
        mtga = db.session.get(User, world["mtga"])
        translation_services.hide_translation(moderator=mtga, translation=translation,
                                              reason=REASON)
        translation_services.restore_translation(moderator=mtga, translation=translation)

    with app.app_context():
        hide_and_restore(db.session.get(ContentTranslation, translation_id))
        db.session.commit()
    client.get(LOG)
    with count_queries(app) as few:
        assert client.get(LOG).status_code == 200
    with app.app_context():
        original = db.session.get(ContentTranslation, translation_id)
        for n in range(8):
            copy = ContentTranslation(
                target_kind="proposal", target_id=world["proposal"], language="es",
                source_language="quc", texts={**original.texts, "title": f"[prueba es] {n}"},
                source_digest=original.source_digest, translator_id=world["translator"],
                status=original.status)
            db.session.add(copy)
            db.session.flush()
            hide_and_restore(copy)
        db.session.commit()
    with count_queries(app) as many:
        page = html(client.get(LOG))
    assert "18 decisiones" in page
    assert len(many) == len(few), many
