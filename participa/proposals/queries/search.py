"""Full-text search over proposals, on SQLite (FTS5) and PostgreSQL (tsvector).

Both sides are folded with ``participa.content.text.fold`` (case, accents and the three apostrophes
of LANGUAGES.md do not matter): the stored ``Proposal.search_text`` by the model's ORM
events, the query here. The query is split into plain words (letters and digits only), and
each word becomes a quoted term of the database's own query language, so no search syntax
typed by a person ever reaches the database: ``"``, ``*``, ``AND``, ``NEAR(``, ``-``, ``:``
are just text. The indexes are made by participa/proposals/models.py and the migrations.
"""

from __future__ import annotations

import re

import sqlalchemy as sa

from ...base.extensions import db
from ...content.text import fold
from ..models import Proposal

# Words beyond these are ignored: a search is a few words, not a paragraph.
MAX_WORDS = 12
MAX_WORD_LENGTH = 64
_WORD_RE = re.compile(r"[^\W_]+")

# The FTS5 table and its hidden column of the same name (the left side of MATCH).
_FTS = sa.table("proposals_fts", sa.column("rowid", sa.Integer))
_FTS_ALL_COLUMNS = sa.literal_column("proposals_fts")
_SIMPLE = sa.literal_column("'simple'")


def words(query_text: str | None) -> list[str]:
    """The folded words of a query: letters and digits only, at most MAX_WORDS."""
    found = _WORD_RE.findall(fold(query_text or ""))
    return [word[:MAX_WORD_LENGTH] for word in found[:MAX_WORDS]]


# Which words match as the beginning of longer ones: the last (search as you type), every
# one (crude stems, for similar titles) or none.
PREFIX_MODES = ("last", "every", "none")


def _prefixed(terms: list[str], prefix: str) -> list[bool]:
    if prefix not in PREFIX_MODES:
        raise ValueError(f"prefix must be one of {PREFIX_MODES}")
    return [prefix == "every" or (prefix == "last" and i == len(terms) - 1)
            for i in range(len(terms))]


def fts5_query(terms: list[str], *, any_word: bool = False, prefix: str = "last") -> str:
    """An FTS5 MATCH expression: every word a quoted string, a prefix where asked."""
    quoted = [
        '"' + term.replace('"', '""') + '"' + ("*" if starred else "")
        for term, starred in zip(terms, _prefixed(terms, prefix), strict=True)
    ]
    return (" OR " if any_word else " ").join(quoted)


def tsquery(terms: list[str], *, any_word: bool = False, prefix: str = "last") -> str:
    """A to_tsquery expression: every word a quoted lexeme, a prefix where asked."""
    quoted = [
        "'" + term.replace("'", "''") + "'" + (":*" if starred else "")
        for term, starred in zip(terms, _prefixed(terms, prefix), strict=True)
    ]
    return (" | " if any_word else " & ").join(quoted)


def matching(
    statement: sa.Select, query_text: str | None, *, any_word: bool = False,
    prefix: str = "last",
) -> sa.Select:
    """``statement`` (a select of or over ``Proposal``) narrowed to the proposals whose
    title, problem, proposed commitment, benefit or institution contain every word of
    ``query_text`` (any of them with ``any_word=True``). ``prefix``: "last" (the default:
    the last word may begin a longer one, as people type), "every" or "none". A query
    without words returns ``statement`` unchanged. Ordering is left to the caller."""
    terms = words(query_text)
    if not terms:
        return statement
    dialect = db.session.get_bind(mapper=sa.inspect(Proposal)).dialect.name
    if dialect == "sqlite":
        expression = fts5_query(terms, any_word=any_word, prefix=prefix)
        matches = sa.select(_FTS.c.rowid).where(
            _FTS_ALL_COLUMNS.op("MATCH")(sa.literal(expression, sa.Text))
        )
        return statement.where(Proposal.id.in_(matches))
    if dialect == "postgresql":
        expression = tsquery(terms, any_word=any_word, prefix=prefix)
        document = sa.func.to_tsvector(_SIMPLE, Proposal.search_text)
        query = sa.func.to_tsquery(_SIMPLE, sa.literal(expression, sa.Text))
        # The ids come from the GIN index first (OFFSET 0 keeps PostgreSQL from merging the
        # subquery into the outer one). Merged, the planner may walk a round's proposals in
        # the page's order and recompute to_tsvector for every row until it fills the page:
        # measured at 20,000 proposals, 110-130 ms for a rare word instead of 1-7 ms.
        matches = sa.select(Proposal.id).where(document.op("@@")(query)).offset(0)
        return statement.where(Proposal.id.in_(matches))
    # Any other database: every word as a substring of the folded text (no index).
    for term in terms:
        statement = statement.where(Proposal.search_text.contains(term, autoescape=True))
    return statement
