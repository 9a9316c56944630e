"""Indexes for the proposal list's pages and counts and for a proposal's comment threads
(keyset pagination; see docs/performance.md)

The list reads (round, moderation state, sort key, id) and the comments (proposal, parent,
created_at, id, moderation state) from covering indexes; the narrower indexes they replace
are dropped, so a support still updates as few index entries as before. Only indexes change:
no table is rebuilt (the SQLite full-text triggers of proposals stay as they are).

Revision ID: b7e4c2d9a1f0
Revises: 91fb887f6fcc
Create Date: 2026-11-21 13:00:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'b7e4c2d9a1f0'
down_revision = '91fb887f6fcc'
branch_labels = None
depends_on = None


def upgrade():
    op.drop_index('ix_proposals_round_created', table_name='proposals')
    op.drop_index('ix_proposals_round_supports', table_name='proposals')
    op.drop_index('ix_proposals_round_id', table_name='proposals')
    op.create_index('ix_proposals_round_state_created', 'proposals',
                    ['round_id', 'moderation_state', 'created_at', 'id'], unique=False)
    op.create_index('ix_proposals_round_state_supports', 'proposals',
                    ['round_id', 'moderation_state', 'support_count', 'id'], unique=False)
    op.drop_index('ix_comments_proposal_created', table_name='comments')
    op.create_index('ix_comments_proposal_thread', 'comments',
                    ['proposal_id', 'parent_id', 'created_at', 'id', 'moderation_state'],
                    unique=False)


def downgrade():
    op.drop_index('ix_comments_proposal_thread', table_name='comments')
    op.create_index('ix_comments_proposal_created', 'comments', ['proposal_id', 'created_at'],
                    unique=False)
    op.drop_index('ix_proposals_round_state_supports', table_name='proposals')
    op.drop_index('ix_proposals_round_state_created', table_name='proposals')
    op.create_index('ix_proposals_round_id', 'proposals', ['round_id'], unique=False)
    op.create_index('ix_proposals_round_supports', 'proposals', ['round_id', 'support_count'],
                    unique=False)
    op.create_index('ix_proposals_round_created', 'proposals', ['round_id', 'created_at'],
                    unique=False)
