"""The public moderation log names decisions on translations (issue 18):
moderation_actions.translation_id, and the one-target rule that counts it.

On SQLite the column is added in place and the CHECK constraint is changed in the stored
schema (SQLite's documented procedure for a changed CHECK: writable_schema, then a new
schema_version), not by a batch copy, as in b7d2e9a41c35. Downgrading a database whose log
holds decisions on translations is not supported.

Revision ID: a4c8e2f17b90
Revises: b7d2e9a41c35
Create Date: 2026-12-06 22:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a4c8e2f17b90'
down_revision = 'b7d2e9a41c35'
branch_labels = None
depends_on = None


TABLE = 'moderation_actions'
FOREIGN_KEY = 'fk_moderation_actions_translation_id_content_translations'
CHECK = 'ck_moderation_actions_one_target'
OLD = ('(CASE WHEN proposal_id IS NULL THEN 0 ELSE 1 END + CASE WHEN comment_id IS NULL '
       'THEN 0 ELSE 1 END + CASE WHEN user_id IS NULL THEN 0 ELSE 1 END) = 1')
NEW = ('(CASE WHEN proposal_id IS NULL THEN 0 ELSE 1 END + CASE WHEN comment_id IS NULL '
       'THEN 0 ELSE 1 END + CASE WHEN user_id IS NULL THEN 0 ELSE 1 END + CASE WHEN '
       'translation_id IS NULL THEN 0 ELSE 1 END) = 1')


def _sqlite_check(old: str, new: str) -> None:
    """Replace the text of the CHECK in the table's stored definition."""
    bind = op.get_bind()
    sql = bind.exec_driver_sql(
        f"SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '{TABLE}'").scalar()
    if old not in sql:
        raise RuntimeError(f"{TABLE}: the one-target CHECK is not the expected one")
    version = bind.exec_driver_sql("PRAGMA schema_version").scalar()
    bind.exec_driver_sql("PRAGMA writable_schema = ON")
    bind.exec_driver_sql("UPDATE sqlite_master SET sql = ? WHERE type = 'table' "
                         f"AND name = '{TABLE}'", (sql.replace(old, new, 1),))
    bind.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    bind.exec_driver_sql("PRAGMA writable_schema = OFF")


def upgrade():
    if op.get_bind().dialect.name == 'sqlite':
        op.execute(f'ALTER TABLE {TABLE} ADD COLUMN translation_id INTEGER '
                   f'CONSTRAINT {FOREIGN_KEY} REFERENCES content_translations (id)')
        _sqlite_check(f'CHECK ({OLD})', f'CHECK ({NEW})')
    else:
        op.add_column(TABLE, sa.Column('translation_id', sa.Integer(), nullable=True))
        op.create_foreign_key(FOREIGN_KEY, TABLE, 'content_translations', ['translation_id'],
                              ['id'])
        op.drop_constraint(op.f(CHECK), TABLE, type_='check')
        op.create_check_constraint(op.f(CHECK), TABLE, sa.text(NEW))
    op.create_index(op.f('ix_moderation_actions_translation_id'), TABLE, ['translation_id'],
                    unique=False)


def downgrade():
    op.drop_index(op.f('ix_moderation_actions_translation_id'), table_name=TABLE)
    if op.get_bind().dialect.name == 'sqlite':
        _sqlite_check(f'CHECK ({NEW})', f'CHECK ({OLD})')
        op.drop_column(TABLE, 'translation_id')
    else:
        op.drop_constraint(op.f(CHECK), TABLE, type_='check')
        op.create_check_constraint(op.f(CHECK), TABLE, sa.text(OLD))
        op.drop_constraint(FOREIGN_KEY, TABLE, type_='foreignkey')
        op.drop_column(TABLE, 'translation_id')
