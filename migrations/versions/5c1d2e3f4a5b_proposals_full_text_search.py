"""Proposals: full-text search over search_text (SQLite FTS5 table and triggers, PostgreSQL
GIN expression index)

The same objects are made by participa/proposals/models.py for ``db.create_all()``; they are
kept out of Alembic's comparison by participa.base.extensions.include_name.

On SQLite, a later migration that rebuilds the proposals table (batch mode's "move and copy")
drops these triggers with the old table: such a migration must create them again (the
statements below) and rebuild the index.

Revision ID: 5c1d2e3f4a5b
Revises: a472c4122c9c
Create Date: 2026-11-21 10:30:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '5c1d2e3f4a5b'
down_revision = 'a472c4122c9c'
branch_labels = None
depends_on = None


SQLITE_UPGRADE = [
    "CREATE VIRTUAL TABLE proposals_fts USING fts5("
    "search_text, content='proposals', content_rowid='id')",
    "CREATE TRIGGER proposals_fts_insert AFTER INSERT ON proposals BEGIN "
    "INSERT INTO proposals_fts (rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER proposals_fts_delete AFTER DELETE ON proposals BEGIN "
    "INSERT INTO proposals_fts (proposals_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER proposals_fts_update AFTER UPDATE OF search_text ON proposals BEGIN "
    "INSERT INTO proposals_fts (proposals_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO proposals_fts (rowid, search_text) VALUES (new.id, new.search_text); END",
    # Index the proposals that already exist.
    "INSERT INTO proposals_fts (proposals_fts) VALUES ('rebuild')",
]
SQLITE_DOWNGRADE = [
    "DROP TRIGGER IF EXISTS proposals_fts_update",
    "DROP TRIGGER IF EXISTS proposals_fts_delete",
    "DROP TRIGGER IF EXISTS proposals_fts_insert",
    "DROP TABLE IF EXISTS proposals_fts",
]


def upgrade():
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_UPGRADE:
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute(
            "CREATE INDEX ix_proposals_search_text ON proposals "
            "USING gin (to_tsvector('simple', search_text))"
        )


def downgrade():
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_DOWNGRADE:
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_proposals_search_text")
