"""What the site-wide search finds: one group per kind, each a page of its own (two
statements: the count and the page's rows with what they show), so the page costs the same
fixed number of statements whatever the data and the words.

Visibility is each feature's own: proposals through ``content.visibility.visible_filter``
(neither hidden nor waiting for approval; withdrawn ones stay, with their status, as on the
round's list); commitments, drafts included (their pages are public, people comment on
them), plans and organisations are public. Matching is ``content.fulltext`` over each table's
folded ``search_text``: case, accents and the apostrophes ', ’ and ʼ do not matter; every
word must appear; the last word may begin a longer one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from ..base.extensions import db
from ..content.fulltext import matching_ids, words
from ..content.visibility import visible_filter
from ..organizations.models import Organization
from ..plans.models import ActionPlan, Commitment
from ..proposals.models import Proposal
from ..web.pagination import paginate

PER_PAGE = 10
MAX_QUERY_LENGTH = 200


@dataclass(frozen=True)
class Kind:
    """One group of results: its page parameter, heading, model and query."""

    key: str  # the page's parameter and the group's anchor
    label: Any
    model: Any
    statement: Callable[[], sa.Select]


def _proposals() -> sa.Select:
    return (sa.select(Proposal).where(visible_filter(Proposal))
            .options(joinedload(Proposal.round), joinedload(Proposal.author))
            .order_by(Proposal.created_at.desc(), Proposal.id.desc()))


def _commitments() -> sa.Select:
    return (sa.select(Commitment).options(joinedload(Commitment.plan))
            .order_by(Commitment.ogp_code.is_(None), Commitment.ogp_code, Commitment.id))


def _plans() -> sa.Select:
    return sa.select(ActionPlan).order_by(ActionPlan.number, ActionPlan.id)


def _organizations() -> sa.Select:
    return sa.select(Organization).order_by(Organization.name, Organization.id)


KINDS = (
    Kind("propuestas", _l("Propuestas"), Proposal, _proposals),
    Kind("compromisos", _l("Compromisos"), Commitment, _commitments),
    Kind("planes", _l("Planes de acción"), ActionPlan, _plans),
    Kind("organizaciones", _l("Organizaciones"), Organization, _organizations),
)


@dataclass
class Group:
    kind: Kind
    results: Any  # a web.pagination page: items, total, page, pages...


def search(query_text: str, pages: dict[str, int]) -> list[Group]:
    """Every kind's page of results for ``query_text`` (``pages``: the page of each kind,
    1 when absent). No words, no search: an empty list."""
    terms = words(query_text)
    if not terms:
        return []
    dialect = db.session.get_bind().dialect.name
    groups = []
    for kind in KINDS:
        ids = matching_ids(kind.model, terms, dialect)
        statement = kind.statement().where(kind.model.id.in_(ids))
        groups.append(Group(kind, paginate(statement, page=pages.get(kind.key, 1),
                                           per_page=PER_PAGE)))
    return groups
