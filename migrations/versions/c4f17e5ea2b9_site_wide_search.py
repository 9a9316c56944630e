"""Site-wide search: a folded search_text on commitments, action plans and organisations,
with their full-text indexes (SQLite FTS5 tables and triggers, PostgreSQL GIN expression
indexes), as participa/content/fulltext.py makes them for db.create_all()

The column is filled here for the rows that exist (participa.content.text.fold, as the
models' ORM events do for new and changed rows), then the indexes are built.

Revision ID: c4f17e5ea2b9
Revises: c4f1a2b3d5e6
Create Date: 2026-12-06 16:20:00.000000

"""
import sqlalchemy as sa
from alembic import op

from participa.content.fulltext import (
    postgresql_statement,
    sqlite_drop_statements,
    sqlite_statements,
)
from participa.content.text import fold

# revision identifiers, used by Alembic.
revision = 'c4f17e5ea2b9'
down_revision = 'c4f1a2b3d5e6'
branch_labels = None
depends_on = None

# Each table and the columns its search_text folds, in the models' order.
TABLES = {
    "commitments": ("ogp_code", "title", "policy_area", "lead_institution"),
    "action_plans": ("title", "period", "description"),
    "organizations": ("name", "acronym"),
}


def _fill(connection, name: str, columns: tuple[str, ...]) -> None:
    table = sa.table(name, sa.column("id"), sa.column("search_text"),
                     *(sa.column(c) for c in columns if c != "period"),
                     *((sa.column("start_year"), sa.column("end_year"))
                       if "period" in columns else ()))
    rows = connection.execute(sa.select(table)).mappings().all()
    for row in rows:
        parts = [f"{row['start_year']}-{row['end_year']}" if c == "period" else row[c]
                 for c in columns]
        connection.execute(table.update().where(table.c.id == row["id"]).values(
            search_text=fold(" ".join(part or "" for part in parts))))


def upgrade():
    connection = op.get_bind()
    dialect = connection.dialect.name
    for name, columns in TABLES.items():
        op.add_column(name, sa.Column("search_text", sa.Text(), nullable=False,
                                      server_default=""))
        _fill(connection, name, columns)
        if dialect == "sqlite":
            for statement in sqlite_statements(name):
                op.execute(statement)
            op.execute(f"INSERT INTO {name}_fts ({name}_fts) VALUES ('rebuild')")
        elif dialect == "postgresql":
            op.execute(postgresql_statement(name))


def downgrade():
    dialect = op.get_bind().dialect.name
    for name in TABLES:
        if dialect == "sqlite":
            for statement in sqlite_drop_statements(name):
                op.execute(statement)
        elif dialect == "postgresql":
            op.execute(f"DROP INDEX IF EXISTS ix_{name}_search_text")
        # Not batch mode: rebuilding a referenced table on SQLite fails its foreign keys;
        # SQLite (3.35 and later) drops a column that no index or trigger names.
        op.execute(f"ALTER TABLE {name} DROP COLUMN search_text")
