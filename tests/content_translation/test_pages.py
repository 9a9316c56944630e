"""Content translation through its pages (issue 18, items 2, 3 and 5): a K'iche' proposal
asked for in Spanish, taken, delivered and approved; the MTGA's answer translated into
K'iche'; what readers see in each language; the workspace; moderation; bad input."""

from __future__ import annotations

import re

import pytest

from participa.base.extensions import db
from participa.consolidation import services as consolidation
from participa.consultations.models import PhaseKind
from participa.content_translation.models import ContentTranslation
from participa.proposals.models import Proposal, ResponseDecision

from ..factories import login, make_open_round, make_proposal, make_user
from ..pages import html

FAKE_ES = {"title": "[prueba es] Agua para la aldea",
           "problem": "[prueba es] La aldea no tiene agua.",
           "proposed_commitment": "[prueba es] Publicar los proyectos de agua.",
           "benefit": "[prueba es] Saber en qué se gasta."}
FAKE_QUC_REASON = "[prueba quc] La MTGA la incorporó al compromiso de agua."


@pytest.fixture
def world(app):
    with app.app_context():
        round_ = make_open_round(PhaseKind.REVIEW)
        author = make_user(email_address="autora@example.org", preferred_language="quc")
        proposal = make_proposal(round_, author, title="[prueba quc] Ja' pa ri tinamit",
                                 problem="[prueba quc] Problema",
                                 proposed_commitment="[prueba quc] Compromiso",
                                 benefit="[prueba quc] Beneficio")
        proposal.language = "quc"
        db.session.commit()
        people = {
            "mtga": make_user(email_address="mtga@example.org", is_moderator=True),
            "translator": make_user(email_address="traductora@example.org", name="Traductora",
                                    translates=("quc",)),
            "reviewer": make_user(email_address="revisora@example.org", name="Revisora",
                                  reviews=("quc",)),
        }
        return {"proposal": proposal.id, "round": round_.id, "author": author.id,
                **{k: v.id for k, v in people.items()}}


def _as(client, email):
    client.post("/cuenta/salir")
    assert login(client, email).status_code in (302, 303)


def _translate(client, app, kind, item_id, language, texts):
    """Asked by the MTGA, taken and delivered by the translator, approved by the reviewer."""
    _as(client, "mtga@example.org")
    assert client.post(f"/traduccion/contenido/{kind}/{item_id}/pedir",
                       data={"language": language}).status_code == 303
    _as(client, "traductora@example.org")
    page = html(client.get("/traduccion/quc/contenido"))
    [request_id] = re.findall(r"/traduccion/contenido/pedidos/(\d+)/tomar", page)
    assert client.post(f"/traduccion/contenido/pedidos/{request_id}/tomar").status_code == 303
    assert client.post(f"/traduccion/contenido/{kind}/{item_id}/{language}",
                       data=texts).status_code == 303
    _as(client, "revisora@example.org")
    with app.app_context():
        translation_id = db.session.scalar(db.select(ContentTranslation.id).order_by(
            ContentTranslation.id.desc()).limit(1))
    assert client.post(f"/traduccion/contenido/traducciones/{translation_id}/revisar",
                       data={"decision": "aprobar"}).status_code == 303
    return translation_id


def test_the_whole_journey_through_the_pages(app, client, world):
    proposal = world["proposal"]
    _translate(client, app, "proposal", proposal, "es", FAKE_ES)
    # A Spanish reader reads the translation, credited, with the original one link away.
    client.post("/cuenta/salir")
    page = html(client.get(f"/propuestas/{proposal}?lang=es"))
    assert "[prueba es] La aldea no tiene agua." in page
    assert "Traducción de Traductora, revisada por Revisora." in page
    assert 'href="#original"' in page
    assert re.search(r'<p lang="es">\[prueba es\] La aldea', page)
    assert re.search(r'<p lang="quc">\[prueba quc\] Problema', page)
    # The MTGA answers in Spanish and publishes; then asks for the answer in K'iche'.
    with app.app_context():
        from participa.accounts.models import User
        mtga = db.session.get(User, world["mtga"])
        item = db.session.get(Proposal, proposal)
        response = consolidation.prepare_response(
            actor=mtga, proposal=item, decision=ResponseDecision.NOT_INCORPORATED,
            reason="La MTGA no la incorporó porque ya existe un compromiso igual.",
            commitment=None)
        consolidation.publish_responses(actor=mtga, round=item.round)
        db.session.commit()
        response_id = response.id
    _translate(client, app, "response", response_id, "quc", {"reason": FAKE_QUC_REASON})
    # The author, with the K'iche' interface, reads the answer beside its original and is
    # told: the notification renders the translated answer.
    _as(client, "autora@example.org")
    page = html(client.get(f"/propuestas/{proposal}?lang=quc"))
    assert FAKE_QUC_REASON in page
    assert "ya existe un compromiso igual" in page
    assert 'href="#respuesta-original"' in page
    notices = html(client.get("/notificaciones/"))
    assert FAKE_QUC_REASON in notices


