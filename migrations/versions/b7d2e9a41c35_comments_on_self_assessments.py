"""Public comments on a self-assessment during its comment period (issue 16):
comments.assessment_id, and the one-parent rule that lets a comment hang from a
self-assessment alone.

On SQLite the column is added in place and the CHECK constraint is changed in the stored
schema (SQLite's documented procedure for a looser CHECK: writable_schema, then a new
schema_version), not by a batch copy, which would drop the table that revisions, reports and
moderation actions reference. Downgrading a database that holds comments on
self-assessments is not supported.

Revision ID: b7d2e9a41c35
Revises: e5f6a7b8c9d0
Create Date: 2026-12-06 19:05:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b7d2e9a41c35'
down_revision = 'e5f6a7b8c9d0'
branch_labels = None
depends_on = None


FOREIGN_KEY = 'fk_comments_assessment_id_self_assessments'
CHECK = 'ck_comments_one_parent'
OLD = '(proposal_id IS NULL) <> (version_id IS NULL)'
NEW = ('((proposal_id IS NULL) <> (version_id IS NULL) AND assessment_id IS NULL) OR '
       '(proposal_id IS NULL AND version_id IS NULL AND assessment_id IS NOT NULL)')


def _sqlite_check(old: str, new: str) -> None:
    """Replace the text of the CHECK in the table's stored definition."""
    bind = op.get_bind()
    sql = bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'comments'").scalar()
    if old not in sql:
        raise RuntimeError("comments: the one-parent CHECK is not the expected one")
    version = bind.exec_driver_sql("PRAGMA schema_version").scalar()
    bind.exec_driver_sql("PRAGMA writable_schema = ON")
    bind.exec_driver_sql("UPDATE sqlite_master SET sql = ? WHERE type = 'table' "
                         "AND name = 'comments'", (sql.replace(old, new, 1),))
    bind.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    bind.exec_driver_sql("PRAGMA writable_schema = OFF")


def upgrade():
    if op.get_bind().dialect.name == 'sqlite':
        op.execute(f'ALTER TABLE comments ADD COLUMN assessment_id INTEGER '
                   f'CONSTRAINT {FOREIGN_KEY} REFERENCES self_assessments (id)')
        _sqlite_check(f'CHECK ({OLD})', f'CHECK ({NEW})')
    else:
        op.add_column('comments', sa.Column('assessment_id', sa.Integer(), nullable=True))
        op.create_foreign_key(FOREIGN_KEY, 'comments', 'self_assessments', ['assessment_id'],
                              ['id'])
        op.drop_constraint(op.f(CHECK), 'comments', type_='check')
        op.create_check_constraint(op.f(CHECK), 'comments', sa.text(NEW))
    op.create_index(op.f('ix_comments_assessment_id'), 'comments', ['assessment_id'],
                    unique=False)


def downgrade():
    op.drop_index(op.f('ix_comments_assessment_id'), table_name='comments')
    if op.get_bind().dialect.name == 'sqlite':
        # The CHECK back first (it names the column), then a plain DROP COLUMN: a batch copy
        # would rewrite the other columns' REFERENCES and stop their own migrations'
        # downgrades.
        _sqlite_check(f'CHECK ({NEW})', f'CHECK ({OLD})')
        op.drop_column('comments', 'assessment_id')
    else:
        op.drop_constraint(op.f(CHECK), 'comments', type_='check')
        op.create_check_constraint(op.f(CHECK), 'comments', sa.text(OLD))
        op.drop_constraint(FOREIGN_KEY, 'comments', type_='foreignkey')
        op.drop_column('comments', 'assessment_id')
