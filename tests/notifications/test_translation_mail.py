"""«The translation you asked for is ready» by e-mail (issue 18, items 3 and 5), through the
real SMTP server: in the reader's language, naming the item by its translated title where a
reviewed translation into that language exists (the MTGA, who asked for a K'iche' proposal
in Spanish, reads its Spanish title, and of a response, its proposal's), and by its own label
otherwise. Every text is visibly fake."""

from __future__ import annotations

import sqlalchemy as sa

from participa.base.extensions import db
from participa.content_translation import services as translation
from participa.notifications.models import Notification
from participa.proposals.models import Response, ResponseDecision

from ..factories import make_proposal, make_user, send_outbox
from .test_mail_kinds import _to

ORIGINAL = "[prueba quc] Ja' pa le tinimit"
SPANISH = "[prueba es] Agua para el municipio"
TEXTS = {"title": SPANISH, "problem": "[prueba es] Problema",
         "proposed_commitment": "[prueba es] Compromiso", "benefit": "[prueba es] Beneficio"}


def _translated(requester, kind, item_id, language, texts, translator, reviewer):
    request = translation.request_translation(requester=requester, kind=kind,
                                              item_id=item_id, language=language)
    delivered = translation.deliver_translation(translator=translator, kind=kind,
                                                item_id=item_id, language=language,
                                                texts=texts, request=request)
    translation.review_translation(reviewer=reviewer, translation=delivered, approve=True)


def test_translation_ready_is_mailed_in_the_readers_language_with_the_translated_title(
        app, smtp):
    with app.app_context():
        author = make_user(name="Ixchel")
        proposal = make_proposal(author=author, title=ORIGINAL)
        proposal.language = "quc"
        mtga = make_user(name="Mesa", email_address="mesa@example.org", is_moderator=True,
                         preferred_language="es")
        observer = make_user(name="Observer", email_address="observer@example.org",
                             is_moderator=True, preferred_language="en")
        translator = make_user(translates=("quc",))
        reviewer = make_user(reviews=("quc",))
        _translated(mtga, "proposal", proposal.id, "es", TEXTS, translator, reviewer)
        # The English reader asked for it too: one request, hers is the same (the first
        # requester is told); she asks for the answer's K'iche' translation instead.
        response = Response(proposal=proposal, decision=ResponseDecision.NOT_INCORPORATED,
                            reason="La MTGA no la incorpora.", language="es",
                            published_at=proposal.created_at)
        db.session.add(response)
        db.session.flush()
        _translated(observer, "response", response.id, "quc",
                    {"reason": "[prueba quc] Respuesta."}, translator, reviewer)
        db.session.commit()
        proposal_label, proposal_id = proposal.reference, proposal.id
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Notification)
                                 .where(Notification.kind == "translation_ready")) == 2
    assert send_outbox(app) == 2

    [spanish] = _to(smtp, "mesa@example.org")
    assert spanish["Subject"] == "Participa: está lista la traducción que pidió"
    assert spanish["Content-Language"] == "es"
    text = spanish.get_content()
    assert (f"Está lista la traducción que pidió de «{proposal_label} {SPANISH}» al español."
            in text), text
    assert ORIGINAL not in text
    assert f"http://localhost/propuestas/{proposal_id}" in text
    assert "desde ahora se lee junto al original" in text

    [english] = _to(smtp, "observer@example.org")
    assert english["Content-Language"] == "en"
    assert english["Subject"] == "Participa: the translation you asked for is ready"
    text = english.get_content()
    # No English translation of the proposal: named by its own label, the language by its
    # own name.
    assert (f"The translation you asked for of “Response to {proposal_label} {ORIGINAL}” "
            "into K'iche' is ready." in text), text
    assert "#respuesta" in text
