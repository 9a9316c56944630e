"""Readers' reports of shown translations (issue 18, item 2: translations are moderated
like any content): the table translation_reports, one per person and translation.

Revision ID: 9b98b68b92d0
Revises: d4e5f6a7b8c9
Create Date: 2026-12-06 18:59:28.899792

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '9b98b68b92d0'
down_revision = 'd4e5f6a7b8c9'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('translation_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('translation_id', sa.Integer(), nullable=False),
    sa.Column('reporter_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('abierta', 'descartada', 'atendida', name='translationreportstatus', native_enum=False, length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('resolved_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['reporter_id'], ['users.id'], name=op.f('fk_translation_reports_reporter_id_users')),
    sa.ForeignKeyConstraint(['resolved_by_id'], ['users.id'], name=op.f('fk_translation_reports_resolved_by_id_users')),
    sa.ForeignKeyConstraint(['translation_id'], ['content_translations.id'], name=op.f('fk_translation_reports_translation_id_content_translations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_translation_reports')),
    sa.UniqueConstraint('reporter_id', 'translation_id', name=op.f('uq_translation_reports_reporter_id_translation_id'))
    )
    with op.batch_alter_table('translation_reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_translation_reports_reporter_id'), ['reporter_id'], unique=False)
        batch_op.create_index('ix_translation_reports_status_translation', ['status', 'translation_id'], unique=False)



def downgrade():
    with op.batch_alter_table('translation_reports', schema=None) as batch_op:
        batch_op.drop_index('ix_translation_reports_status_translation')
        batch_op.drop_index(batch_op.f('ix_translation_reports_reporter_id'))

    op.drop_table('translation_reports')
