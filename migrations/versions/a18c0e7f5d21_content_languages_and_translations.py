"""The language of what people write, human translations of it, and requests for them
(issue 18): responses, commitment versions and rounds say their language ('es' for what
exists); proposals and comments written before their language was asked are Spanish; the
tables content_translations and translation_requests.

Revision ID: a18c0e7f5d21
Revises: b2c3d4e5f6a7
Create Date: 2026-12-06 15:45:17.923804

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a18c0e7f5d21'
down_revision = 'b2c3d4e5f6a7'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('translation_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('target_kind', sa.String(length=32), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=16), nullable=False),
    sa.Column('source_language', sa.String(length=16), nullable=False),
    sa.Column('requested_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.Enum('abierta', 'tomada', 'entregada', 'cancelada', name='translationrequeststatus', native_enum=False, length=32), nullable=False),
    sa.Column('taken_by_id', sa.Integer(), nullable=True),
    sa.Column('taken_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('delivered_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['requested_by_id'], ['users.id'], name=op.f('fk_translation_requests_requested_by_id_users')),
    sa.ForeignKeyConstraint(['taken_by_id'], ['users.id'], name=op.f('fk_translation_requests_taken_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_translation_requests'))
    )
    with op.batch_alter_table('translation_requests', schema=None) as batch_op:
        batch_op.create_index('ix_translation_requests_language_status_created', ['language', 'status', 'created_at', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_translation_requests_requested_by_id'), ['requested_by_id'], unique=False)
        batch_op.create_index('ix_translation_requests_target', ['target_kind', 'target_id'], unique=False)

    op.create_table('content_translations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('target_kind', sa.String(length=32), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=16), nullable=False),
    sa.Column('source_language', sa.String(length=16), nullable=False),
    sa.Column('texts', sa.JSON(), nullable=False),
    sa.Column('source_digest', sa.String(length=64), nullable=False),
    sa.Column('translator_id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=True),
    sa.Column('revises_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('por_revisar', 'aprobada', 'rechazada', name='translationstatus', native_enum=False, length=32), nullable=False),
    sa.Column('reviewer_id', sa.Integer(), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('review_note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('moderation_state', sa.Enum('visible', 'oculto', 'pendiente', name='moderationstate', native_enum=False, length=32), nullable=False),
    sa.Column('hidden_reason', sa.Text(), nullable=True),
    sa.Column('hidden_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['request_id'], ['translation_requests.id'], name=op.f('fk_content_translations_request_id_translation_requests')),
    sa.ForeignKeyConstraint(['reviewer_id'], ['users.id'], name=op.f('fk_content_translations_reviewer_id_users')),
    sa.ForeignKeyConstraint(['revises_id'], ['content_translations.id'], name=op.f('fk_content_translations_revises_id_content_translations')),
    sa.ForeignKeyConstraint(['translator_id'], ['users.id'], name=op.f('fk_content_translations_translator_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_content_translations'))
    )
    with op.batch_alter_table('content_translations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_content_translations_moderation_state'), ['moderation_state'], unique=False)
        batch_op.create_index(batch_op.f('ix_content_translations_request_id'), ['request_id'], unique=False)
        batch_op.create_index('ix_content_translations_target', ['target_kind', 'target_id', 'language'], unique=False)
        batch_op.create_index(batch_op.f('ix_content_translations_translator_id'), ['translator_id'], unique=False)

    # A plain ADD COLUMN (a constant default): no copy of the table, whose rows others
    # reference.
    op.add_column('commitment_versions', sa.Column('language', sa.String(length=16), server_default='es',
                                    nullable=False))

    # A plain ADD COLUMN (a constant default): no copy of the table, whose rows others
    # reference.
    op.add_column('consultation_rounds', sa.Column('language', sa.String(length=16), server_default='es',
                                    nullable=False))

    # A plain ADD COLUMN (a constant default): no copy of the table, whose rows others
    # reference.
    op.add_column('responses', sa.Column('language', sa.String(length=16), server_default='es',
                                    nullable=False))

    # What was written before its language was asked was written in Spanish.
    op.execute("UPDATE proposals SET language = 'es' WHERE language IS NULL")
    op.execute("UPDATE comments SET language = 'es' WHERE language IS NULL")


def downgrade():
    # A plain DROP COLUMN (SQLite 3.35 and PostgreSQL): no copy of a referenced table.
    op.execute("ALTER TABLE responses DROP COLUMN language")

    op.execute("ALTER TABLE consultation_rounds DROP COLUMN language")

    op.execute("ALTER TABLE commitment_versions DROP COLUMN language")

    with op.batch_alter_table('content_translations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_content_translations_translator_id'))
        batch_op.drop_index('ix_content_translations_target')
        batch_op.drop_index(batch_op.f('ix_content_translations_request_id'))
        batch_op.drop_index(batch_op.f('ix_content_translations_moderation_state'))

    op.drop_table('content_translations')
    with op.batch_alter_table('translation_requests', schema=None) as batch_op:
        batch_op.drop_index('ix_translation_requests_target')
        batch_op.drop_index(batch_op.f('ix_translation_requests_requested_by_id'))
        batch_op.drop_index('ix_translation_requests_language_status_created')

    op.drop_table('translation_requests')
