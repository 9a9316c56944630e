"""Documents of the Mesa Técnica's meetings (issue 19, item 1): ``forum_meeting_documents``,
each a PDF, ODT or DOCX stored by ``files`` (owner ``forum``).

Revision ID: d4e5f6a7b8c9
Revises: c3d4e5f6a7b8
Create Date: 2026-12-06 17:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd4e5f6a7b8c9'
down_revision = 'c3d4e5f6a7b8'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'forum_meeting_documents',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('meeting_id', sa.Integer(), nullable=False),
        sa.Column('file_id', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'],
                                name=op.f('fk_forum_meeting_documents_created_by_id_users')),
        sa.ForeignKeyConstraint(['file_id'], ['stored_files.id'],
                                name=op.f('fk_forum_meeting_documents_file_id_stored_files')),
        sa.ForeignKeyConstraint(['meeting_id'], ['forum_meetings.id'],
                                name=op.f('fk_forum_meeting_documents_meeting_id_forum_meetings')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_meeting_documents')),
        sa.UniqueConstraint('file_id', name=op.f('uq_forum_meeting_documents_file_id')),
    )
    op.create_index(op.f('ix_forum_meeting_documents_meeting_id'), 'forum_meeting_documents',
                    ['meeting_id'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_forum_meeting_documents_meeting_id'),
                  table_name='forum_meeting_documents')
    op.drop_table('forum_meeting_documents')
