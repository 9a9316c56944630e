"""Translations are moderated like any content (issue 18, item 2): a reader reports a shown
translation (once; not her own), the MTGA finds it in its moderation queue with the reasons,
hides it with a reason (its reports attended), shows it again (dismissed) or dismisses the
reports; hidden translations stay in the queue; every decision is audited; only moderators
see the queue. Every text is visibly fake."""

from __future__ import annotations

import re

import sqlalchemy as sa

from participa.base.extensions import db
from participa.content.visibility import ModerationState
from participa.content_translation.models import (
    ContentTranslation,
    TranslationReport,
    TranslationReportStatus,
)

from ..content_translation.test_pages import FAKE_ES, _as, _translate, world  # noqa: F401
from ..factories import audit_events, make_user
from ..pages import html

QUEUE = "/moderacion/contenido/traducciones"
WRONG = "[prueba] La traducción dice lo contrario del original."


def _report(client, translation_id, reason=WRONG):
    return client.post(f"/traduccion/contenido/traducciones/{translation_id}/denunciar",
                       data={"reason": reason})


def _reports(app):
    with app.app_context():
        return [(r.status, r.resolved_by_id is not None) for r in db.session.scalars(
            sa.select(TranslationReport).order_by(TranslationReport.id))]


def test_a_reported_translation_is_hidden_from_the_queue_and_shown_again(
        app, client, world):  # noqa: F811
    translation_id = _translate(client, app, "proposal", world["proposal"], "es", FAKE_ES)
    with app.app_context():
        make_user(email_address="lectora@example.org")
        make_user(email_address="lector@example.org")

    # Readers report it from its translations' page (linked beside every shown one).
    client.post("/cuenta/salir")
    page = html(client.get(f"/propuestas/{world['proposal']}"))
    assert (f'/traduccion/contenido/proposal/{world["proposal"]}#traduccion-{translation_id}'
            in page)
    assert _report(client, translation_id).status_code == 302  # to the log-in
    _as(client, "traductora@example.org")
    assert _report(client, translation_id).status_code == 403  # her own
    _as(client, "lectora@example.org")
    item = html(client.get(f"/traduccion/contenido/proposal/{world['proposal']}"))
    assert "Denunciar esta traducción" in item
    empty = _report(client, translation_id, reason="  ")
    assert empty.status_code == 422
    assert "Cuente brevemente qué está mal" in html(empty)
    assert _report(client, translation_id).status_code == 303
    again = _report(client, translation_id)
    assert again.status_code == 409 and "Usted ya denunció esta traducción" in html(again)
    _as(client, "lector@example.org")
    assert _report(client, translation_id, "[prueba] Ofensiva.").status_code == 303

    # Only moderators see the queue.
    assert client.get(QUEUE).status_code == 403

    # The MTGA finds it with the readers' reasons, and the tab counts it.
    _as(client, "mtga@example.org")
    queue = html(client.get(QUEUE))
    assert FAKE_ES["problem"] in queue and WRONG in queue and "[prueba] Ofensiva." in queue
    assert "2 denuncias abiertas" in queue
    assert re.search(r"Traducciones \(1\)", html(client.get("/moderacion/contenido/denuncias")))

    # Hiding needs a reason; the typed page comes back with the error.
    refused = client.post(f"{QUEUE}/{translation_id}/ocultar", data={"reason": ""})
    assert refused.status_code == 422
    assert "Escriba por qué la oculta" in html(refused)
    hidden = client.post(f"{QUEUE}/{translation_id}/ocultar",
                         data={"reason": "[prueba] No dice lo que el original."})
    assert hidden.status_code == 303
    assert _reports(app) == [(TranslationReportStatus.ACTED, True)] * 2
    client.post("/cuenta/salir")
    assert FAKE_ES["problem"] not in html(client.get(f"/propuestas/{world['proposal']}"))

    # Still in the queue, hidden; shown again from there, intact.
    _as(client, "mtga@example.org")
    queue = html(client.get(QUEUE))
    assert "[prueba] No dice lo que el original." in queue and "Mostrar de nuevo" in queue
    assert client.post(f"{QUEUE}/{translation_id}/restaurar").status_code == 303
    assert client.post(f"{QUEUE}/{translation_id}/restaurar").status_code == 409
    assert "No hay traducciones denunciadas ni ocultas." in html(client.get(QUEUE))
    client.post("/cuenta/salir")
    assert FAKE_ES["problem"] in html(client.get(f"/propuestas/{world['proposal']}"))

    with app.app_context():
        events = [(e.action, (e.after or {}).get("reports_closed"))
                  for e in audit_events() if e.action.startswith("content_translation.")
                  and e.action in ("content_translation.hide", "content_translation.restore")]
        assert events[0][0] == "content_translation.hide" and len(events[0][1]) == 2
        assert events[1] == ("content_translation.restore", [])


def test_unfounded_reports_are_dismissed_leaving_the_translation_shown(
        app, client, world):  # noqa: F811
    translation_id = _translate(client, app, "proposal", world["proposal"], "es", FAKE_ES)
    with app.app_context():
        make_user(email_address="lectora@example.org")
    _as(client, "lectora@example.org")
    assert _report(client, translation_id).status_code == 303
    _as(client, "mtga@example.org")
    assert client.post(f"{QUEUE}/{translation_id}/descartar").status_code == 303
    assert client.post(f"{QUEUE}/{translation_id}/descartar").status_code == 409
    assert _reports(app) == [(TranslationReportStatus.DISMISSED, True)]
    with app.app_context():
        translation = db.session.get(ContentTranslation, translation_id)
        assert translation.moderation_state == ModerationState.VISIBLE
        [event] = audit_events("content_translation.dismiss_reports")
        assert event.after["open_reports"] == 0
    # A hidden translation can no longer be reported.
    client.post(f"{QUEUE}/{translation_id}/ocultar", data={"reason": "[prueba] Mal."})
    _as(client, "lectora@example.org")
    assert _report(client, translation_id).status_code == 409
