"""Uploaded files: their contents once each (file_blobs) and each upload (stored_files)

Revision ID: c4f1a2b3d5e6
Revises: 2eef71323d76
Create Date: 2026-12-06 16:05:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c4f1a2b3d5e6'
down_revision = '2eef71323d76'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('file_blobs',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('sha256', name=op.f('pk_file_blobs'))
    )
    if op.get_bind().dialect.name == 'postgresql':
        # Already compressed, served in ranges: out of line, uncompressed (files.models).
        op.execute('ALTER TABLE file_blobs ALTER COLUMN data SET STORAGE EXTERNAL')
    op.create_table('stored_files',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('media_type', sa.String(length=100), nullable=False),
    sa.Column('kind', sa.Enum('documento', 'hoja', 'imagen', 'audio', name='filekind', native_enum=False, create_constraint=False, length=32), nullable=False),
    sa.Column('name', sa.String(length=160), nullable=False),
    sa.Column('owner', sa.String(length=40), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_stored_files_created_by_id_users')),
    sa.ForeignKeyConstraint(['sha256'], ['file_blobs.sha256'], name=op.f('fk_stored_files_sha256_file_blobs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stored_files'))
    )
    with op.batch_alter_table('stored_files', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stored_files_created_by_id'), ['created_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stored_files_sha256'), ['sha256'], unique=False)


def downgrade():
    with op.batch_alter_table('stored_files', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stored_files_sha256'))
        batch_op.drop_index(batch_op.f('ix_stored_files_created_by_id'))
    op.drop_table('stored_files')
    op.drop_table('file_blobs')
