"""What the fuzz tests type, and what the database must still be after it.

``TEXT`` draws arbitrary Unicode, ASCII with control characters and NUL, empty and blank
values, digits a person would not type (superscripts, other scripts, full width), numbers
beyond every column, extreme dates, huge values, and the XSS corpus. ``invariants`` lists what
is wrong with the stored data: counters that disagree with COUNT(*), control characters or
line breaks where they cannot be typed, values longer than their column or form allows,
required texts left blank.
"""

from __future__ import annotations

import os
import re
from datetime import date

import sqlalchemy as sa
from hypothesis import seed, settings
from hypothesis import strategies as st

from participa.base.extensions import db
from participa.comments.models import BODY_MAX, Comment
from participa.plans.models import Commitment
from participa.proposals.models import TEXT_MAX, Proposal, Support
from participa.voting.models import Vote

from .payloads import PAYLOADS

# Examples per form and per query parameter set on each database (FUZZ_EXAMPLES=200 for a
# deeper run), after the BOUNDARIES, which every database gets. Each database draws its own
# examples (SEEDS): with the same seed both drew the same 25, so the two now try as many
# distinct values between them as before, in half the requests.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "13"))
SEEDS = {"sqlite": 1, "postgresql": 2}

_ODD_NUMBERS = ("0", "-1", "+7", " 7", "7 ", "1_000", "1e3", "0x10", "NaN", "∞", "²", "١٢",
                "１", "⅕", "9" * 10, "9" * 30, "9" * 5000, "2147483648", "-9223372036854775809",
                "1.5")
_ODD_DATES = ("0001-01-01", "9999-12-31", "2026-02-30", "20260315", "2026-03-15T25:00",
              "2026-W11", "2026-13", "+2026-01", "2026-03-15 09:00", "15/03/2026")
_SHAPES = ("", " ", "\t", "\r\n", "\x00", "a\x00b", "\x1b[31m", "\x9b31m", "a\x85b", "\u202e",
           "\ufeff", "\ud7ff",
           "\U0010ffff", "%00", "%", "_", "\\", "'", '"', "<", "&", "&amp;", "../../etc/passwd",
           "/", "//evil.example", "/\\evil.example", "https://evil.example/", "javascript:x")

# Values that break parsers: half of what a query parameter gets.
ODD = st.sampled_from(_SHAPES + _ODD_NUMBERS + _ODD_DATES)
# Tried first, in every field or parameter at once, on every form and page: digits int()
# refuses or reads, numbers and dates beyond every range, blank, a path to another site.
BOUNDARIES = ("²", "١٢٣٤٥٦", "²²²²²²", "-1", "9" * 30, "9999-12-31", "0001-01-01T00:00", " ",
              "/\\evil.example/")

TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=40),
    ODD,
    st.sampled_from(tuple(PAYLOADS.values())),
    st.text(alphabet=st.characters(categories=["Nd", "No", "Nl"]), min_size=1, max_size=4),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(date.isoformat),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.builds(lambda ch, n: ch * n, st.sampled_from(["a", "ñ", " ", "\n", "<", "🇬🇹", "\x00"]),
              st.sampled_from([121, 256, 1001, 2001, 4001, 10_001, 60_000])),
)


def database_of(app) -> str:
    """``sqlite`` or ``postgresql``: the database an app of the tests runs on."""
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    return "sqlite" if uri.startswith("sqlite") else "postgresql"


def examples_for(database: str):
    """Hypothesis's settings for a fuzz test on ``database``: EXAMPLES examples of its own
    seed (apply it over ``@given``)."""
    def decorate(test):
        return seed(SEEDS[database])(settings(max_examples=EXAMPLES)(test))
    return decorate


# The stored data ---------------------------------------------------------------------------

# C0 but tab and line breaks, DEL and C1 (U+0080-U+009F).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Texts typed in one-line inputs (a browser cannot put a line break there).
ONE_LINE = {
    "users": ("name",), "organizations": ("name", "acronym", "website"),
    "consultation_rounds": ("title",), "proposals": ("title", "institution"),
    "commitments": ("title", "lead_institution"), "commitment_versions": ("title",
                                                                          "lead_institution"),
    "moderation_reason_templates": ("title",),
    "commitment_contacts": ("name", "institution_post", "email", "phone"),
}
# Texts without a column length whose forms set one.
TEXT_LIMITS = {
    ("proposals", "problem"): TEXT_MAX, ("proposals", "proposed_commitment"): TEXT_MAX,
    ("proposals", "benefit"): TEXT_MAX, ("comments", "body"): BODY_MAX,
}
# Texts a form requires: never stored blank.
REQUIRED = {
    "proposals": ("title", "problem", "proposed_commitment", "benefit", "institution"),
    "comments": ("body",), "organizations": ("name",), "consultation_rounds": ("title",),
    "moderation_reason_templates": ("title", "body"), "commitment_versions": ("title",),
}
# Written by the app itself, not typed: JSON and machine values.
_NOT_TYPED = {"audit_events": ("before", "after"), "notifications": ("params",)}


def _count_problems() -> list[str]:
    found = []
    supports = (sa.select(Proposal.id, Proposal.support_count, sa.func.count(Support.id))
                .outerjoin(Support, Support.proposal_id == Proposal.id).group_by(Proposal.id))
    for proposal_id, stored, counted in db.session.execute(supports):
        if stored != counted:
            found.append(f"proposal {proposal_id}: support_count {stored}, {counted} supports")
    votes = (sa.select(Commitment.id, Commitment.vote_count, sa.func.count(Vote.id))
             .outerjoin(Vote, Vote.commitment_id == Commitment.id).group_by(Commitment.id))
    for commitment_id, stored, counted in db.session.execute(votes):
        if stored != counted:
            found.append(f"commitment {commitment_id}: vote_count {stored}, {counted} votes")
    too_deep = db.session.scalar(sa.select(sa.func.count(Comment.id)).where(Comment.depth > 2))
    if too_deep:
        found.append(f"{too_deep} comments deeper than three levels")
    return found


def _text_problems() -> list[str]:
    found = []
    for table in db.metadata.sorted_tables:
        columns = [c for c in table.columns if isinstance(c.type, sa.String | sa.Text)
                   and c.name not in _NOT_TYPED.get(table.name, ())]
        if not columns:
            continue
        key = next(iter(table.primary_key.columns))
        for row in db.session.execute(sa.select(key, *columns)):
            for column, value in zip(columns, row[1:], strict=True):
                if not isinstance(value, str):
                    continue
                where = f"{table.name}.{column.name} of row {row[0]}"
                if _CONTROL.search(value):
                    found.append(f"{where}: control character in {value[:80]!r}")
                if column.name in ONE_LINE.get(table.name, ()) and re.search(r"[\r\n]", value):
                    found.append(f"{where}: line break in a one-line text {value[:80]!r}")
                limit = getattr(column.type, "length", None) or TEXT_LIMITS.get(
                    (table.name, column.name))
                if limit and len(value) > limit:
                    found.append(f"{where}: {len(value)} characters, more than {limit}")
                if column.name in REQUIRED.get(table.name, ()) and not value.strip():
                    found.append(f"{where}: blank")
    return found


def invariants(app) -> list[str]:
    """What is wrong with the data stored now (empty when nothing is)."""
    with app.app_context():
        return _count_problems() + _text_problems()
