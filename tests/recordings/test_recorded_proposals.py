"""A participant sends her proposal as a recording in her language with a short title (issue
18, item 4): a real Opus file is received, the proposal waits for the moderation's approval
whatever the round's setting, an anonymous visitor hears nothing (its page and its file answer
404) until a moderator approves it, then everyone hears it; a renamed non-audio file is refused
with the title and the language kept; the submission is audited."""

from __future__ import annotations

import io
import re

import pytest
import sqlalchemy as sa

from participa.audit.models import AuditEvent
from participa.base.extensions import db
from participa.consultations.models import PhaseKind
from participa.content.visibility import ModerationState
from participa.files.models import StoredFile
from participa.proposals.models import Proposal, ReceivedAs
from participa.recordings.models import Recording, Target

from ..factories import login, make_axis, make_open_round, make_plan, make_user
from ..files import samples
from ..pages import html

TITLE = "[prueba quc] Agua potable para la aldea"


@pytest.fixture
def world(app):
    with app.app_context():
        plan = make_plan()
        axis = make_axis(plan, name="Agua y saneamiento")
        round = make_open_round(plan=plan)
        make_user(email_address="persona@example.org")
        make_user(email_address="mtga@example.org", is_moderator=True)
        db.session.commit()
        return {"round": round.id, "axis": axis.id}


def _url(world) -> str:
    return f"/consultas/{world['round']}/propuestas/grabada"


def _send(client, world, data: bytes, name: str, **fields):
    return client.post(_url(world), data={
        "title": TITLE, "idioma_grabacion": "quc", "axis": str(world["axis"]),
        "grabacion": (io.BytesIO(data), name), **fields,
    }, content_type="multipart/form-data")


def test_a_recorded_proposal_waits_for_approval_then_is_public(app, client, world):
    login(client, "persona@example.org")
    written_form = html(client.get(f"/consultas/{world['round']}/propuestas/nueva"))
    assert "Enviar una propuesta grabada" in written_form
    assert f'href="{_url(world)}"' in written_form
    form = html(client.get(_url(world)))
    assert 'enctype="multipart/form-data"' in form
    # The recording's language starts on the interface's (Spanish here).
    assert re.search(r'<option[^>]*value="es"[^>]*selected|<option[^>]*selected[^>]*'
                     r'value="es"', form)
    data = samples.opus(2)
    sent = _send(client, world, data, "mi-propuesta.opus")
    assert sent.status_code == 303, html(sent)
    proposal_url = sent.headers["Location"]
    with app.app_context():
        proposal = db.session.scalars(sa.select(Proposal)).one()
        assert proposal.received_as == ReceivedAs.RECORDING
        assert proposal.moderation_state == ModerationState.PENDING
        assert (proposal.title, proposal.language, proposal.axis_id) == (
            TITLE, "quc", world["axis"])
        assert proposal.problem == proposal.proposed_commitment == proposal.benefit == ""
        recording = db.session.scalars(sa.select(Recording)).one()
        assert (recording.target, recording.target_id) == (Target.PROPOSAL, proposal.id)
        assert recording.file.media_type == "audio/ogg"
        assert db.session.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.id)
                                  ).all() == ["proposal.submit_recorded",
                                              "content_translation.request"]
        proposal_id, recording_id, file_id = proposal.id, recording.id, recording.file_id
    file_url = f"/archivos/{file_id}"

    # Its author hears it and reads that it was received as a recording.
    page = html(client.get(proposal_url))
    assert "Esta propuesta se recibió como grabación" in page
    [audio] = re.findall(r"<audio[^>]*>", page)
    assert 'controls' in audio and 'preload="none"' in audio and 'lang="quc"' in audio
    assert client.get(file_url).status_code == 200
    assert "Su propuesta espera la aprobación de la moderación." in page
    assert "Modificar la propuesta" not in page  # a recording is not edited

    # An anonymous visitor hears nothing before approval.
    client.post("/cuenta/salir")
    assert client.get(file_url).status_code == 404
    assert client.get(f"/grabaciones/{recording_id}").status_code == 404
    assert TITLE not in html(client.get(proposal_url))

    # A moderator hears it and approves it.
    login(client, "mtga@example.org")
    assert client.get(file_url).status_code == 200
    queue = html(client.get("/moderacion/contenido/pendientes"))
    assert f"/moderacion/contenido/propuestas/{proposal_id}/aprobar" in queue
    approved = client.post(f"/moderacion/contenido/propuestas/{proposal_id}/aprobar")
    assert approved.status_code in (302, 303)
    client.post("/cuenta/salir")

    public = html(client.get(proposal_url))
    assert TITLE in public and 'preload="none"' in public
    heard = client.get(file_url, headers={"Range": "bytes=0-99"})
    assert heard.status_code == 206 and heard.data == data[:100]
    assert client.get(f"/grabaciones/{recording_id}").status_code == 200


def test_pre_moderated_even_where_the_round_publishes_at_once(app, client, world):
    login(client, "persona@example.org")
    assert _send(client, world, samples.opus(), "a.opus", axis="").status_code == 303
    with app.app_context():
        proposal = db.session.scalars(sa.select(Proposal)).one()
        assert proposal.moderation_state == ModerationState.PENDING
        assert proposal.axis_id is None  # the axis is optional


def test_a_renamed_non_audio_file_is_refused_with_the_title_kept(app, client, world):
    login(client, "persona@example.org")
    for data, name in ((samples.pdf(), "propuesta.opus"), (samples.png(), "voz.mp3")):
        refused = _send(client, world, data, name)
        assert refused.status_code == 422
        page = html(refused)
        assert "Este archivo no es de un tipo aceptado." in page
        assert TITLE in page
        assert re.search(r'<option[^>]*selected[^>]*value="quc"|<option[^>]*value="quc"[^>]*'
                         r"selected", page)
        assert "elija el archivo otra vez" in page
    missing_title = _send(client, world, samples.opus(), "a.opus", title="  ")
    assert missing_title.status_code == 422
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(StoredFile)) == 0
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Proposal)) == 0


def test_only_signed_in_participants_of_an_open_round(app, client, world):
    assert client.get(_url(world)).status_code == 302  # to the log-in
    with app.app_context():
        closed = make_open_round(PhaseKind.VOTE, plan=make_plan())
        closed_id = closed.id
    login(client, "persona@example.org")
    assert client.get("/consultas/999999/propuestas/grabada").status_code == 404
    refused = _send(client, {**world, "round": closed_id}, samples.opus(), "a.opus", axis="")
    assert refused.status_code in (403, 409)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Proposal)) == 0
