"""The version of the list of rounds (issue 20): ``list_versions`` holds, per list that is
not one round's (``rounds``), a version raised by every transaction that changes what it
shows; its rendered list is kept under it.

Revision ID: 6b2e8d4f1a90
Revises: 9b98b68b92d0
Create Date: 2026-12-06 19:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '6b2e8d4f1a90'
down_revision = '9b98b68b92d0'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'list_versions',
        sa.Column('name', sa.String(length=40), nullable=False),
        sa.Column('version', sa.Integer(), server_default='0', nullable=False),
        sa.Column('changed_at', sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('name', name=op.f('pk_list_versions')),
    )


def downgrade():
    op.drop_table('list_versions')
