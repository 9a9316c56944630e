"""The prioritisation's ballot, fixed when the vote opens: ``ballot_entries`` holds the drafts
on each round's ballot (stored by the round's first vote). Rounds that already have votes get
their ballot now: their drafts and whatever was voted for.

Revision ID: 9b3e5f7a2c10
Revises: 3c5a8e1f7b2d
Create Date: 2026-12-06 13:40:00.000000

"""
from datetime import UTC, datetime

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '9b3e5f7a2c10'
down_revision = '3c5a8e1f7b2d'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'ballot_entries',
        sa.Column('round_id', sa.Integer(), nullable=False),
        sa.Column('commitment_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['commitment_id'], ['commitments.id'],
                                name=op.f('fk_ballot_entries_commitment_id_commitments')),
        sa.ForeignKeyConstraint(['round_id'], ['consultation_rounds.id'],
                                name=op.f('fk_ballot_entries_round_id_consultation_rounds')),
        sa.PrimaryKeyConstraint('round_id', 'commitment_id', name=op.f('pk_ballot_entries')),
    )
    connection = op.get_bind()
    commitments = sa.table('commitments', sa.column('id', sa.Integer),
                           sa.column('round_id', sa.Integer), sa.column('status', sa.String))
    votes = sa.table('votes', sa.column('round_id', sa.Integer),
                     sa.column('commitment_id', sa.Integer))
    entries = sa.table('ballot_entries', sa.column('round_id', sa.Integer),
                       sa.column('commitment_id', sa.Integer),
                       sa.column('created_at', sa.DateTime(timezone=True)))
    voted_rounds = sa.select(votes.c.round_id).distinct()
    voted = sa.select(votes.c.commitment_id)
    rows = connection.execute(
        sa.select(commitments.c.round_id, commitments.c.id)
        .where(commitments.c.round_id.in_(voted_rounds),
               sa.or_(commitments.c.status == 'borrador', commitments.c.id.in_(voted)))
        .order_by(commitments.c.id)
    ).all()
    now = datetime.now(UTC)
    if rows:
        op.bulk_insert(entries, [
            {"round_id": round_id, "commitment_id": commitment_id, "created_at": now}
            for round_id, commitment_id in rows
        ])


def downgrade():
    op.drop_table('ballot_entries')
