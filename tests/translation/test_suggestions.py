"""Suggest, then review: a suggestion becomes the catalog's text only when a different
person with the review right for its language approves it; everything is kept and audited."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from participa.base.errors import Conflict, Invalid, NotAllowed, NotFound
from participa.base.extensions import db
from participa.i18n import cli
from participa.translation import catalog, services
from participa.translation.models import (
    Origin,
    SourceMessage,
    Suggestion,
    SuggestionStatus,
    TranslatorRole,
)
from tests.factories import audit_events, make_user

from .helpers import message_for, synced


@pytest.fixture
def people(db_session):
    synced()
    admin = make_user(is_admin=True)
    translator = make_user()
    reviewer = make_user()
    services.grant(actor=admin, user=translator, language="quc")
    services.grant(actor=admin, user=reviewer, language="quc", can_review=True)
    db.session.commit()
    return admin, translator, reviewer


def test_a_translator_suggests_and_another_person_approves(people):
    admin, translator, reviewer = people
    message = message_for("Propuestas")
    suggestion = services.suggest(author=translator, message=message, language="quc",
                                  forms=["[quc] Propuestas"])
    assert suggestion.status == SuggestionStatus.PENDING
    assert catalog.approved_texts("quc") == {}
    services.approve(reviewer=reviewer, suggestion=suggestion)
    assert catalog.approved_texts("quc") == {"Propuestas": "[quc] Propuestas"}
    assert [e.action for e in audit_events()][-2:] == ["translation.suggest",
                                                        "translation.approve"]


def test_nobody_approves_their_own_suggestion(people):
    admin, translator, reviewer = people
    own = services.suggest(author=reviewer, message=message_for("Propuestas"), language="quc",
                           forms=["[quc] Propuestas"])
    with pytest.raises(NotAllowed):
        services.approve(reviewer=reviewer, suggestion=own)


@pytest.mark.parametrize("who", ["translator", "admin", "stranger"])
def test_only_a_reviewer_of_the_language_reviews(people, who):
    admin, translator, reviewer = people
    services.grant(actor=admin, user=reviewer, language="cak", can_review=True)
    other = make_user()
    services.grant(actor=admin, user=other, language="cak")
    suggestion = services.suggest(author=other, message=message_for("Propuestas"),
                                  language="cak", forms=["[cak] Propuestas"])
    person = {"translator": translator, "admin": admin, "stranger": make_user()}[who]
    with pytest.raises(NotAllowed):
        services.approve(reviewer=person, suggestion=suggestion)
    # The reviewer of K'iche' reviews Kaqchikel only because she holds that right too.
    services.approve(reviewer=reviewer, suggestion=suggestion)


def test_people_who_do_not_translate_the_language_cannot_suggest(people):
    admin, translator, reviewer = people
    with pytest.raises(NotAllowed):
        services.suggest(author=translator, message=message_for("Propuestas"), language="cak",
                         forms=["[cak] Propuestas"])
    with pytest.raises(NotFound):
        services.suggest(author=translator, message=message_for("Propuestas"), language="es",
                         forms=["Propuestas"])


def test_a_refused_check_names_the_field(people):
    admin, translator, reviewer = people
    message = message_for("%(name)s quedó verificada.")
    with pytest.raises(Invalid) as refused:
        services.suggest(author=translator, message=message, language="quc",
                         forms=["[quc] verificada"])
    assert refused.value.field == "forms"


def test_approving_supersedes_and_keeps_the_previous_text(people):
    admin, translator, reviewer = people
    message = message_for("Propuestas")
    first = services.suggest(author=translator, message=message, language="quc",
                             forms=["[quc] Propuestas 1"])
    services.approve(reviewer=reviewer, suggestion=first)
    second = services.suggest(author=translator, message=message, language="quc",
                              forms=["[quc] Propuestas 2"])
    services.approve(reviewer=reviewer, suggestion=second)
    assert first.status == SuggestionStatus.SUPERSEDED
    assert catalog.approved_texts("quc") == {"Propuestas": "[quc] Propuestas 2"}
    with pytest.raises(Conflict):
        services.approve(reviewer=reviewer, suggestion=second)


def test_a_rejection_carries_a_note(people):
    admin, translator, reviewer = people
    suggestion = services.suggest(author=translator, message=message_for("Propuestas"),
                                  language="quc", forms=["[quc] x"])
    with pytest.raises(Invalid):
        services.reject(reviewer=reviewer, suggestion=suggestion, note="  ")
    services.reject(reviewer=reviewer, suggestion=suggestion, note="Otro término")
    assert suggestion.status == SuggestionStatus.REJECTED
    assert audit_events("translation.reject")[-1].after["note"] == "Otro término"


def test_plural_messages_fill_every_form(people):
    admin, translator, reviewer = people
    message = db.session.scalar(sa.select(SourceMessage).where(
        SourceMessage.msgid_plural.is_not(None), SourceMessage.msgid.contains("%(num)d")))
    forms = [f"[quc] {message.msgid}", f"[quc] {message.msgid_plural}"]
    suggestion = services.suggest(author=translator, message=message, language="quc",
                                  forms=forms)
    services.approve(reviewer=reviewer, suggestion=suggestion)
    texts = catalog.approved_texts("quc")
    assert texts[(message.catalog_key, 0)] == forms[0]
    assert texts[(message.catalog_key, 1)] == forms[1]


def test_revoking_keeps_the_role_and_its_history(people):
    admin, translator, reviewer = people
    role = db.session.scalar(sa.select(TranslatorRole).where(
        TranslatorRole.user_id == translator.id))
    services.revoke(actor=admin, role=role)
    assert role.revoked_at is not None
    with pytest.raises(NotAllowed):
        services.suggest(author=translator, message=message_for("Propuestas"), language="quc",
                         forms=["[quc] x"])
    assert audit_events("translation.revoke")


def test_a_person_asks_to_translate_and_an_administrator_decides(people):
    admin, translator, reviewer = people
    person = make_user()
    request = services.request_role(user=person, language="mam", motivation="Hablo mam.")
    with pytest.raises(Conflict):
        services.request_role(user=person, language="mam", motivation="otra vez")
    with pytest.raises(NotAllowed):
        services.decide_request(actor=translator, request=request, accept=True)
    services.decide_request(actor=admin, request=request, accept=True)
    assert db.session.scalar(sa.select(TranslatorRole).where(
        TranslatorRole.user_id == person.id, TranslatorRole.language == "mam"))
    assert audit_events("translation.request_accept")
    with pytest.raises(Conflict):
        services.request_role(user=person, language="mam", motivation="")


def test_sync_carries_an_approved_text_to_the_changed_spanish_as_outdated(people):
    admin, translator, reviewer = people
    message = message_for("Propuestas")
    suggestion = services.suggest(author=translator, message=message, language="quc",
                                  forms=["[quc] Propuestas"])
    services.approve(reviewer=reviewer, suggestion=suggestion)
    template = catalog.read_template(cli.POT)
    for entry in template:
        if entry.id == "Propuestas":
            entry.id = "Propuestas."
    result = catalog.sync(template)
    assert (result.added, result.retired, result.carried) == (1, 1, 1)
    new = message_for("Propuestas.")
    carried = db.session.scalar(sa.select(Suggestion).where(Suggestion.message_id == new.id))
    assert carried.is_outdated and carried.origin == Origin.CARRIED
    assert carried.status == SuggestionStatus.PENDING
    assert not db.session.get(SourceMessage, message.id).present
