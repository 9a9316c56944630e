"""The demo's translation requests (issue 18): the MTGA asks for the demo round's call and
its three first proposals in K'iche', so that ``make run`` shows the translators' «Textos por
traducir» at work. Only requests: the demo holds no Mayan text (nobody invents one), the
translators of the language write them. Idempotent; demo data, like the accounts: not
audited."""

from __future__ import annotations

import sqlalchemy as sa

from ..accounts.models import User
from ..base.extensions import db
from ..consultations.models import ConsultationRound
from ..content_translation.builtin import CALL, PROPOSAL
from ..content_translation.models import TranslationRequest
from ..proposals.models import Proposal
from . import proposal_data as round_data

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
