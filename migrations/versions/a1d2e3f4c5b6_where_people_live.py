"""Where a person lives, if she says: a department and a municipality of Guatemala
(participa.territory's codes), on her profile; never shown, only counted.

Revision ID: a1d2e3f4c5b6
Revises: 9b3e5f7a2c10
Create Date: 2026-12-06 16:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a1d2e3f4c5b6'
down_revision = '9b3e5f7a2c10'
branch_labels = None
depends_on = None


# Plain ALTER TABLE on both databases (SQLite adds and drops a column in place since 3.35):
# a batch copy of ``users`` would trip the foreign keys that point at it.
def upgrade():
    op.add_column('users', sa.Column('department_code', sa.String(length=2), nullable=True))
    op.add_column('users', sa.Column('municipality_code', sa.String(length=4), nullable=True))


def downgrade():
    op.drop_column('users', 'municipality_code')
    op.drop_column('users', 'department_code')
