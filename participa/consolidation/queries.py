"""Read-only queries of consolidation: the moderators' workspace list (search, filters,
orders from allowlists), the traceability shown on public pages, and the public report.
Each runs a fixed number of SQL statements whatever the number of proposals.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload
from werkzeug.datastructures import MultiDict

from ..base.extensions import db
from ..consultations.models import ConsultationRound
from ..content.text import fold
from ..content.visibility import ModerationState
from ..content_translation.builtin import PROPOSAL, RESPONSE, response_source
from ..content_translation.queries import first_approved
from ..content_translation.reading import ItemTranslation, item_translation
from ..plans.models import Commitment, CommitmentStatus
from ..proposals.models import (
    INSTITUTION_MAX,
    Proposal,
    ProposalCommitment,
    ProposalStatus,
    Response,
    ResponseDecision,
)
from ..proposals.queries import search
from ..proposals.queries.listing import MAX_QUERY_LENGTH, STATUSES
from ..web.args import choice, number, query_args, search_text, short_text, single
from . import permissions

# The workspace's parameters (anything else is a 400) ------------------------------------------

SORTS = {
    "reference": _l("Código"),
    "most_supported": _l("Más apoyadas"),
    "newest": _l("Más recientes"),
}
DEFAULT_SORT = "reference"
RESPONSE_STATES = {
    "sin_respuesta": _l("Sin respuesta"),
    "preparada": _l("Respuesta preparada, sin publicar"),
    "publicada": _l("Respuesta publicada"),
}
LINK_STATES = {
    "si": _l("Vinculadas a un compromiso"),
    "no": _l("Sin vincular a ningún compromiso"),
}
FILTER_ARGS = ("q", "axis", "status", "min_supports", "max_supports", "institution",
               "response", "linked", "language", "sort")
MAX_SUPPORTS = 10**9


@dataclass(frozen=True)
class Filters:
    q: str = ""
    axis_id: int | None = None
    status: ProposalStatus | None = None
    min_supports: int | None = None
    max_supports: int | None = None
    institution: str = ""
    response: str | None = None  # a key of RESPONSE_STATES
    linked: str | None = None  # a key of LINK_STATES
    language: str | None = None  # the language it was written in (issue 18)
    sort: str = DEFAULT_SORT

    def url_args(self) -> dict[str, str | int]:
        """The parameters that reproduce these filters (for links and hidden inputs)."""
        args: dict[str, str | int | None] = {
            "q": self.q or None,
            "axis": self.axis_id,
            "status": self.status.value if self.status else None,
            "min_supports": self.min_supports,
            "max_supports": self.max_supports,
            "institution": self.institution or None,
            "response": self.response,
            "linked": self.linked,
            "language": self.language,
            "sort": self.sort if self.sort != DEFAULT_SORT else None,
        }
        return {name: value for name, value in args.items() if value is not None}

    @property
    def is_filtered(self) -> bool:
        return bool(set(self.url_args()) - {"sort"})


def _count_arg(args: MultiDict, name: str) -> int | None:
    """A support count: 0 or a positive integer in ASCII digits; anything else a 400."""
    if single(args, name) == "0":
        return 0
    return number(args, name, maximum=MAX_SUPPORTS)


def parse(args: MultiDict, *, axis_ids: Collection[int],
          extra_args: Iterable[str] = ()) -> Filters:
    query_args(set(FILTER_ARGS).union(extra_args), args)
    q = search_text(args, max_length=MAX_QUERY_LENGTH)
    institution = short_text(args, "institution", max_length=INSTITUTION_MAX)
    axis_id = number(args, "axis", among=axis_ids)
    status = choice(args, "status", STATUSES)
    return Filters(
        q=q,
        axis_id=axis_id,
        status=STATUSES[status] if status else None,
        min_supports=_count_arg(args, "min_supports"),
        max_supports=_count_arg(args, "max_supports"),
        institution=institution,
        response=choice(args, "response", RESPONSE_STATES),
        linked=choice(args, "linked", LINK_STATES),
        language=choice(args, "language", current_app.config["LANGUAGES"]),
        sort=choice(args, "sort", SORTS) or DEFAULT_SORT,
    )


def round_with_plan(round_id: int) -> ConsultationRound | None:
    """A round with its plan (one query): the workspace's pages and the public report."""
    return db.session.scalar(
        sa.select(ConsultationRound)
        .where(ConsultationRound.id == round_id)
        .options(joinedload(ConsultationRound.plan))
    )


