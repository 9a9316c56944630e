"""The demo's content translations (issue 18).

- Requests: the MTGA asks for the demo round's call and its three first proposals in K'iche',
  so that ``make run`` shows the translators' «Textos por traducir» at work. Only requests:
  the demo holds no Mayan text (nobody invents one), the translators of the language write
  them.
- English translations, written by the project (English is the one other language we write):
  the call and the proposal on informing people in their languages, delivered by the demo's
  translator and approved by its reviewer, so an English reader (the IRM) sees translated
  content and its credits.

Idempotent; demo data, like the accounts: not audited."""

from __future__ import annotations

import sqlalchemy as sa

from ..accounts.models import User
from ..base.extensions import db
from ..base.time import utcnow
from ..consultations.models import ConsultationRound
from ..content_translation import kinds
from ..content_translation.builtin import CALL, PROPOSAL
from ..content_translation.models import (
    ContentTranslation,
    TranslationRequest,
    TranslationStatus,
)
from ..proposals.models import Proposal
from . import proposal_data as round_data
from .organizations import REVIEWER_EMAIL, TRANSLATOR_EMAIL

LANGUAGE = "quc"
PROPOSALS = 3


def load_translation_requests(users: list[User]) -> int:
    """The requests added."""
    moderator = next((user for user in users if user.is_moderator), None)
    round = db.session.scalar(sa.select(ConsultationRound).where(
        ConsultationRound.title == round_data.ROUND_TITLE))
    if moderator is None or round is None:
        return 0
    proposals = db.session.scalars(
        sa.select(Proposal.id).where(Proposal.round_id == round.id, Proposal.language == "es")
        .order_by(Proposal.id).limit(PROPOSALS)).all()
    wanted = [(CALL, round.id)] + [(PROPOSAL, proposal_id) for proposal_id in proposals]
    added = 0
    for kind, item_id in wanted:
        exists = db.session.scalar(sa.select(TranslationRequest.id).where(
            TranslationRequest.target_kind == kind, TranslationRequest.target_id == item_id,
            TranslationRequest.language == LANGUAGE).limit(1))
        if exists is None:
            db.session.add(TranslationRequest(
                target_kind=kind, target_id=item_id, language=LANGUAGE, source_language="es",
                requested_by_id=moderator.id))
            added += 1
    db.session.flush()
    return added


# The demo round's call, in English.
CALL_EN = {
    "title": "Co-creation of the 5th Open Government National Action Plan",
    "description": (
        "Citizens, civil society organisations, academia, the private sector and public "
        "institutions propose commitments for the fifth plan. The Mesa Técnica de Gobierno "
        "Abierto will answer every proposal and consolidate them into draft commitments.\n\n"
        "Demo data: the proposals come from the commitments that civil society proposed for "
        "the 2014-2016 Action Plan."),
}
# Proposal 2 of the 2014-2016 plan's chapter IV (``proposal_data.PROPOSALS[1]``), in English.
PROPOSAL_EN_TITLE = round_data.PROPOSALS[1].title
PROPOSAL_EN = {
    "title": "Promote participation and informed citizen oversight",
    "problem": (
        "Much of the population does not know about open government or its rights, and the "
        "information does not reach people in the languages they speak."),
    "proposed_commitment": (
        "Inform every citizen, in the existing languages, about open government."),
    "benefit": (
        "1. Promote the participation and training of Indigenous peoples.\n"
        "2. Promote the participation and training of more citizens.\n"
        "3. Promote open government through the mass media and foster a culture of "
        "transparency, access to information and the fight against corruption."),
}


def load_english_translations(users: list[User]) -> int:
    """The approved English translations added (none when already there)."""
    by_email = {user.email: user for user in users}
    translator, reviewer = by_email.get(TRANSLATOR_EMAIL), by_email.get(REVIEWER_EMAIL)
    round = db.session.scalar(sa.select(ConsultationRound).where(
        ConsultationRound.title == round_data.ROUND_TITLE))
    if translator is None or reviewer is None or round is None:
        return 0
    proposal_id = db.session.scalar(sa.select(Proposal.id).where(
        Proposal.round_id == round.id, Proposal.title == PROPOSAL_EN_TITLE))
    wanted = [(CALL, round.id, CALL_EN)]
    if proposal_id is not None:
        wanted.append((PROPOSAL, proposal_id, PROPOSAL_EN))
    added = 0
    for kind, item_id, texts in wanted:
        exists = db.session.scalar(sa.select(ContentTranslation.id).where(
            ContentTranslation.target_kind == kind, ContentTranslation.target_id == item_id,
            ContentTranslation.language == "en").limit(1))
        if exists is not None:
            continue
        source = kinds.source(kind, item_id)
        db.session.add(ContentTranslation(
            target_kind=kind, target_id=item_id, language="en",
            source_language=source.language, texts=texts, source_digest=source.digest,
            translator_id=translator.id, status=TranslationStatus.APPROVED,
            reviewer_id=reviewer.id, reviewed_at=utcnow()))
        added += 1
    db.session.flush()
    return added
