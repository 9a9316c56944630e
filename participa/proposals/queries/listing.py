"""A round's proposals, searched, filtered and ordered: shared by the list page
(``list_views``) and the open-data API (``api``), so both accept exactly the same parameters.

Every parameter comes from an allowlist: an unknown parameter, a repeated one or a value
outside its list is a 400, never a 500 and never SQL.

Pages (``page_of``) cost the same at page 1 and page 500: the page's links carry the sort key
of the proposal they continue from (``after``/``before``, keyset pagination), and a page asked
by number alone (``?page=50``, a typed or old link) skips rows in a narrow subquery that the
composite indexes of ``Proposal`` cover, then loads only the page's rows with their author,
organisation and axis. The count reads the same covering index.
"""

from __future__ import annotations

import random
import re
import secrets
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from flask import abort, current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import defer, joinedload
from werkzeug.datastructures import MultiDict

from ...accounts.models import Sector, User
from ...base.extensions import db
from ...consultations.models import ConsultationRound
from ...content.numbers import MAX_ID
from ...content.visibility import visible_filter
from ...organizations.models import Organization, OrganizationKind
from ...plans.models import Axis
from ...web.args import InvalidParameter, choice, number, query_args, search_text, single
from ...web.pagination import Page
from ..models import Proposal, ProposalStatus
from . import search

SORTS = {
    "newest": _l("Más recientes"),
    "most_supported": _l("Más apoyadas"),
    "random": _l("Orden aleatorio"),
}
DEFAULT_SORT = "newest"
STATUSES = {status.value: status for status in ProposalStatus}
SECTORS = {sector.value: sector for sector in Sector}
NO_ORGANIZATION = "sin_organizacion"
ORGANIZATION_KINDS: dict[str, OrganizationKind | None] = {
    **{kind.value: kind for kind in OrganizationKind},
    NO_ORGANIZATION: None,
}
FILTER_ARGS = ("q", "axis", "status", "sector", "organization", "language", "sort", "seed")
MAX_QUERY_LENGTH = 200
# The random order: a seed in 1..SEED_MAX, and arithmetic modulo a prime below 2**31, so
# every product fits in a 64-bit integer on both databases.
SEED_MAX = 2**31 - 2
_MODULUS = 2**31 - 1


@dataclass(frozen=True)
class Listing:
    """The validated search, filters and order of one request."""

    q: str = ""
    axis_id: int | None = None
    status: ProposalStatus | None = None
    sector: Sector | None = None
    organization: str | None = None  # an OrganizationKind value, or NO_ORGANIZATION
    language: str | None = None  # the language it is written in (issue 18)
    sort: str = DEFAULT_SORT
    seed: int | None = None

    def url_args(self) -> dict[str, str | int]:
        """The parameters that reproduce this listing (for links and hidden inputs)."""
        args: dict[str, str | int] = {}
        if self.q:
            args["q"] = self.q
        if self.axis_id is not None:
            args["axis"] = self.axis_id
        if self.status is not None:
            args["status"] = self.status.value
        if self.sector is not None:
            args["sector"] = self.sector.value
        if self.organization is not None:
            args["organization"] = self.organization
        if self.language is not None:
            args["language"] = self.language
        if self.sort != DEFAULT_SORT:
            args["sort"] = self.sort
        if self.sort == "random" and self.seed is not None:
            args["seed"] = self.seed
        return args

    @property
    def has_filters(self) -> bool:
        return any(
            value is not None
            for value in (self.axis_id, self.status, self.sector, self.organization,
                          self.language)
        )

    @property
    def is_filtered(self) -> bool:
        return bool(self.q) or self.has_filters


def round_or_404(round_id: int) -> ConsultationRound:
    if round_id > MAX_ID:
        abort(404)
    return db.get_or_404(ConsultationRound, round_id)


def new_seed() -> int:
    return secrets.randbelow(SEED_MAX) + 1


def parse(
    args: MultiDict, *, axis_ids: Collection[int], extra_args: Iterable[str] = ()
) -> Listing:
    """The listing asked for by ``args`` (a request's query string). ``axis_ids`` are the
    axes of the round's plan; ``extra_args`` other parameters the caller reads itself (page,
    per_page). A random order without a seed gets a new one."""
    query_args(set(FILTER_ARGS).union(extra_args), args)
    q = search_text(args, max_length=MAX_QUERY_LENGTH)
    axis_id = number(args, "axis", among=axis_ids)
    status = choice(args, "status", STATUSES)
    sector = choice(args, "sector", SECTORS)
    organization = choice(args, "organization", ORGANIZATION_KINDS)
    language = choice(args, "language", current_app.config["LANGUAGES"])
    sort = choice(args, "sort", SORTS) or DEFAULT_SORT
    seed = number(args, "seed", maximum=SEED_MAX)
    if sort == "random" and seed is None:
        seed = new_seed()
    return Listing(
        q=q,
        axis_id=axis_id,
        status=STATUSES[status] if status else None,
        sector=SECTORS[sector] if sector else None,
        organization=organization,
        language=language,
        sort=sort,
        seed=seed,
    )