def institutions_matching(round: ConsultationRound, text: str) -> list[str]:
    """The institutions named by the round's proposals that contain ``text``, folded (case,
    accents and apostrophes do not matter): one query for the distinct names, compared in
    Python, since SQL's lower() does not fold accents on SQLite."""
    wanted = fold(text)
    names = db.session.scalars(
        sa.select(Proposal.institution).where(Proposal.round_id == round.id).distinct()
    )
    return [name for name in names if wanted in fold(name)]


def _has_response(*conditions: sa.ColumnElement[bool]) -> sa.Exists:
    return sa.exists().where(Response.proposal_id == Proposal.id, *conditions)


def _order(sort: str) -> list[sa.ColumnElement]:
    if sort == "most_supported":
        return [Proposal.support_count.desc(), Proposal.id.desc()]
    if sort == "newest":
        return [Proposal.created_at.desc(), Proposal.id.desc()]
    return [Proposal.reference_year, Proposal.reference_number, Proposal.id]


def statement(round: ConsultationRound, filters: Filters) -> sa.Select:
    """The round's proposals (withdrawn ones too) matching ``filters``, with author,
    organisation and axis loaded in the same query."""
    query = sa.select(Proposal).where(Proposal.round_id == round.id)
    if filters.axis_id is not None:
        query = query.where(Proposal.axis_id == filters.axis_id)
    if filters.status is not None:
        query = query.where(Proposal.status == filters.status)
    if filters.min_supports is not None:
        query = query.where(Proposal.support_count >= filters.min_supports)
    if filters.max_supports is not None:
        query = query.where(Proposal.support_count <= filters.max_supports)
    if filters.institution:
        query = query.where(
            Proposal.institution.in_(institutions_matching(round, filters.institution))
        )
    if filters.response == "sin_respuesta":
        query = query.where(~_has_response())
    elif filters.response == "preparada":
        query = query.where(_has_response(Response.published_at.is_(None)))
    elif filters.response == "publicada":
        query = query.where(_has_response(Response.published_at.is_not(None)))
    if filters.language is not None:
        query = query.where(Proposal.language == filters.language)
    if filters.linked is not None:
        linked = sa.exists().where(ProposalCommitment.proposal_id == Proposal.id)
        query = query.where(linked if filters.linked == "si" else ~linked)
    query = search.matching(query, filters.q)
    return query.order_by(*_order(filters.sort)).options(
        joinedload(Proposal.author), joinedload(Proposal.organization), joinedload(Proposal.axis)
    )


# A round's commitments and a proposal's response ---------------------------------------------


def round_commitments(round: ConsultationRound, *, drafts_only: bool = False) -> sa.Select:
    """The commitments co-created in ``round``, by number."""
    statement = sa.select(Commitment).where(Commitment.round_id == round.id)
    if drafts_only:
        statement = statement.where(Commitment.status == CommitmentStatus.DRAFT)
    return statement.order_by(Commitment.number, Commitment.id)


def linked_commitment_ids(proposal: Proposal) -> set[int]:
    return set(db.session.scalars(
        sa.select(ProposalCommitment.commitment_id)
        .where(ProposalCommitment.proposal_id == proposal.id)
    ))


def response_of(proposal: Proposal, *, lock: bool = False) -> Response | None:
    statement = sa.select(Response).where(Response.proposal_id == proposal.id)
    if lock:
        statement = statement.with_for_update().execution_options(populate_existing=True)
    return db.session.scalar(statement)


def response_version(response: Response | None) -> str:
    """A short fingerprint of what a response says, for the edit form: saving over a
    response that changed since the form was loaded is refused (409, the text kept)."""
    if response is None:
        return ""
    state = "\x1f".join([
        response.decision.value,
        str(response.commitment_id or ""),
        response.reason or "",
        response.published_at.isoformat() if response.published_at else "",
    ])
    return hashlib.sha256(state.encode()).hexdigest()[:16]


# What the MTGA did with some proposals ----------------------------------------------------------


def links_of(proposal_ids: Collection[int]) -> dict[int, list[Commitment]]:
    """Proposal id -> the commitments it is linked to, by number (one query)."""
    links: dict[int, list[Commitment]] = {}
    if not proposal_ids:
        return links
    rows = db.session.execute(
        sa.select(ProposalCommitment.proposal_id, Commitment)
        .join(Commitment, Commitment.id == ProposalCommitment.commitment_id)
        .where(ProposalCommitment.proposal_id.in_(list(proposal_ids)))
        .order_by(Commitment.number, Commitment.id)
    )
    for proposal_id, commitment in rows:
        links.setdefault(proposal_id, []).append(commitment)
    return links


