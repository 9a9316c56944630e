"""A round's proposals, searched, filtered and ordered: shared by the list page
(``list_views``) and the open-data API (``api``), so both accept exactly the same parameters.

Every parameter comes from an allowlist: an unknown parameter, a repeated one or a value
outside its list is a 400, never a 500 and never SQL.
"""

from __future__ import annotations

import random
import re
import secrets
from collections.abc import Collection, Iterable
from dataclasses import dataclass

import sqlalchemy as sa
from flask import abort
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import BadRequest

from ..accounts.models import Sector, User
from ..consultations.models import ConsultationRound
from ..extensions import db
from ..organizations.models import Organization, OrganizationKind
from ..visibility import visible_filter
from . import search
from .models import Proposal, ProposalStatus

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
FILTER_ARGS = ("q", "axis", "status", "sector", "organization", "sort", "seed")
MAX_QUERY_LENGTH = 200
# The random order: a seed in 1..SEED_MAX, and arithmetic modulo a prime below 2**31, so
# every product fits in a 64-bit integer on both databases.
SEED_MAX = 2**31 - 2
_MODULUS = 2**31 - 1
_ID_RE = re.compile(r"[0-9]{1,10}")
MAX_ID = 2**31 - 1  # PostgreSQL's INTEGER: a larger id is a 404, not a database error


@dataclass(frozen=True)
class Listing:
    """The validated search, filters and order of one request."""

    q: str = ""
    axis_id: int | None = None
    status: ProposalStatus | None = None
    sector: Sector | None = None
    organization: str | None = None  # an OrganizationKind value, or NO_ORGANIZATION
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
        if self.sort != DEFAULT_SORT:
            args["sort"] = self.sort
        if self.sort == "random" and self.seed is not None:
            args["seed"] = self.seed
        return args

    @property
    def has_filters(self) -> bool:
        return any(
            value is not None
            for value in (self.axis_id, self.status, self.sector, self.organization)
        )

    @property
    def is_filtered(self) -> bool:
        return bool(self.q) or self.has_filters


def round_or_404(round_id: int) -> ConsultationRound:
    if round_id > MAX_ID:
        abort(404)
    return db.get_or_404(ConsultationRound, round_id)


class InvalidParameter(BadRequest):
    """A 400 naming the query parameter at fault (the API tells it; pages show a 400)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.parameter = name


def single(args: MultiDict, name: str) -> str:
    """The one value of ``name`` (stripped; "" when absent); given twice, a 400."""
    values = args.getlist(name)
    if len(values) > 1:
        raise InvalidParameter(name)
    return values[0].strip() if values else ""


def _choice(args: MultiDict, name: str, allowed: dict):
    value = single(args, name)
    if not value:
        return None
    if value not in allowed:
        raise InvalidParameter(name)
    return value


def positive_int(args: MultiDict, name: str, *, maximum: int = MAX_ID) -> int | None:
    """``name`` as an integer in 1..maximum written in ASCII digits (no sign, no spaces);
    None when absent or empty; anything else a 400."""
    value = single(args, name)
    if not value:
        return None
    if not _ID_RE.fullmatch(value) or not 1 <= int(value) <= maximum:
        raise InvalidParameter(name)
    return int(value)


def new_seed() -> int:
    return secrets.randbelow(SEED_MAX) + 1


def parse(
    args: MultiDict, *, axis_ids: Collection[int], extra_args: Iterable[str] = ()
) -> Listing:
    """The listing asked for by ``args`` (a request's query string). ``axis_ids`` are the
    axes of the round's plan; ``extra_args`` other parameters the caller reads itself (page,
    per_page). A random order without a seed gets a new one."""
    allowed = set(FILTER_ARGS).union(extra_args)
    for name in args:
        if name not in allowed:
            raise InvalidParameter(name)
    q = single(args, "q")
    if len(q) > MAX_QUERY_LENGTH:
        raise InvalidParameter("q")
    axis_id = positive_int(args, "axis")
    if axis_id is not None and axis_id not in axis_ids:
        raise InvalidParameter("axis")
    status = _choice(args, "status", STATUSES)
    sector = _choice(args, "sector", SECTORS)
    organization = _choice(args, "organization", ORGANIZATION_KINDS)
    sort = _choice(args, "sort", SORTS) or DEFAULT_SORT
    seed = positive_int(args, "seed", maximum=SEED_MAX)
    if sort == "random" and seed is None:
        seed = new_seed()
    return Listing(
        q=q,
        axis_id=axis_id,
        status=STATUSES[status] if status else None,
        sector=SECTORS[sector] if sector else None,
        organization=organization,
        sort=sort,
        seed=seed,
    )


def random_key(seed: int) -> sa.ColumnElement[int]:
    """A deterministic pseudo-random integer per proposal for ``seed``, computed in SQL with
    integer arithmetic only (portable): the product of two affine maps of the id, modulo a
    prime. The same seed gives the same order on every page."""
    rng = random.Random(seed)  # noqa: S311 - an order of the list, not a secret
    a, c = rng.randrange(1, _MODULUS), rng.randrange(1, _MODULUS)
    b, d = rng.randrange(_MODULUS), rng.randrange(_MODULUS)

    def number(value: int) -> sa.ColumnElement[int]:
        return sa.literal(value, sa.BigInteger)

    proposal_id = sa.cast(Proposal.id, sa.BigInteger)
    first = (proposal_id * number(a) + number(b)) % number(_MODULUS)
    second = (proposal_id * number(c) + number(d)) % number(_MODULUS)
    return (first * second) % number(_MODULUS)


def _order(listing: Listing) -> list[sa.ColumnElement]:
    # Ties are always broken by id, so pages never overlap or skip.
    if listing.sort == "most_supported":
        return [Proposal.support_count.desc(), Proposal.id.desc()]
    if listing.sort == "random":
        return [random_key(listing.seed or 1), Proposal.id]
    return [Proposal.created_at.desc(), Proposal.id.desc()]


def statement(consultation_round: ConsultationRound, listing: Listing) -> sa.Select:
    """The round's public proposals matching ``listing``, in its order, with author,
    organisation and axis loaded in the same query. Withdrawn proposals are included (they
    stay visible with their status); hidden and pending ones are not (``visibility``)."""
    query = sa.select(Proposal).where(
        Proposal.round_id == consultation_round.id, visible_filter(Proposal)
    )
    if listing.axis_id is not None:
        query = query.where(Proposal.axis_id == listing.axis_id)
    if listing.status is not None:
        query = query.where(Proposal.status == listing.status)
    if listing.sector is not None:
        query = query.where(Proposal.author.has(User.sector == listing.sector))
    if listing.organization == NO_ORGANIZATION:
        query = query.where(Proposal.organization_id.is_(None))
    elif listing.organization is not None:
        kind = ORGANIZATION_KINDS[listing.organization]
        query = query.where(Proposal.organization.has(Organization.kind == kind))
    query = search.matching(query, listing.q)
    return query.order_by(*_order(listing)).options(
        joinedload(Proposal.author), joinedload(Proposal.organization), joinedload(Proposal.axis)
    )
