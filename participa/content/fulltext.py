"""Full-text search over a table's folded ``search_text`` column, on SQLite (FTS5) and
PostgreSQL (a GIN expression index), for every table that has one: proposals, commitments,
action plans and organisations.

Both sides are folded with ``content.text.fold`` (case, accents and the three apostrophes of
LANGUAGES.md do not matter): the stored column by each model's ORM events, the query here.
The query is split into plain words (letters and digits only), and each word becomes a
quoted term of the database's own query language, so no search syntax typed by a person
ever reaches the database.

``install(table)`` makes the index for ``create_all``; a migration makes the same objects
with ``sqlite_statements(name)`` and ``postgresql_statement(name)``. They are kept out of
Alembic's comparison (``base.extensions.include_name``: ``<table>_fts*`` and
``ix_<table>_search_text``).
"""

from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event

from .text import fold

# Words beyond these are ignored: a search is a few words, not a paragraph.
MAX_WORDS = 12
MAX_WORD_LENGTH = 64
_WORD_RE = re.compile(r"[^\W_]+")
_SIMPLE = sa.literal_column("'simple'")

# Which words match as the beginning of longer ones: the last (search as you type), every
# one (crude stems, for similar titles) or none.
PREFIX_MODES = ("last", "every", "none")


def words(query_text: str | None) -> list[str]:
    """The folded words of a query: letters and digits only, at most MAX_WORDS."""
    found = _WORD_RE.findall(fold(query_text or ""))
    return [word[:MAX_WORD_LENGTH] for word in found[:MAX_WORDS]]


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


# The index -------------------------------------------------------------------------------------


def sqlite_statements(name: str) -> list[str]:
    """The FTS5 external-content table ``<name>_fts`` over ``<name>.search_text`` and the
    triggers that keep it in step with the table. ``name`` is one of our table names (never
    anything a person typed), checked to be a plain identifier."""
    fts = f"{_identifier(name)}_fts"
    # Table names of our own models, checked above.
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5(search_text, content='{name}', "
        "content_rowid='id')",
        f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {name} BEGIN "  # noqa: S608
        f"INSERT INTO {fts} (rowid, search_text) VALUES (new.id, new.search_text); END",
        f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {name} BEGIN "  # noqa: S608
        f"INSERT INTO {fts} ({fts}, rowid, search_text) "
        "VALUES ('delete', old.id, old.search_text); END",
        f"CREATE TRIGGER {fts}_update AFTER UPDATE OF search_text ON {name} BEGIN "  # noqa: S608
        f"INSERT INTO {fts} ({fts}, rowid, search_text) "
        "VALUES ('delete', old.id, old.search_text); "
        f"INSERT INTO {fts} (rowid, search_text) VALUES (new.id, new.search_text); END",
    ]


def _identifier(name: str) -> str:
    if not re.fullmatch(r"[a-z_]+", name):
        raise ValueError(f"not a table name of ours: {name!r}")
    return name


def sqlite_drop_statements(name: str) -> list[str]:
    fts = f"{_identifier(name)}_fts"
    return [f"DROP TRIGGER IF EXISTS {fts}_update", f"DROP TRIGGER IF EXISTS {fts}_delete",
            f"DROP TRIGGER IF EXISTS {fts}_insert", f"DROP TABLE IF EXISTS {fts}"]


def postgresql_statement(name: str) -> str:
    return (f"CREATE INDEX ix_{name}_search_text ON {name} "
            "USING gin (to_tsvector('simple', search_text))")


def install(table: sa.Table) -> None:
    """Make the full-text index of ``table`` whenever ``create_all`` makes the table."""
    for statement in sqlite_statements(table.name):
        event.listen(table, "after_create", sa.DDL(statement).execute_if(dialect="sqlite"))
    event.listen(table, "before_drop", sa.DDL(
        f"DROP TABLE IF EXISTS {table.name}_fts").execute_if(dialect="sqlite"))
    event.listen(table, "after_create", sa.DDL(
        postgresql_statement(table.name)).execute_if(dialect="postgresql"))


def keep_folded(model: Any, compute) -> None:
    """Keep ``model.search_text`` equal to ``fold(compute(item))`` on every insert and
    update (ORM events)."""

    def refresh(mapper, connection, item) -> None:  # noqa: ARG001
        item.search_text = fold(compute(item))

    event.listen(model, "before_insert", refresh)
    event.listen(model, "before_update", refresh)


# The query -------------------------------------------------------------------------------------


def matching_ids(model: Any, terms: list[str], dialect: str, *, any_word: bool = False,
                 prefix: str = "last") -> sa.Select:
    """The ids of ``model``'s rows whose ``search_text`` holds every word of ``terms`` (any
    of them with ``any_word``), through the table's full-text index."""
    name = model.__table__.name
    if dialect == "sqlite":
        fts = sa.table(f"{name}_fts", sa.column("rowid", sa.Integer))
        expression = fts5_query(terms, any_word=any_word, prefix=prefix)
        return sa.select(fts.c.rowid).where(
            sa.literal_column(f"{name}_fts").op("MATCH")(sa.literal(expression, sa.Text)))
    if dialect == "postgresql":
        expression = tsquery(terms, any_word=any_word, prefix=prefix)
        document = sa.func.to_tsvector(_SIMPLE, model.search_text)
        query = sa.func.to_tsquery(_SIMPLE, sa.literal(expression, sa.Text))
        # OFFSET 0 keeps PostgreSQL from merging the subquery into the outer one, so that
        # the ids come from the GIN index first (see proposals/queries/search.py).
        return sa.select(model.id).where(document.op("@@")(query)).offset(0)
    # Any other database: every word as a substring of the folded text (no index).
    statement = sa.select(model.id)
    for term in terms:
        statement = statement.where(model.search_text.contains(term, autoescape=True))
    return statement
