"""Proposals received as a recording (issue 18, item 4): proposals.received_as

Revision ID: a7c3e9d1f2b4
Revises: fd9c8d397255
Create Date: 2026-12-06 17:20:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a7c3e9d1f2b4'
down_revision = 'fd9c8d397255'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('proposals', sa.Column(
        'received_as',
        sa.Enum('escrita', 'grabacion', name='receivedas', native_enum=False,
                create_constraint=False, length=32),
        server_default='escrita', nullable=False))


def downgrade():
    # Plain ALTER TABLE (SQLite 3.35+ drops a column in place): a batch copy would rewrite
    # the table's foreign keys and stop the older migrations' own drops.
    op.drop_column('proposals', 'received_as')
