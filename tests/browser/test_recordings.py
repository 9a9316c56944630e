"""Recorded audio in a real browser (issue 18, item 4), on SQLite and PostgreSQL, at phone
(360 px) and desktop size, without JavaScript for the upload: the demo's translator attaches a
real Opus recording with its transcript to a commitment; a visitor finds a plain player
(``controls``, ``preload="none"``, the recording's ``lang``, no autoplay) and the transcript
one link away. axe and the page weights are checked on every page visited (conftest); the
audio itself is not loaded by the page (preload none), so the page weighs what it did."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from participa.demo.organizations import TRANSLATOR_EMAIL
from participa.plans.models import Commitment

from ..files import samples

pytestmark = pytest.mark.browser


def test_a_translator_attaches_a_recording_and_a_visitor_plays_it(site, server, unique):
    data = samples.opus(2)
    with server.arrange() as session:
        commitment_id = session.scalar(sa.select(sa.func.min(Commitment.id)))
    transcript = f"[prueba quc] Resumen grabado {unique}."

    translator = site.signed_in_page(TRANSLATOR_EMAIL, server.demo_password, javascript=False)
    translator.goto(f"/planes/compromisos/{commitment_id}")
    translator.get_by_role("link", name="Añadir una grabación").click()
    translator.get_by_label("Idioma de la grabación").select_option("quc")
    translator.get_by_label("Transcripción (opcional)").fill(transcript)
    translator.get_by_label("Archivo de audio").set_input_files(
        files=[{"name": "resumen.opus", "mimeType": "audio/ogg", "buffer": data}])
    translator.get_by_role("button", name="Enviar la grabación").click()
    expect(translator).to_have_url(re.compile(rf"/planes/compromisos/{commitment_id}$"))

    visitor = site.new_page()
    visitor.goto(f"/planes/compromisos/{commitment_id}")
    player = visitor.locator('audio[lang="quc"]').last
    expect(player).to_have_attribute("preload", "none")
    expect(player).to_have_attribute("controls", "")
    expect(visitor.locator("audio[autoplay]")).to_have_count(0)
    visitor.get_by_role("link", name="Transcripción y descarga").last.click()
    expect(visitor.locator('div[lang="quc"]')).to_contain_text(transcript)