def test_pending_translations_are_not_shown_to_readers(app, client, world):
    _as(client, "traductora@example.org")
    assert client.post(f"/traduccion/contenido/proposal/{world['proposal']}/es",
                       data=FAKE_ES).status_code == 303
    client.post("/cuenta/salir")
    page = html(client.get(f"/propuestas/{world['proposal']}?lang=es"))
    assert "[prueba es]" not in page
    item_page = html(client.get(f"/traduccion/contenido/proposal/{world['proposal']}"))
    assert "[prueba es]" not in item_page


def test_an_empty_field_is_refused_and_what_was_typed_kept(app, client, world):
    _as(client, "traductora@example.org")
    answer = client.post(f"/traduccion/contenido/proposal/{world['proposal']}/es",
                         data={**FAKE_ES, "benefit": ""})
    assert answer.status_code == 422
    page = html(answer)
    assert "Escriba la traducción de este texto." in page
    assert "[prueba es] La aldea no tiene agua." in page


def test_a_request_into_the_language_it_is_written_in_is_refused(app, client, world):
    _as(client, "mtga@example.org")
    answer = client.post(f"/traduccion/contenido/proposal/{world['proposal']}/pedir",
                         data={"language": "quc"})
    assert answer.status_code == 422
    assert "El texto ya está escrito en ese idioma." in html(answer)


def test_moderation_hides_a_translation_from_readers(app, client, world):
    translation_id = _translate(client, app, "proposal", world["proposal"], "es", FAKE_ES)
    _as(client, "mtga@example.org")
    assert client.post(f"/traduccion/contenido/traducciones/{translation_id}/ocultar",
                       data={"reason": ""}).status_code == 422
    assert client.post(f"/traduccion/contenido/traducciones/{translation_id}/ocultar",
                       data={"reason": "No corresponde."}).status_code == 303
    client.post("/cuenta/salir")
    assert "[prueba es]" not in html(client.get(f"/propuestas/{world['proposal']}?lang=es"))


def test_a_round_call_and_a_commitment_in_the_readers_language(app, client, world):
    """A K'iche' reader reads the round's call and a commitment's title and summary in
    K'iche' when reviewed translations exist, beside their Spanish originals."""
    with app.app_context():
        from participa.accounts.models import User
        from participa.consultations.models import ConsultationRound
        from participa.content_translation import services as translating
        from participa.plans.models import Commitment

        round_ = db.session.get(ConsultationRound, world["round"])
        translator = db.session.get(User, world["translator"])
        reviewer = db.session.get(User, world["reviewer"])
        mtga = db.session.get(User, world["mtga"])
        item = db.session.get(Proposal, world["proposal"])
        draft = consolidation.create_draft(actor=mtga, round=round_, proposals=[item],
                                           title="Agua potable en las aldeas")
        db.session.commit()
        for kind, item_id, texts in (
                ("call", round_.id, {"title": "[prueba quc] Consulta",
                                     "description": "[prueba quc] Convocatoria."}),
                ("commitment", draft.id, {"title": "[prueba quc] Agua",
                                          "commitment_text": "[prueba quc] Compromiso."})):
            if kind == "call":
                round_.description = "Convocatoria en español."
                db.session.commit()
            translation = translating.deliver_translation(
                translator=translator, kind=kind, item_id=item_id, language="quc",
                texts=texts)
            translating.review_translation(reviewer=reviewer, translation=translation,
                                           approve=True)
        db.session.commit()
        draft_id = draft.id
        assert db.session.get(Commitment, draft_id) is not None
    page = html(client.get(f"/consultas/{world['round']}?lang=quc"))
    assert '<p lang="quc">[prueba quc] Convocatoria.</p>' in page
    assert "Convocatoria en español." in page
    page = html(client.get(f"/planes/compromisos/{draft_id}?lang=quc"))
    assert '<p lang="quc">[prueba quc] Compromiso.</p>' in page
    assert 'href="#original"' in page
    # In Spanish, the originals alone.
    page = html(client.get(f"/consultas/{world['round']}?lang=es"))
    assert "[prueba quc] Convocatoria." not in page


def test_an_unknown_kind_or_item_is_a_404(client, world):
    assert client.get(f"/traduccion/contenido/nada/{world['proposal']}").status_code == 404
    assert client.get("/traduccion/contenido/proposal/999999").status_code == 404
    assert client.get("/traduccion/contenido/proposal/99999999999").status_code == 404
