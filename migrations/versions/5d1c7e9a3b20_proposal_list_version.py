"""The version of each round's proposal list (issue 20): ``list_version`` and
``list_changed_at`` on ``consultation_rounds``, raised by every transaction that changes what
the list shows; rendered pages of the list are kept under them.

Revision ID: 5d1c7e9a3b20
Revises: c4f17e5ea2b9
Create Date: 2026-12-06 16:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5d1c7e9a3b20'
down_revision = 'c4f17e5ea2b9'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('consultation_rounds',
                  sa.Column('list_version', sa.Integer(), server_default='0', nullable=False))
    op.add_column('consultation_rounds',
                  sa.Column('list_changed_at', sa.DateTime(timezone=True), nullable=True))


def downgrade():
    # Plain ALTER TABLE ... DROP COLUMN (SQLite 3.35 and later, PostgreSQL): a batch copy of
    # the table would break the foreign keys that point at the rounds on SQLite.
    op.execute('ALTER TABLE consultation_rounds DROP COLUMN list_changed_at')
    op.execute('ALTER TABLE consultation_rounds DROP COLUMN list_version')
