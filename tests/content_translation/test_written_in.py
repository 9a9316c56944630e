"""The language the MTGA writes in (issue 18, item 1): a response, a commitment's version and
a round's call carry theirs, chosen in their forms (by default the interface language), and
their pages mark it; a change of language alone is a change (a new version of a draft); a
translation of something whose language or text changed is outdated."""

from __future__ import annotations

import re

from participa.base.extensions import db
from participa.consolidation import services as consolidation
from participa.consultations.models import ConsultationRound, PhaseKind
from participa.content_translation import queries, services
from participa.plans import versions
from participa.proposals.models import Proposal, Response

from ..factories import login, make_open_round, make_proposal, make_user
from ..pages import html


def test_the_response_form_saves_the_language_of_the_reason(app, client):
    with app.app_context():
        proposal = make_proposal(make_open_round(PhaseKind.REVIEW))
        make_user(email_address="mtga@example.org", is_moderator=True)
        proposal_id = proposal.id
    login(client, "mtga@example.org")
    page = html(client.get(f"/moderacion/propuestas/{proposal_id}/respuesta?lang=quc"))
    # By default the interface language.
    assert re.search(r'<option lang="quc" selected value="quc">|<option selected value="quc"'
                     r'|value="quc" selected|selected[^>]*value="quc"', page)
    answer = client.post(f"/moderacion/propuestas/{proposal_id}/respuesta?lang=es", data={
        "decision": "no_incorporada", "reason": "[prueba quc] Razón.", "language": "quc",
        "commitment": "", "version": ""})
    assert answer.status_code in (302, 303)
    with app.app_context():
        response = db.session.scalar(db.select(Response).where(
            Response.proposal_id == proposal_id))
        assert response.language == "quc"
    bad = client.post(f"/moderacion/propuestas/{proposal_id}/respuesta", data={
        "decision": "no_incorporada", "reason": "Otra razón.", "language": "xx",
        "commitment": "", "version": ""})
    assert bad.status_code == 422
    assert "Otra razón." in html(bad)


def test_a_round_says_the_language_of_its_call(app, client):
    with app.app_context():
        round_ = make_open_round(PhaseKind.PROPOSALS)
        admin = make_user(is_admin=True)
        from participa.consultations import services as rounds
        rounds.update_round(actor=admin, round=round_, plan=round_.plan, title=round_.title,
                            description="[prueba quc] Convocatoria.",
                            max_supports_per_user=None,
                            phases={p.kind: (p.starts_at, p.ends_at) for p in round_.phases},
                            language="quc")
        db.session.commit()
        round_id = round_.id
        assert db.session.get(ConsultationRound, round_id).language == "quc"
    page = html(client.get(f"/consultas/{round_id}"))
    assert re.search(r'<h1 lang="quc">', page)
    assert re.search(r'<div id="original" lang="quc">', page)


def test_a_change_of_language_alone_makes_a_new_version_and_outdates_translations(app):
    with app.app_context():
        round_ = make_open_round(PhaseKind.REVIEW)
        mtga = make_user(is_moderator=True)
        proposal = make_proposal(round_)
        draft = consolidation.create_draft(actor=mtga, round=round_, proposals=[proposal],
                                           title="Agua para todas las aldeas")
        db.session.commit()
        translator = make_user(translates=("quc",))
        reviewer = make_user(reviews=("quc",))
        translation = services.deliver_translation(
            translator=translator, kind="commitment", item_id=draft.id, language="quc",
            texts={"title": "[prueba quc] Agua", "commitment_text": "[prueba quc] Texto"})
        services.review_translation(reviewer=reviewer, translation=translation, approve=True)
        db.session.commit()
        assert not queries.shown(("commitment", draft.id), "quc").outdated
        version = versions.save_version(actor=mtga, commitment=draft, base_number=1,
                                        fields={}, milestones=(), contacts=(),
                                        change_note="El texto está en otro idioma.",
                                        language="cak")
        db.session.commit()
        assert version.number == 2 and version.language == "cak"
        assert queries.shown(("commitment", draft.id), "quc").outdated


def test_a_corrected_proposal_outdates_its_translation(app):
    with app.app_context():
        proposal = make_proposal(make_open_round(PhaseKind.REVIEW))
        translator = make_user(translates=("quc",))
        reviewer = make_user(reviews=("quc",))
        translation = services.deliver_translation(
            translator=translator, kind="proposal", item_id=proposal.id, language="quc",
            texts={"title": "[prueba quc] T", "problem": "[prueba quc] P",
                   "proposed_commitment": "[prueba quc] C", "benefit": "[prueba quc] B"})
        services.review_translation(reviewer=reviewer, translation=translation, approve=True)
        db.session.commit()
        db.session.get(Proposal, proposal.id).benefit = "Otro beneficio."
        db.session.commit()
        assert queries.shown(("proposal", proposal.id), "quc").outdated
