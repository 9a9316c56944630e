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
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            'received_as',
            sa.Enum('escrita', 'grabacion', name='receivedas', native_enum=False,
                    create_constraint=False, length=32),
            server_default='escrita', nullable=False))


def downgrade():
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.drop_column('received_as')
