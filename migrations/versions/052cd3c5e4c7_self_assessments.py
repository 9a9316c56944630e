"""Self-assessment reports of a plan (issue 16, item 5): ``self_assessments`` (one per plan and
kind, its state and comment period) and ``self_assessment_versions`` (immutable versions:
the narrative sections and the tracking data each was built from).

Revision ID: 052cd3c5e4c7
Revises: 88b3399d2003
Create Date: 2026-12-06 16:16:52.579379

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '052cd3c5e4c7'
down_revision = '88b3399d2003'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('self_assessments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('medio_termino', 'fin_de_termino', name='assessmentkind', native_enum=False, length=32), nullable=False),
    sa.Column('state', sa.Enum('borrador', 'en_comentarios', 'publicada', name='assessmentstate', native_enum=False, length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('comments_from', sa.DateTime(timezone=True), nullable=True),
    sa.Column('comments_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('published_version', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_self_assessments_created_by_id_users')),
    sa.ForeignKeyConstraint(['plan_id'], ['action_plans.id'], name=op.f('fk_self_assessments_plan_id_action_plans')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_self_assessments')),
    sa.UniqueConstraint('plan_id', 'kind', name=op.f('uq_self_assessments_plan_id_kind'))
    )
    with op.batch_alter_table('self_assessments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_self_assessments_plan_id'), ['plan_id'], unique=False)

    op.create_table('self_assessment_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('change_note', sa.Text(), nullable=False),
    sa.Column('implementation', sa.Text(), nullable=False),
    sa.Column('co_creation', sa.Text(), nullable=False),
    sa.Column('lessons', sa.Text(), nullable=False),
    sa.Column('tracking', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['self_assessments.id'], name=op.f('fk_self_assessment_versions_assessment_id_self_assessments')),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_self_assessment_versions_author_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_self_assessment_versions')),
    sa.UniqueConstraint('assessment_id', 'number', name=op.f('uq_self_assessment_versions_assessment_id_number'))
    )
    with op.batch_alter_table('self_assessment_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_self_assessment_versions_assessment_id'), ['assessment_id'], unique=False)



def downgrade():
    with op.batch_alter_table('self_assessment_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_self_assessment_versions_assessment_id'))

    op.drop_table('self_assessment_versions')
    with op.batch_alter_table('self_assessments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_self_assessments_plan_id'))

    op.drop_table('self_assessments')
