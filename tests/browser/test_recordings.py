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
from . import server as app_server

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


@pytest.fixture(scope="module")
def second_server(server, tmp_path_factory):
    """Another server (its own gunicorn) on the first one's database."""
    running = app_server.start_another(server, tmp_path_factory.mktemp("second-audio"))
    yield running
    app_server.stop(running)


def test_a_renamed_file_is_refused_and_the_audio_is_served_in_ranges_by_two_servers(
        site, server, second_server, unique):
    """The Done-means of issue 18's audio through real servers: a PDF renamed .opus is
    refused with a message and the transcript kept (without JavaScript); a real Opus
    summary of a commitment is then served in ranges (206, Content-Range) by this server and
    by a second one on the same database. (Backup and restore: tests/recordings, on both
    databases.)"""
    data = samples.opus(2)
    with server.arrange() as session:
        commitment_id = session.scalar(sa.select(sa.func.max(Commitment.id)))
    transcript = f"[prueba quc] Resumen de compromiso {unique}."

    translator = site.signed_in_page(TRANSLATOR_EMAIL, server.demo_password, javascript=False)
    translator.goto(f"/grabaciones/compromiso/{commitment_id}/nueva")
    translator.get_by_label("Idioma de la grabación").select_option("quc")
    translator.get_by_label("Transcripción (opcional)").fill(transcript)
    translator.get_by_label("Archivo de audio").set_input_files(
        files=[{"name": "resumen.opus", "mimeType": "audio/ogg", "buffer": samples.pdf()}])
    translator.get_by_role("button", name="Enviar la grabación").click()
    main = translator.locator("main")
    expect(main).to_contain_text("Este archivo no es de un tipo aceptado.")
    expect(translator.get_by_label("Transcripción (opcional)")).to_have_value(transcript)
    # The refusal answers 422, which the browser logs as a failed resource: expected here.
    site.problems = [problem for problem in site.problems
                     if "status of 422" not in problem or "/nueva" not in problem]

    translator.get_by_label("Archivo de audio").set_input_files(
        files=[{"name": "resumen.opus", "mimeType": "audio/ogg", "buffer": data}])
    translator.get_by_role("button", name="Enviar la grabación").click()
    expect(translator).to_have_url(re.compile(rf"/planes/compromisos/{commitment_id}$"))
    source = translator.locator("main audio").last.get_attribute("src")

    visitor = site.new_page()
    for base in (server.url, second_server.url):
        answer = visitor.request.get(f"{base}{source}", headers={"Range": "bytes=100-299"})
        assert answer.status == 206, (base, answer.status)
        assert answer.headers["content-range"] == f"bytes 100-299/{len(data)}"
        assert answer.body() == data[100:300]
