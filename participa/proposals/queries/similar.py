"""Proposals of a round whose titles look like a new title, to avoid duplicates.

Titles are folded (``participa.content.text.fold``: case, accents and apostrophes do not matter),
short and common words are dropped, and each word is cut to its first letters, a crude stem
that makes "publicar" meet "publicación" and "municipal" meet "municipios". Two titles are
similar when their word sets overlap enough (the Dice coefficient)."""

from __future__ import annotations

from typing import NamedTuple

import sqlalchemy as sa

from ...base.extensions import db
from ...consultations.models import ConsultationRound
from ...content.text import fold
from ...content.visibility import visible_filter
from ..models import Proposal, ProposalStatus

STEM_LENGTH = 6
MIN_WORD_LENGTH = 3
THRESHOLD = 0.3
LIMIT = 5
# Words too common in proposals to tell two apart (folded).
STOPWORDS = frozenset(
    "a al ante bajo con contra de del desde durante el ella en entre es esta este hacia "
    "la las le les lo los mas mediante o para pero por que se segun sin sobre su sus "
    "toda todas todo todos tras un una unas uno unos y".split()
)


def words(text: str) -> frozenset[str]:
    return frozenset(
        word[:STEM_LENGTH]
        for word in fold(text).split()
        if len(word) >= MIN_WORD_LENGTH and word not in STOPWORDS
    )


def score(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


class Similar(NamedTuple):
    id: int
    reference: str
    title: str
    support_count: int
    score: float


def similar_proposals(
    round: ConsultationRound, title: str, *, exclude_id: int | None = None, limit: int = LIMIT
) -> list[Similar]:
    """The published, visible proposals of the round most like ``title``, best first (never
    a hidden or pending one: the suggestions are public)."""
    wanted = words(title)
    if not wanted:
        return []
    statement = sa.select(
        Proposal.id, Proposal.reference_year, Proposal.reference_number, Proposal.title,
        Proposal.support_count,
    ).where(Proposal.round_id == round.id, Proposal.status == ProposalStatus.PUBLISHED,
            visible_filter(Proposal))
    if exclude_id is not None:
        statement = statement.where(Proposal.id != exclude_id)
    found = []
    for row in db.session.execute(statement):
        value = score(wanted, words(row.title))
        if value >= THRESHOLD:
            reference = f"P-{row.reference_year}-{row.reference_number:04d}"
            found.append(Similar(row.id, reference, row.title, row.support_count, value))
    found.sort(key=lambda item: (-item.score, -item.support_count, item.id))
    return found[:limit]
