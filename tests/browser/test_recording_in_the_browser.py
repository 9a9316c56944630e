"""Recording in the browser, an enhancement (issue 18, item 4): where the browser can
(MediaRecorder, a microphone; here Chromium's fake microphone, allowed without asking), the
recorded proposal's form gains a button that records and fills the form's own file input;
the recording is sent with the form like a chosen file, and the server measures it (a
browser's WebM has no Duration: its last block's time). The form's page lets this site use
the microphone, no other page does; without JavaScript the form is the plain upload
(tests/browser/test_recorded_proposal_journey.py)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from participa.consultations.models import ConsultationRound
from participa.demo import proposal_data as demo_data
from participa.proposals.models import Proposal
from participa.recordings.models import Recording

from ..factories import PASSWORD, make_user
from .conftest import CHROMIUM, CHROMIUM_ARGS
from .pages import TIMEOUT_MS

pytestmark = pytest.mark.browser

FAKE_MICROPHONE = ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"]


@pytest.fixture(scope="module")
def microphone_browser(browser):
    """Chromium with a fake microphone that it may use without asking."""
    launched = browser.browser_type.launch(executable_path=str(CHROMIUM),
                                           args=CHROMIUM_ARGS + FAKE_MICROPHONE)
    yield launched
    launched.close()


def test_a_proposal_recorded_in_the_browser_is_sent_with_the_form(
        site, server, microphone_browser, unique):
    email = f"ixkik-{unique}@example.org"
    with server.arrange() as session:
        make_user(name=f"Ixkik {unique}", email_address=email)
        round_id = session.scalar(sa.select(ConsultationRound.id).where(
            ConsultationRound.title == demo_data.ROUND_TITLE))
    site.signed_in_page(email, PASSWORD)  # signs in once: its cookies serve the tab below
    context = microphone_browser.new_context(base_url=server.url, locale="es-GT",
                                             storage_state=site.sessions[email])
    context.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        answer = page.goto(f"/consultas/{round_id}/propuestas/grabada")
        assert answer.status == 200, (page.url, answer.status, page.content()[:3000])
        assert "microphone=(self)" in answer.headers["permissions-policy"]
        assert "microphone=()" in page.request.get("/").headers["permissions-policy"]
        assert page.locator("script:not([src])").count() == 0
        title = f"[prueba quc] Grabada en el navegador {unique}"
        page.get_by_label("Título corto").fill(title)
        page.get_by_label("Idioma de la grabación").select_option("quc")
        record = page.get_by_role("button", name="Grabar con el micrófono")
        record.click()
        stop = page.get_by_role("button", name="Detener la grabación")
        expect(stop).to_have_attribute("aria-pressed", "true")
        page.wait_for_timeout(2500)  # the length of the recording, not a wait for the app
        stop.click()
        expect(page.get_by_role("status").filter(has_text="Grabación lista")).to_be_visible()
        assert page.get_by_label("Archivo de audio").evaluate("input => input.files.length") == 1
        page.get_by_role("button", name="Enviar la propuesta grabada").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        expect(page.locator("#grabacion-original audio")).to_have_count(1)
    finally:
        context.close()
    assert errors == []
    with server.arrange() as session:
        proposal = session.scalars(sa.select(Proposal).where(Proposal.title == title)).one()
        recording = session.scalars(sa.select(Recording).where(
            Recording.target_id == proposal.id)).one()
        assert recording.file.media_type in ("audio/webm", "audio/ogg")
        assert 2 <= recording.duration_seconds <= 10
