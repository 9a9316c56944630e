"""The pages that show translations gather them in a fixed number of statements: the
proposal page (its translation and its response's), the item's translations page, the
workspace, the notifications and the open data cost the same with one translation of each
kind as with many (revisions, other languages, other items)."""

from __future__ import annotations

import sqlalchemy as sa

from participa.accounts.models import User
from participa.base.extensions import db
from participa.consolidation import services as consolidation
from participa.consultations.models import PhaseKind
from participa.content_translation import services
from participa.proposals.models import Proposal, ResponseDecision

from ..factories import login, make_open_round, make_proposal, make_user
from ..querycount import count_queries

FAKE = {"title": "[prueba es] T", "problem": "[prueba es] P",
        "proposed_commitment": "[prueba es] C", "benefit": "[prueba es] B"}


def _people(app):
    with app.app_context():
        round_ = make_open_round(PhaseKind.REVIEW)
        # She translates K'iche' too, so that she reads the workspace.
        author = make_user(email_address="autora@example.org", preferred_language="quc",
                           translates=("quc",))
        ids = {
            "round": round_.id, "author": author.id,
            "mtga": make_user(email_address="mtga@example.org", is_moderator=True).id,
            "translator": make_user(translates=("quc", "kek", "cak", "mam")).id,
            "reviewer": make_user(reviews=("quc", "kek", "cak", "mam")).id,
        }
        proposal = make_proposal(round_, author, title="[prueba quc] Título")
        proposal.language = "quc"
        db.session.commit()
        ids["proposal"] = proposal.id
        return ids


def _translated(ids, proposal_id: int, *, revisions: int, languages=("es",)) -> None:
    """``revisions`` approved translations of the proposal and of its response into each
    of ``languages``."""
    translator = db.session.get(User, ids["translator"])
    reviewer = db.session.get(User, ids["reviewer"])
    mtga = db.session.get(User, ids["mtga"])
    proposal = db.session.get(Proposal, proposal_id)
    response = consolidation.response_of(proposal)
    if response is None:
        response = consolidation.prepare_response(
            actor=mtga, proposal=proposal, decision=ResponseDecision.NOT_INCORPORATED,
            reason="No se incorpora.", commitment=None)
        consolidation.publish_responses(actor=mtga, round=proposal.round)
    for language in languages:
        for n in range(revisions):
            for kind, item_id, texts in (
                    ("proposal", proposal_id, FAKE if language == "es" else
                     {k: f"[prueba {language}] {v} {n}" for k, v in FAKE.items()}),
                    ("response", response.id, {"reason": f"[prueba {language}] R {n}"})):
                if kind == "proposal" and language == "quc":
                    continue
                if kind == "response" and language == "es":
                    continue
                translation = services.deliver_translation(
                    translator=translator, kind=kind, item_id=item_id, language=language,
                    texts=texts)
                services.review_translation(reviewer=reviewer, translation=translation,
                                            approve=True)
    db.session.commit()


def _measure(app, client, ids) -> dict[str, int]:
    counts = {}
    pages = {
        "proposal (es)": f"/propuestas/{ids['proposal']}?lang=es",
        "proposal (quc)": f"/propuestas/{ids['proposal']}?lang=quc",
        "translations": f"/traduccion/contenido/proposal/{ids['proposal']}",
        "workspace": "/traduccion/quc/contenido",
        "notifications": "/notificaciones/",
        "api": "/api/v1/translations",
        "csv": "/api/v1/translations.csv",
    }
    for name, path in pages.items():
        client.get(path)  # a first visit switches the language (and saves it): not counted
        with count_queries(app) as queries:
            answer = client.get(path)
        assert answer.status_code == 200, (name, answer.status_code)
        counts[name] = queries.count
    return counts


def test_statement_counts_do_not_grow_with_the_translations(app, client, capsys):
    ids = _people(app)
    with app.app_context():
        # One translation of each kind (the open data reads each kind's items in one
        # statement: a count bounded by the kinds, not by the translations).
        _translated(ids, ids["proposal"], revisions=1, languages=("es", "quc"))
        dialect = db.engine.dialect.name
    assert login(client, "autora@example.org").status_code in (302, 303)
    client.get("/?lang=es")
    small = _measure(app, client, ids)
    with app.app_context():
        _translated(ids, ids["proposal"], revisions=6, languages=("es", "quc", "kek", "cak"))
        round_ = db.session.get(Proposal, ids["proposal"]).round
        author = db.session.get(User, ids["author"])
        for n in range(8):
            other = make_proposal(round_, author, title=f"[prueba quc] Otra {n}")
            other.language = "quc"
            db.session.commit()
            _translated(ids, other.id, revisions=2, languages=("es", "quc"))
        # Open requests and reviews waiting, for the workspace.
        mtga = db.session.get(User, ids["mtga"])
        for proposal_id in db.session.scalars(sa.select(Proposal.id)):
            services.request_translation(requester=mtga, kind="proposal", item_id=proposal_id,
                                         language="kek")
        db.session.commit()
    large = _measure(app, client, ids)
    report = "\n".join(f"  {key}: {small[key]} -> {large[key]}" for key in small)
    with capsys.disabled():
        print(f"\nSQL statements per page [{dialect}] (2 -> 120+ translations):\n{report}")
    assert small == large, report

