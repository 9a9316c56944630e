"""The language people wrote a proposal or a comment in (issue 14, item 9)

An ISO 639-3 code of the language registry, chosen by the author; empty for what was
written before it was asked (not said: the page shows it without a language of its own).

Revision ID: 3c5a8e1f7b2d
Revises: 3f2a9c7d1e4b
Create Date: 2026-12-06 13:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3c5a8e1f7b2d'
down_revision = '3f2a9c7d1e4b'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=16), nullable=True))

    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=16), nullable=True))


def downgrade():
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.drop_column('language')

    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.drop_column('language')
