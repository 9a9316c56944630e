"""The IRM's fields of a published commitment (issue 16, item 6): ``irm_reviews`` holds each
entry an administrator makes, with its source; the newest is the current one.

Revision ID: 88b3399d2003
Revises: d5a2b3c4e6f7
Create Date: 2026-12-06 15:46:00.391402

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '88b3399d2003'
down_revision = 'd5a2b3c4e6f7'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('irm_reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('commitment_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('source_url', sa.String(length=255), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('report_url', sa.String(length=255), nullable=True),
    sa.Column('starred', sa.Boolean(), nullable=True),
    sa.Column('early_results', sa.Enum('sin_resultados_notables', 'resultados_moderados', 'resultados_significativos', 'empeoro', 'no_cambio', 'marginal', 'significativamente', 'sobresaliente', name='irmearlyresults', native_enum=False, length=32), nullable=True),
    sa.Column('verifiable', sa.Boolean(), nullable=True),
    sa.Column('relevance', sa.String(length=120), nullable=True),
    sa.Column('potential_impact', sa.Enum('ninguno', 'menor', 'moderado', 'transformador', name='irmimpact', native_enum=False, length=32), nullable=True),
    sa.Column('completion', sa.Enum('no_iniciado', 'limitado', 'sustancial', 'completo', name='irmcompletion', native_enum=False, length=32), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_irm_reviews_author_id_users')),
    sa.ForeignKeyConstraint(['commitment_id'], ['commitments.id'], name=op.f('fk_irm_reviews_commitment_id_commitments')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_irm_reviews')),
    sa.UniqueConstraint('commitment_id', 'number', name=op.f('uq_irm_reviews_commitment_id_number'))
    )
    with op.batch_alter_table('irm_reviews', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_irm_reviews_commitment_id'), ['commitment_id'], unique=False)



def downgrade():
    with op.batch_alter_table('irm_reviews', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_irm_reviews_commitment_id'))

    op.drop_table('irm_reviews')
