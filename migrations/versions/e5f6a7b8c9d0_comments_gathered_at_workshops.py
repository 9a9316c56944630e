"""Comments gathered at a workshop (issue 19, item 2): ``comments.workshop_id``, the
workshop where a comment on a draft commitment was gathered and typed in by staff.

Revision ID: e5f6a7b8c9d0
Revises: 6b2e8d4f1a90
Create Date: 2026-12-06 19:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e5f6a7b8c9d0'
down_revision = '6b2e8d4f1a90'
branch_labels = None
depends_on = None


def upgrade():
    # Plain ALTER TABLE, as for proposals.workshop_id: SQLite adds a column with its
    # REFERENCES in place, without copying the table.
    if op.get_bind().dialect.name == 'sqlite':
        op.execute('ALTER TABLE comments ADD COLUMN workshop_id INTEGER '
                   'CONSTRAINT fk_comments_workshop_id_workshops REFERENCES workshops (id)')
    else:
        op.add_column('comments', sa.Column('workshop_id', sa.Integer(), nullable=True))
        op.create_foreign_key(op.f('fk_comments_workshop_id_workshops'), 'comments',
                              'workshops', ['workshop_id'], ['id'])
    op.create_index(op.f('ix_comments_workshop_id'), 'comments', ['workshop_id'],
                    unique=False)


def downgrade():
    op.drop_index(op.f('ix_comments_workshop_id'), table_name='comments')
    if op.get_bind().dialect.name == 'postgresql':
        op.drop_constraint(op.f('fk_comments_workshop_id_workshops'), 'comments',
                           type_='foreignkey')
    op.drop_column('comments', 'workshop_id')
