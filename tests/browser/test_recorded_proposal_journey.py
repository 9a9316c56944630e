"""A proposal told in K'iche' and translated while it waits (issue 18, item 4), in a real
browser on SQLite and PostgreSQL, at phone and desktop size: a participant sends her proposal
as a recording (a real Opus file, without JavaScript); a request for what it says in Spanish
is open at once; a translator of K'iche' takes it, hears the recording on the translation's
page and writes it in Spanish; another approves; the MTGA reads it beside the recording
(side by side on a wide screen, stacked at 360 px) before deciding. Every text is visibly
fake."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from participa.demo import proposal_data as demo_data
from participa.demo.organizations import REVIEWER_EMAIL, TRANSLATOR_EMAIL

from ..factories import PASSWORD, make_user
from ..files import samples
from .pages import menu
from .test_content_translation_journey import MODERATOR, approve, side_by_side, take_and_deliver

pytestmark = pytest.mark.browser


def test_a_recorded_kiche_proposal_is_read_by_the_mtga_in_spanish_beside_it(
        site, server, unique, viewport):
    email = f"ixmucane-{unique}@example.org"
    with server.arrange():
        make_user(name=f"Ixmucane {unique}", email_address=email)
    title = f"[prueba quc] Ja' grabada {unique}"
    said = f"[prueba es] Pedimos agua potable para la escuela ({unique})."

    author = site.signed_in_page(email, PASSWORD, javascript=False)
    menu(author, "Consultas").click()
    author.get_by_role("link", name=demo_data.ROUND_TITLE).click()
    author.get_by_role("link", name="Enviar una propuesta").click()
    author.get_by_role("link", name="Enviar una propuesta grabada").click()
    author.get_by_label("Título corto").fill(title)
    author.get_by_label("Idioma de la grabación").select_option(label="K'iche'")
    author.get_by_label("Archivo de audio").set_input_files(
        files=[{"name": "propuesta.opus", "mimeType": "audio/ogg", "buffer": samples.opus(2)}])
    author.get_by_role("button", name="Enviar la propuesta grabada").click()
    expect(author.get_by_role("heading", level=1)).to_have_text(title)
    path = re.sub(r"^https?://[^/]+", "", author.url).split("?")[0]

    translator = site.signed_in_page(TRANSLATOR_EMAIL, server.demo_password)
    take_and_deliver(translator, unique, {"Lo que dice la grabación": said})
    reviewer = site.signed_in_page(REVIEWER_EMAIL, server.demo_password)
    approve(reviewer, unique)

    mtga = site.signed_in_page(MODERATOR, server.demo_password)
    mtga.goto(path)
    translated = mtga.get_by_role("region", name="Lo que dice la grabación")
    expect(translated).to_contain_text(said)
    expect(translated.locator('p[lang="es"]').first).to_be_visible()
    expect(mtga.locator('#grabacion-original audio[lang="quc"]')).to_have_attribute(
        "preload", "none")
    side_by_side(mtga, "#grabacion-traducida", "#grabacion-original", viewport)
