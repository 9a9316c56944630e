"""Comments on published progress updates (issue 16, item 3): comments.update_id; and files
as evidence of an update: progress_evidence.file_id (participa.files).

On SQLite the column is added in place (a batch would copy the table and drop the old one,
which revisions, reports and moderation actions reference); downgrading a SQLite database
whose comments have revisions or reports is not supported.

Revision ID: fd9c8d397255
Revises: a18c0e7f5d21
Create Date: 2026-12-06 16:04:43.298121

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'fd9c8d397255'
down_revision = 'a18c0e7f5d21'
branch_labels = None
depends_on = None


FOREIGN_KEY = 'fk_comments_update_id_progress_updates'


def upgrade():
    if op.get_bind().dialect.name == 'sqlite':
        op.execute(f'ALTER TABLE comments ADD COLUMN update_id INTEGER '
                   f'CONSTRAINT {FOREIGN_KEY} REFERENCES progress_updates (id)')
    else:
        op.add_column('comments', sa.Column('update_id', sa.Integer(), nullable=True))
        op.create_foreign_key(FOREIGN_KEY, 'comments', 'progress_updates', ['update_id'], ['id'])
    op.create_index(op.f('ix_comments_update_id'), 'comments', ['update_id'], unique=False)
    with op.batch_alter_table('progress_evidence', schema=None) as batch_op:
        batch_op.add_column(sa.Column('file_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_progress_evidence_file_id'), ['file_id'],
                              unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_progress_evidence_file_id_stored_files'),
                                    'stored_files', ['file_id'], ['id'])


def downgrade():
    with op.batch_alter_table('progress_evidence', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_progress_evidence_file_id_stored_files'),
                                 type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_progress_evidence_file_id'))
        batch_op.drop_column('file_id')
    op.drop_index(op.f('ix_comments_update_id'), table_name='comments')
    if op.get_bind().dialect.name == 'sqlite':
        with op.batch_alter_table('comments', schema=None) as batch_op:
            batch_op.drop_column('update_id')
    else:
        op.drop_constraint(FOREIGN_KEY, 'comments', type_='foreignkey')
        op.drop_column('comments', 'update_id')
