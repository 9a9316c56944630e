"""Following a draft (issue 17): a person who reads Participa in Kaqchikel follows the draft
of the comments round with its button, hears of its new version by e-mail (sent by the real
``flask mail worker`` beside the server) rendered in her language, and stops that kind of
e-mail from the mail's own link, in a browser that is not signed in.

The Kaqchikel catalog translates almost none of these messages: the e-mail says it is in
Kaqchikel (``Content-Language: cak``) and each message without a translation falls back to
Spanish, which is what the test reads. It writes no Kaqchikel itself."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from participa.accounts.models import User
from participa.base.extensions import db
from participa.consultations.models import ConsultationRound
from participa.notifications.models import Delivery
from participa.notifications.services import delivery_of
from participa.plans.models import Commitment
from participa.plans.versions import latest_number, save_version, version_values

from ..factories import PASSWORD, make_user
from ..plans.drafts import CONTACTS, MILESTONES
from .server import DRAFTS_ROUND

pytestmark = pytest.mark.browser

MODERATOR = "moderador@participa.example"


def _the_draft() -> Commitment:
    round_ = db.session.scalar(
        sa.select(ConsultationRound).where(ConsultationRound.title == DRAFTS_ROUND))
    return db.session.scalar(sa.select(Commitment).where(Commitment.round_id == round_.id))


def test_follow_a_draft_hear_of_its_new_version_in_kaqchikel_and_stop_it_from_the_mail(
        site, server, unique):
    address = f"sigue-{unique}@example.org"
    with server.arrange():
        person = make_user(name=f"Juana Sicajau {unique}", email_address=address)
        person_id, draft_id = person.id, _the_draft().id

    page = site.signed_in_page(address, PASSWORD, javascript=False)
    with server.arrange():  # she reads Participa in Kaqchikel (her profile's language)
        db.session.get(User, person_id).preferred_language = "cak"
    page.goto(f"/planes/compromisos/{draft_id}?lang=cak")
    # Kaqchikel is the page's chosen language (the html element keeps Spanish, the language
    # most of its text is in while few messages are translated).
    expect(page.locator('header .lang a[aria-current="true"]')).to_have_attribute(
        "hreflang", "cak")
    page.locator(f'form[action="/notificaciones/seguir/commitment/{draft_id}"]') \
        .get_by_role("button").click()
    expect(page.locator(
        f'form[action="/notificaciones/dejar-de-seguir/commitment/{draft_id}"]')).to_be_visible()

    # The MTGA saves a new version; its e-mail waits in the outbox until the worker runs.
    with server.arrange():
        draft = _the_draft()
        newest = latest_number(draft)
        values = version_values(next(v for v in draft.versions if v.number == newest))
        save_version(
            actor=db.session.scalar(sa.select(User).where(User.email == MODERATOR)),
            commitment=draft, base_number=newest,
            fields={**values, "observations": f"Revisado tras los comentarios ({unique})."},
            milestones=MILESTONES, contacts=CONTACTS, change_note="Hitos con fechas.",
        )
    assert server.mails_to(address) == []
    server.run_mail_worker()
    [message] = server.mails_to(address)
    assert message["Content-Language"] == "cak"
    text = message.get_content()
    assert f"Hay una versión nueva ({newest + 1}) del borrador de compromiso" in text
    link = message["List-Unsubscribe"].strip("<>")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link in text and link.startswith(server.url)

    # From the mail, in a browser where nobody is signed in.
    stranger = site.new_page(javascript=False)
    stranger.goto(urlsplit(link).path)
    expect(stranger.get_by_role("heading", level=1)).to_have_text(
        "Dejar de recibir estos correos")
    expect(stranger.get_by_role("listitem").filter(
        has_text="Versiones nuevas de los borradores que sigue o comentó")).to_be_visible()
    stranger.get_by_role("button", name="Dejar de recibirlos").click()
    expect(stranger.get_by_role("heading", level=1)).to_have_text(
        "Ya no recibirá estos correos")
    with server.arrange():
        assert delivery_of(person_id, "draft_version") == Delivery.NONE
        assert delivery_of(person_id, "comment_reply") == Delivery.NOW
