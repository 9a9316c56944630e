"""A proposal received as a recording opens a request for its Spanish translation when it
arrives (issue 18, item 4; docs/decisions.md, "A recorded proposal's translation"): while it
waits for approval, the translators of its language hear it and write what it says in
Spanish, another translator approves, and the MTGA reads it beside the recording before it
decides; the public hears and reads nothing until the proposal is approved. A recording in
Spanish opens no request. Every text is visibly fake."""

from __future__ import annotations

import io
import re

import pytest
import sqlalchemy as sa

from participa.accounts.models import User
from participa.base.errors import Conflict, Invalid
from participa.base.extensions import db
from participa.content_translation import services as translation
from participa.content_translation.models import (
    ContentTranslation,
    TranslationRequest,
    TranslationRequestStatus,
)
from participa.moderation import services as moderation
from participa.proposals.models import Proposal
from participa.recordings.models import Recording

from ..factories import (
    audit_events,
    login,
    make_axis,
    make_open_round,
    make_plan,
    make_user,
)
from ..files import samples
from ..pages import html

TITLE = "[prueba quc] Agua para la escuela"
SAID = "[prueba es] Pedimos agua potable para la escuela de la aldea."


@pytest.fixture
def world(app):
    with app.app_context():
        plan = make_plan()
        make_axis(plan, name="Agua y saneamiento")
        round = make_open_round(plan=plan)
        people = {
            "author": make_user(email_address="persona@example.org", name="Ixchel"),
            "mtga": make_user(email_address="mtga@example.org", is_moderator=True),
            "translator": make_user(email_address="traductora@example.org",
                                    translates=("quc",)),
            "reviewer": make_user(email_address="revisora@example.org", reviews=("quc",)),
            "other": make_user(email_address="otra@example.org", translates=("kek",)),
        }
        db.session.commit()
        return {"round": round.id, **{k: v.id for k, v in people.items()}}


def _submit(app, client, world, language="quc"):
    login(client, "persona@example.org")
    sent = client.post(f"/consultas/{world['round']}/propuestas/grabada", data={
        "title": TITLE, "idioma_grabacion": language,
        "grabacion": (io.BytesIO(samples.opus(2)), "propuesta.opus"),
    }, content_type="multipart/form-data")
    assert sent.status_code == 303, html(sent)
    client.post("/cuenta/salir")
    with app.app_context():
        proposal = db.session.scalars(sa.select(Proposal)).one()
        recording = db.session.scalars(sa.select(Recording)).one()
        return sent.headers["Location"], proposal.id, recording.id, recording.file_id


def test_the_submission_opens_a_spanish_request_for_what_the_recording_says(
        app, client, world):
    _path, proposal_id, recording_id, _file = _submit(app, client, world)
    with app.app_context():
        [request] = db.session.scalars(sa.select(TranslationRequest)).all()
        assert (request.target_kind, request.target_id, request.language,
                request.source_language, request.status, request.requested_by_id) == (
            "recording", recording_id, "es", "quc", TranslationRequestStatus.OPEN,
            world["author"])
        assert [e.action for e in audit_events()] == [
            "proposal.submit_recorded", "content_translation.request"]
        # The transcript is empty: the translation is required all the same.
        translator = db.session.get(User, world["translator"])
        with pytest.raises(Invalid):
            translation.deliver_translation(translator=translator, kind="recording",
                                            item_id=recording_id, language="es",
                                            texts={"transcript": "  "})
        assert db.session.get(Proposal, proposal_id).moderation_state.value == "pendiente"


def test_a_spanish_recording_opens_no_request(app, client, world):
    _submit(app, client, world, language="es")
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(
            TranslationRequest)) == 0


def test_translated_while_it_waits_then_read_by_the_mtga_beside_the_recording(
        app, client, world):
    path, proposal_id, recording_id, file_id = _submit(app, client, world)
    item = f"/traduccion/contenido/recording/{recording_id}"

    # Nobody else hears it or reads its translations' page: the public, another language's
    # translator.
    assert client.get(f"/archivos/{file_id}").status_code == 404
    assert client.get(item).status_code == 404
    login(client, "otra@example.org")
    assert client.get(f"/archivos/{file_id}").status_code == 404
    assert client.get(item).status_code == 404
    client.post("/cuenta/salir")

    # A translator of K'iche' finds the request, hears the recording and writes it.
    login(client, "traductora@example.org")
    workspace = html(client.get("/traduccion/quc/contenido"))
    assert "Propuesta grabada" in workspace and TITLE in workspace
    with app.app_context():
        request_id = db.session.scalar(sa.select(TranslationRequest.id))
    taken = client.post(f"/traduccion/contenido/pedidos/{request_id}/tomar")
    assert taken.status_code == 303
    form = html(client.get(taken.headers["Location"]))
    assert re.search(rf'<audio controls preload="none" lang="quc" src="/archivos/{file_id}"',
                     form)
    assert client.get(f"/archivos/{file_id}").status_code == 200
    assert client.get(f"/grabaciones/{recording_id}").status_code == 200
    empty = client.post(taken.headers["Location"], data={"transcript": ""})
    assert empty.status_code == 422
    delivered = client.post(taken.headers["Location"], data={"transcript": SAID})
    assert delivered.status_code == 303
    client.post("/cuenta/salir")

    # Another approves it.
    login(client, "revisora@example.org")
    with app.app_context():
        translation_id = db.session.scalar(sa.select(ContentTranslation.id))
    assert SAID in html(client.get(item))
    approved = client.post(f"/traduccion/contenido/traducciones/{translation_id}/revisar",
                           data={"decision": "aprobar", "note": ""})
    assert approved.status_code == 303
    client.post("/cuenta/salir")

    # The MTGA reads it in Spanish beside the recording, then approves the proposal.
    login(client, "mtga@example.org")
    page = html(client.get(path))
    shown = page.split('id="grabacion-traducida"')[1].split("</section>")[0]
    assert SAID in shown and 'lang="es"' in shown
    assert "Traducción de" in shown and "revisada por" in shown
    assert page.index('id="grabacion-traducida"') < page.index('id="grabacion-original"')
    assert client.post(
        f"/moderacion/contenido/propuestas/{proposal_id}/aprobar").status_code in (302, 303)
    client.post("/cuenta/salir")

    # Now public: a visitor with the Spanish interface reads it beside the recording, and
    # the translation is open data.
    public = html(client.get(path))
    assert SAID in public and "grabacion-original" in public
    assert client.get(item).status_code == 200
    data = client.get("/api/v1/translations?kind=recording").get_json()
    assert [t["texts"]["transcript"] for t in data["data"]] == [SAID]


def test_a_hidden_recorded_proposal_is_no_longer_translated(app, client, world):
    _path, proposal_id, recording_id, file_id = _submit(app, client, world)
    with app.app_context():
        moderator = db.session.get(User, world["mtga"])
        moderation.hide(moderator=moderator, target=db.session.get(Proposal, proposal_id),
                        reason="Fuera de tema.")
        db.session.commit()
        translator = db.session.get(User, world["translator"])
        with pytest.raises(Conflict):
            translation.deliver_translation(translator=translator, kind="recording",
                                            item_id=recording_id, language="es",
                                            texts={"transcript": SAID})
    login(client, "traductora@example.org")
    assert client.get(f"/archivos/{file_id}").status_code == 404
    assert client.get(f"/traduccion/contenido/recording/{recording_id}").status_code == 404