def _random_coefficients(seed: int) -> tuple[int, int, int, int]:
    rng = random.Random(seed)  # noqa: S311 - an order of the list, not a secret
    a, c = rng.randrange(1, _MODULUS), rng.randrange(1, _MODULUS)
    b, d = rng.randrange(_MODULUS), rng.randrange(_MODULUS)
    return a, b, c, d


def random_key(seed: int) -> sa.ColumnElement[int]:
    """A deterministic pseudo-random integer per proposal for ``seed``, computed in SQL with
    integer arithmetic only (portable): the product of two affine maps of the id, modulo a
    prime. The same seed gives the same order on every page."""
    a, b, c, d = _random_coefficients(seed)

    def number(value: int) -> sa.ColumnElement[int]:
        return sa.literal(value, sa.BigInteger)

    proposal_id = sa.cast(Proposal.id, sa.BigInteger)
    first = (proposal_id * number(a) + number(b)) % number(_MODULUS)
    second = (proposal_id * number(c) + number(d)) % number(_MODULUS)
    return (first * second) % number(_MODULUS)


def random_value(seed: int, proposal_id: int) -> int:
    """``random_key`` of one proposal, computed here."""
    a, b, c, d = _random_coefficients(seed)
    return ((proposal_id * a + b) % _MODULUS) * ((proposal_id * c + d) % _MODULUS) % _MODULUS


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _micros(moment: datetime) -> int:
    return (moment - _EPOCH) // timedelta(microseconds=1)


@dataclass(frozen=True)
class Order:
    """A listing's order: a key (then the id, so pages never overlap or skip), its
    direction, the key of one proposal, and a cursor's integer back as a value of the key."""

    key: sa.ColumnElement
    descending: bool
    key_of: Callable[[Proposal], int]
    value_of: Callable[[int], object] = lambda key: key

    def clauses(self, *, reverse: bool = False) -> list[sa.ColumnElement]:
        down = self.descending != reverse
        return [self.key.desc(), Proposal.id.desc()] if down else [self.key, Proposal.id]

    def beyond(self, cursor: Cursor, *, reverse: bool = False) -> sa.ColumnElement[bool]:
        """The proposals after ``cursor`` in this order (before it with ``reverse``): one
        row-value comparison, a range of the composite index."""
        row = sa.tuple_(self.key, Proposal.id)
        bound = sa.tuple_(sa.literal(self.value_of(cursor.key), self.key.type),
                          sa.literal(cursor.id, Proposal.id.type))
        return row < bound if self.descending != reverse else row > bound


def _order_of(listing: Listing) -> Order:
    if listing.sort == "most_supported":
        return Order(Proposal.support_count, True, lambda p: p.support_count)
    if listing.sort == "random":
        seed = listing.seed or 1
        return Order(random_key(seed), False, lambda p: random_value(seed, p.id))
    return Order(Proposal.created_at, True, lambda p: _micros(p.created_at),
                 lambda key: _EPOCH + timedelta(microseconds=key))


def _order(listing: Listing) -> list[sa.ColumnElement]:
    return _order_of(listing).clauses()


def statement(consultation_round: ConsultationRound, listing: Listing) -> sa.Select:
    """The round's public proposals matching ``listing``, in its order, with author,
    organisation and axis loaded in the same query. Withdrawn proposals are included (they
    stay visible with their status); hidden and pending ones are not (``visibility``)."""
    return _with_relations(_filtered(consultation_round, listing).order_by(*_order(listing)))


def _with_relations(query: sa.Select) -> sa.Select:
    return query.options(
        joinedload(Proposal.author), joinedload(Proposal.organization), joinedload(Proposal.axis)
    )


def _filtered(consultation_round: ConsultationRound, listing: Listing) -> sa.Select:
    """The round's public proposals matching ``listing``, unordered."""
    query = sa.select(Proposal).where(
        Proposal.round_id == consultation_round.id, visible_filter(Proposal)
    )
    if listing.axis_id is not None:
        query = query.where(Proposal.axis_id == listing.axis_id)
    if listing.status is not None:
        query = query.where(Proposal.status == listing.status)
    if listing.sector is not None:
        query = query.where(Proposal.author.has(User.sector == listing.sector))
    if listing.language is not None:
        query = query.where(Proposal.language == listing.language)
    if listing.organization == NO_ORGANIZATION:
        query = query.where(Proposal.organization_id.is_(None))
    elif listing.organization is not None:
        kind = ORGANIZATION_KINDS[listing.organization]
        query = query.where(Proposal.organization.has(Organization.kind == kind))
    return search.matching(query, listing.q)