def responses_of(proposal_ids: Collection[int], *, published_only: bool = False
                 ) -> dict[int, Response]:
    """Proposal id -> its response (with its commitment), in one query."""
    if not proposal_ids:
        return {}
    query = (
        sa.select(Response)
        .where(Response.proposal_id.in_(list(proposal_ids)))
        .options(joinedload(Response.commitment))
    )
    if published_only:
        query = query.where(Response.published_at.is_not(None))
    return {response.proposal_id: response for response in db.session.scalars(query)}


@dataclass
class Outcome:
    """What became of a proposal: the commitments it fed (public as soon as linked), its
    published response, and a prepared one (shown to moderators only)."""

    commitments: list[Commitment] = field(default_factory=list)
    response: Response | None = None

    @property
    def published(self) -> Response | None:
        return self.response if self.response and self.response.is_published else None

    @property
    def unpublished(self) -> Response | None:
        return self.response if self.response and not self.response.is_published else None


def proposal_outcome(proposal: Proposal) -> Outcome:
    """For the proposal page (two queries)."""
    return Outcome(
        commitments=links_of([proposal.id]).get(proposal.id, []),
        response=responses_of([proposal.id]).get(proposal.id),
    )


@dataclass(frozen=True)
class OutcomeBox:
    """The proposal page's slot ``proposal.outcome``: what became of the proposal, and what
    the person looking may see and do of the MTGA's work."""

    outcome: Outcome
    see_unpublished: bool
    can_answer: bool
    # The published response in the reader's language, when a translation of it is
    # approved, and the link to its translations (content_translation, issue 18).
    translation: ItemTranslation | None = None


def outcome_box(*, proposal: Proposal, user: object, **_context: object) -> OutcomeBox:
    outcome = proposal_outcome(proposal)
    published = outcome.published
    translation = None
    if published is not None:
        translation = item_translation(RESPONSE, published.id, published.language,
                                       response_source(published), user)
    return OutcomeBox(outcome, permissions.can_see_unpublished(user),
                      permissions.can_answer(user, proposal), translation)


def round_links(*, round: ConsultationRound, user: object, **_context: object
                ) -> dict[str, object]:
    """The round page's slot ``round.links``: the public report, and the workspace for
    moderators."""
    return {"round": round, "workspace": permissions.can_consolidate(user, round)}


def participation_outcomes(*, proposals: Iterable[Proposal], **_context: object
                           ) -> dict[int, Response]:
    """"Mi participación"'s slot ``participation.outcomes``: proposal id -> its published
    response (one query); the partial fills the cell of one answered proposal."""
    return published_outcomes(proposals)


def commitment_box(*, commitment: Commitment, **_context: object) -> list[Proposal] | None:
    """The commitment page's slot ``commitment.proposals``: the proposals behind it; None
    (nothing shown) for a commitment that no proposal fed and that was not co-created in a
    round (the historical record)."""
    behind = commitment_proposals(commitment)
    return behind if behind or commitment.round_id else None


def published_outcomes(proposals: Iterable[Proposal]) -> dict[int, Response]:
    """Proposal id -> its published response, for "Mi participación" (one query)."""
    return responses_of({proposal.id for proposal in proposals}, published_only=True)


def commitment_proposals(commitment: Commitment) -> list[Proposal]:
    """Every proposal behind a commitment, by reference, with its author (one query).
    Pending ones (not approved yet) are left out; hidden ones keep their row, and the page
    shows "Oculto por moderación" in place of their title."""
    return list(db.session.scalars(
        sa.select(Proposal)
        .join(ProposalCommitment, ProposalCommitment.proposal_id == Proposal.id)
        .where(ProposalCommitment.commitment_id == commitment.id, _not_pending())
        .options(joinedload(Proposal.author))
        .order_by(Proposal.reference_year, Proposal.reference_number, Proposal.id)
    ))


# The workspace's summary ------------------------------------------------------------------------


def summary(round: ConsultationRound) -> dict[str, int]:
    """The round's counts for the workspace, in one query."""
    in_round = Proposal.round_id == round.id

    def count(statement: sa.Select) -> sa.ScalarSelect:
        return statement.scalar_subquery()

    responses = sa.select(sa.func.count(Response.id)).join(
        Proposal, Proposal.id == Response.proposal_id
    ).where(in_round)
    row = db.session.execute(sa.select(
        count(sa.select(sa.func.count(Proposal.id)).where(in_round)).label("proposals"),
        count(sa.select(sa.func.count(Proposal.id)).where(
            in_round, Proposal.status == ProposalStatus.WITHDRAWN)).label("withdrawn"),
        count(sa.select(sa.func.count(Proposal.id)).where(
            in_round, Proposal.status == ProposalStatus.PUBLISHED, ~_has_response()
        )).label("unanswered"),
        count(responses.where(Response.published_at.is_(None))).label("prepared"),
        count(responses.where(Response.published_at.is_not(None))).label("published"),
        count(sa.select(sa.func.count(sa.distinct(ProposalCommitment.proposal_id))).join(
            Proposal, Proposal.id == ProposalCommitment.proposal_id
        ).where(in_round)).label("linked"),
    )).one()
    return {key: value or 0 for key, value in row._mapping.items()}


