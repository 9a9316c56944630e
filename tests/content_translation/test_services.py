"""Content translation's services (issue 18, items 2 and 3): asking, taking, delivering,
reviewing, hiding; their rules, the outdated mark, the notification and the audit."""

from __future__ import annotations

import pytest

from participa.base.errors import Conflict, Invalid, NotAllowed
from participa.base.extensions import db
from participa.content.visibility import ModerationState
from participa.content_translation import kinds, queries, services
from participa.content_translation.models import TranslationRequestStatus, TranslationStatus

from ..factories import audit_events, make_proposal, make_user, notifications_of

FAKE = {"title": "[prueba es] Compras abiertas", "problem": "[prueba es] Problema",
        "proposed_commitment": "[prueba es] Compromiso", "benefit": "[prueba es] Beneficio"}


@pytest.fixture
def people(db_session):
    author = make_user(name="Autora")
    proposal = make_proposal(author=author, title="[prueba quc] Título original")
    proposal.language = "quc"
    db.session.commit()
    return {
        "author": author, "proposal": proposal,
        "mtga": make_user(is_moderator=True, name="MTGA"),
        "translator": make_user(name="Traductora", translates=("quc",)),
        "reviewer": make_user(name="Revisora", reviews=("quc",)),
        "other": make_user(name="Otra", translates=("kek",), reviews=("kek",)),
    }


def _delivered(people):
    request = services.request_translation(requester=people["mtga"], kind="proposal",
                                           item_id=people["proposal"].id, language="es")
    services.take_request(translator=people["translator"], request=request)
    translation = services.deliver_translation(
        translator=people["translator"], kind="proposal", item_id=people["proposal"].id,
        language="es", texts=FAKE, request=request)
    return request, translation


def test_a_request_is_taken_delivered_approved_and_the_requester_told(people):
    request, translation = _delivered(people)
    assert request.status == TranslationRequestStatus.DELIVERED
    assert translation.status == TranslationStatus.PENDING
    assert queries.shown(("proposal", people["proposal"].id), "es") is None
    services.review_translation(reviewer=people["reviewer"], translation=translation,
                                approve=True)
    db.session.commit()
    shown = queries.shown(("proposal", people["proposal"].id), "es")
    assert shown is not None and shown.translation.texts["title"] == FAKE["title"]
    assert not shown.outdated
    [notification] = notifications_of(people["mtga"].id)
    assert notification.kind == "translation_ready"
    actions = {event.action for event in audit_events()}
    assert {"content_translation.request", "content_translation.take",
            "content_translation.deliver", "content_translation.approve"} <= actions


def test_a_second_open_request_for_the_same_language_is_the_first(people):
    first = services.request_translation(requester=people["mtga"], kind="proposal",
                                         item_id=people["proposal"].id, language="es")
    again = services.request_translation(requester=people["author"], kind="proposal",
                                         item_id=people["proposal"].id, language="es")
    assert again.id == first.id


def test_who_may_ask_translate_and_review(people):
    proposal_id = people["proposal"].id
    with pytest.raises(NotAllowed):
        services.request_translation(requester=people["other"], kind="proposal",
                                     item_id=proposal_id, language="es")
    with pytest.raises(Invalid):
        services.request_translation(requester=people["mtga"], kind="proposal",
                                     item_id=proposal_id, language="quc")
    with pytest.raises(NotAllowed):
        services.deliver_translation(translator=people["other"], kind="proposal",
                                     item_id=proposal_id, language="es", texts=FAKE)
    with pytest.raises(Invalid):
        services.deliver_translation(translator=people["translator"], kind="proposal",
                                     item_id=proposal_id, language="es",
                                     texts={**FAKE, "benefit": "  "})
    _request, translation = _delivered(people)
    with pytest.raises(NotAllowed):  # one's own translation
        services.review_translation(reviewer=people["translator"], translation=translation,
                                    approve=True)
    with pytest.raises(NotAllowed):  # a reviewer of another language
        services.review_translation(reviewer=people["other"], translation=translation,
                                    approve=True)
    with pytest.raises(Invalid):  # a rejection says why
        services.review_translation(reviewer=people["reviewer"], translation=translation,
                                    approve=False)
    services.review_translation(reviewer=people["reviewer"], translation=translation,
                                approve=True)
    with pytest.raises(Conflict):
        services.review_translation(reviewer=people["reviewer"], translation=translation,
                                    approve=True)