# Pages ------------------------------------------------------------------------------------

_CURSOR_RE = re.compile(r"([0-9]{1,18})\.([0-9]{1,10})")
# Microseconds since 1970 of the year 9000: beyond, no date (a cursor's key is a 400).
_MAX_KEY = 220_000_000_000_000_000


@dataclass(frozen=True)
class Cursor:
    """Where a page continues from: the sort key and id of a proposal (``123.4567``)."""

    key: int
    id: int

    def __str__(self) -> str:
        return f"{self.key}.{self.id}"


def cursor_arg(args: MultiDict, name: str) -> Cursor | None:
    """``after`` or ``before`` of the query string: two integers joined by a dot; anything
    else a 400."""
    value = single(args, name)
    if not value:
        return None
    match = _CURSOR_RE.fullmatch(value)
    if not match or int(match[2]) > MAX_ID or int(match[1]) > _MAX_KEY:
        raise InvalidParameter(name)
    return Cursor(int(match[1]), int(match[2]))


@dataclass
class KeysetPage(Page):
    """One page of a listing, with the query arguments of its neighbours' links (the page
    number and the cursor to continue from)."""

    prev_args: dict[str, str | int] = field(default_factory=dict)
    next_args: dict[str, str | int] = field(default_factory=dict)


def count(consultation_round: ConsultationRound, listing: Listing) -> int:
    """How many proposals the listing has: ``COUNT(*)`` with its conditions only (no joins,
    no ordering), answered from the covering index when nothing but the round is asked."""
    conditions = _filtered(consultation_round, listing).whereclause
    return db.session.scalar(sa.select(sa.func.count()).select_from(Proposal).where(conditions))


def page_of(
    consultation_round: ConsultationRound, listing: Listing, *, page: int, per_page: int,
    after: Cursor | None = None, before: Cursor | None = None,
) -> KeysetPage:
    """Page ``page`` of the listing: continuing after (or before) a cursor when the link
    gave one, else by number. Two statements: the count and the page."""
    order = _order_of(listing)
    filtered = _filtered(consultation_round, listing)
    total = count(consultation_round, listing)
    if before is not None:
        rows = _rows(filtered.where(order.beyond(before, reverse=True))
                     .order_by(*order.clauses(reverse=True)), per_page + 1)
        has_prev = len(rows) > per_page
        items = list(reversed(rows[:per_page]))
        has_next = True
    else:
        if after is not None:
            query = filtered.where(order.beyond(after)).order_by(*order.clauses())
        elif page > 1:
            query = _skipping(filtered, order, (page - 1) * per_page, per_page + 1)
        else:
            query = filtered.order_by(*order.clauses())
        rows = _rows(query, per_page + 1)
        items = rows[:per_page]
        has_next = len(rows) > per_page
        has_prev = page > 1
    result = KeysetPage(items=items, total=total, page=page, per_page=per_page,
                  has_prev=has_prev and page > 1, has_next=has_next)
    if result.has_next and items:
        result.next_args = {"page": page + 1, "after": str(_cursor(order, items[-1]))}
    if result.has_prev:
        result.prev_args = {"page": page - 1}
        if page - 1 > 1 and items:
            result.prev_args["before"] = str(_cursor(order, items[0]))
    return result


def _cursor(order: Order, proposal: Proposal) -> Cursor:
    return Cursor(order.key_of(proposal), proposal.id)


# The list's cards show none of these: the page leaves them in the database (reading one
# would raise rather than quietly load it proposal by proposal).
_LONG_TEXTS = (Proposal.problem, Proposal.proposed_commitment, Proposal.benefit,
               Proposal.search_text, Proposal.withdrawal_reason, Proposal.hidden_reason)


def _rows(query: sa.Select, limit: int) -> list[Proposal]:
    """The page's proposals with what their cards show: author's name, organisation, axis."""
    query = query.limit(limit).options(
        *(defer(column, raiseload=True) for column in _LONG_TEXTS),
        joinedload(Proposal.author).load_only(User.name, User.deleted_at),
        joinedload(Proposal.organization).load_only(Organization.name, Organization.acronym),
        joinedload(Proposal.axis).load_only(Axis.name),
    )
    return list(db.session.scalars(query).unique())


def _skipping(filtered: sa.Select, order: Order, offset: int, limit: int) -> sa.Select:
    """Page by number: the ids are found in a narrow subquery (only the index's columns
    are read for the rows skipped), then the page's rows are loaded with their relations."""
    ids = (filtered.with_only_columns(Proposal.id).order_by(*order.clauses())
           .offset(offset).limit(limit))
    return (sa.select(Proposal).where(Proposal.id.in_(ids.scalar_subquery()))
            .order_by(*order.clauses()))
