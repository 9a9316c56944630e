"""Recorded audio: recordings on commitments, responses and rounds' calls

Revision ID: d5a2b3c4e6f7
Revises: 27a703c681c0
Create Date: 2026-12-06 16:15:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd5a2b3c4e6f7'
down_revision = '27a703c681c0'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('recordings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('file_id', sa.Integer(), nullable=False),
    sa.Column('target', sa.Enum('compromiso', 'respuesta', 'convocatoria', name='target', native_enum=False, create_constraint=False, length=32), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=16), nullable=False),
    sa.Column('transcript', sa.Text(), nullable=False),
    sa.Column('duration_seconds', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('moderation_state', sa.Enum('visible', 'oculto', 'pendiente', name='moderationstate', native_enum=False, create_constraint=False, length=32), nullable=False),
    sa.Column('hidden_reason', sa.Text(), nullable=True),
    sa.Column('hidden_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_recordings_created_by_id_users')),
    sa.ForeignKeyConstraint(['file_id'], ['stored_files.id'], name=op.f('fk_recordings_file_id_stored_files')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recordings')),
    sa.UniqueConstraint('file_id', name=op.f('uq_recordings_file_id'))
    )
    with op.batch_alter_table('recordings', schema=None) as batch_op:
        batch_op.create_index('ix_recordings_target', ['target', 'target_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recordings_created_by_id'), ['created_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recordings_moderation_state'), ['moderation_state'], unique=False)


def downgrade():
    with op.batch_alter_table('recordings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recordings_moderation_state'))
        batch_op.drop_index(batch_op.f('ix_recordings_created_by_id'))
        batch_op.drop_index('ix_recordings_target')
    op.drop_table('recordings')