def test_a_rejected_translation_reopens_its_request(people):
    request, translation = _delivered(people)
    services.review_translation(reviewer=people["reviewer"], translation=translation,
                                approve=False, note="Falta el beneficio.")
    assert request.status == TranslationRequestStatus.OPEN
    assert translation.status == TranslationStatus.REJECTED
    assert queries.shown(("proposal", people["proposal"].id), "es") is None


def test_a_changed_original_makes_the_translation_outdated_until_revised(people):
    _request, translation = _delivered(people)
    services.review_translation(reviewer=people["reviewer"], translation=translation,
                                approve=True)
    people["proposal"].problem = "[prueba quc] Otro problema"
    db.session.commit()
    key = ("proposal", people["proposal"].id)
    assert queries.shown(key, "es").outdated
    revision = services.deliver_translation(
        translator=people["translator"], kind="proposal", item_id=people["proposal"].id,
        language="es", texts={**FAKE, "problem": "[prueba es] Otro problema"})
    assert revision.revises_id == translation.id
    assert queries.shown(key, "es").outdated  # the revision waits for its review
    services.review_translation(reviewer=people["reviewer"], translation=revision,
                                approve=True)
    shown = queries.shown(key, "es")
    assert not shown.outdated and shown.translation.id == revision.id


def test_moderation_hides_a_translation_and_shows_it_again(people):
    _request, translation = _delivered(people)
    services.review_translation(reviewer=people["reviewer"], translation=translation,
                                approve=True)
    with pytest.raises(NotAllowed):
        services.hide_translation(moderator=people["reviewer"], translation=translation,
                                  reason="Spam")
    services.hide_translation(moderator=people["mtga"], translation=translation,
                              reason="No corresponde al original.")
    assert translation.moderation_state == ModerationState.HIDDEN
    assert queries.shown(("proposal", people["proposal"].id), "es") is None
    services.restore_translation(moderator=people["mtga"], translation=translation)
    assert queries.shown(("proposal", people["proposal"].id), "es") is not None
    assert {"content_translation.hide", "content_translation.restore"} <= {
        event.action for event in audit_events()}


def test_the_kinds_load_many_items_at_once(people):
    found = kinds.sources([("proposal", people["proposal"].id), ("proposal", 999999)])
    assert list(found) == [("proposal", people["proposal"].id)]
    assert found[("proposal", people["proposal"].id)].language == "quc"


def test_a_corrected_response_is_not_told_in_its_outdated_translation(people):
    """The notification gives the translated reason only while it translates the reason
    as it is now."""
    from participa.consolidation import services as consolidation
    from participa.content_translation.queries import response_texts
    from participa.proposals.models import ResponseDecision

    proposal, mtga = people["proposal"], people["mtga"]
    response = consolidation.prepare_response(
        actor=mtga, proposal=proposal, decision=ResponseDecision.NOT_INCORPORATED,
        reason="Primera razón.", commitment=None)
    consolidation.publish_responses(actor=mtga, round=proposal.round)
    translation = services.deliver_translation(
        translator=people["translator"], kind="response", item_id=response.id,
        language="quc", texts={"reason": "[prueba quc] Primera razón."})
    services.review_translation(reviewer=people["reviewer"], translation=translation,
                                approve=True)
    db.session.commit()
    assert response_texts([proposal.id], "quc") == {
        proposal.id: {"reason_translation": "[prueba quc] Primera razón."}}
    consolidation.prepare_response(
        actor=mtga, proposal=proposal, decision=ResponseDecision.NOT_INCORPORATED,
        reason="Razón corregida.", commitment=None)
    db.session.commit()
    assert response_texts([proposal.id], "quc") == {}