def commitments_with_counts(round: ConsultationRound) -> list[tuple[Commitment, int]]:
    """The round's commitments (drafts and others) with how many proposals each has."""
    linked = (
        sa.select(sa.func.count(ProposalCommitment.id))
        .where(ProposalCommitment.commitment_id == Commitment.id)
        .correlate(Commitment)
        .scalar_subquery()
    )
    return [
        (commitment, count or 0)
        for commitment, count in db.session.execute(
            sa.select(Commitment, linked)
            .where(Commitment.round_id == round.id)
            .order_by(Commitment.number, Commitment.id)
        )
    ]


def drafts(commitments: Sequence[tuple[Commitment, int]]) -> list[Commitment]:
    return [c for c, _count in commitments if c.status == CommitmentStatus.DRAFT]


# The public report ---------------------------------------------------------------------------


@dataclass
class ReportRow:
    proposal: Proposal
    response: Response | None  # published only
    commitments: list[Commitment]
    # When a Spanish translation of it was first approved (content_translation), if ever.
    translated_at: datetime | None = None

    @property
    def language(self) -> str:
        return self.proposal.language or "es"

    @property
    def read_in_translation(self) -> bool:
        """Received in another language than Spanish, and a reviewed Spanish translation
        existed before the MTGA published its response (or now, while none is)."""
        if self.language == "es" or self.translated_at is None:
            return False
        return self.response is None or self.translated_at <= self.response.published_at


@dataclass
class Report:
    rows: list[ReportRow]
    commitments: int  # the round's commitments
    counts: list[tuple[ResponseDecision, int]]  # published responses, per decision
    pending: int  # proposals without a published response

    @property
    def proposals(self) -> int:
        return len(self.rows)


def _not_pending() -> sa.ColumnElement[bool]:
    """Public lists that keep every row (the report, the proposals behind a commitment) keep
    hidden proposals, without their texts; pending ones are not public yet."""
    return Proposal.moderation_state != ModerationState.PENDING


def report(round: ConsultationRound) -> Report:
    """Every proposal of the round with its published response and its commitments (four
    queries: proposals with authors and published responses, links, the commitment count,
    when a Spanish translation of those received in another language was approved).
    A hidden proposal keeps its row (the page and the CSV show "Oculto por moderación" and
    the reason instead of its title); a pending one is left out until it is approved."""
    rows = db.session.execute(
        sa.select(Proposal, Response)
        .outerjoin(Response, sa.and_(Response.proposal_id == Proposal.id,
                                     Response.published_at.is_not(None)))
        .where(Proposal.round_id == round.id, _not_pending())
        .options(joinedload(Proposal.author))
        .order_by(Proposal.reference_year, Proposal.reference_number, Proposal.id)
    ).all()
    links: dict[int, list[Commitment]] = {}
    for proposal_id, commitment in db.session.execute(
        sa.select(ProposalCommitment.proposal_id, Commitment)
        .join(Commitment, Commitment.id == ProposalCommitment.commitment_id)
        .join(Proposal, Proposal.id == ProposalCommitment.proposal_id)
        .where(Proposal.round_id == round.id)
        .order_by(Commitment.number, Commitment.id)
    ):
        links.setdefault(proposal_id, []).append(commitment)
    commitments = db.session.scalar(
        sa.select(sa.func.count(Commitment.id)).where(Commitment.round_id == round.id)
    ) or 0
    translated = first_approved(PROPOSAL, [proposal.id for proposal, _response in rows
                                           if (proposal.language or "es") != "es"])
    counts = dict.fromkeys(ResponseDecision, 0)
    report_rows = []
    for proposal, response in rows:
        if response is not None:
            counts[response.decision] += 1
        report_rows.append(ReportRow(proposal, response, links.get(proposal.id, []),
                                     translated.get(proposal.id)))
    pending = sum(1 for row in report_rows if row.response is None)
    return Report(report_rows, commitments, list(counts.items()), pending)
