"""Translation: translators and reviewers per language, the catalog template's messages,
suggestions with their review, the glossary, the translation memory, and each language's
catalog version (read by every server to show approved texts on the next page load)

Revision ID: 6ed6d83bbd25
Revises: e436a29980d4
Create Date: 2026-12-06 12:36:17.941338

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '6ed6d83bbd25'
down_revision = 'e436a29980d4'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('catalog_versions',
    sa.Column('language', sa.String(length=16), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('language', name=op.f('pk_catalog_versions'))
    )
    op.create_table('source_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('context', sa.String(length=200), nullable=True),
    sa.Column('msgid', sa.Text(), nullable=False),
    sa.Column('msgid_plural', sa.Text(), nullable=True),
    sa.Column('locations', sa.Text(), nullable=False),
    sa.Column('comments', sa.Text(), nullable=False),
    sa.Column('python_format', sa.Boolean(), nullable=False),
    sa.Column('present', sa.Boolean(), nullable=False),
    sa.Column('first_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_source_messages')),
    sa.UniqueConstraint('key', name=op.f('uq_source_messages_key'))
    )
    with op.batch_alter_table('source_messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_source_messages_present'), ['present'], unique=False)

    op.create_table('translation_memory',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=16), nullable=False),
    sa.Column('source_text', sa.Text(), nullable=False),
    sa.Column('target_text', sa.Text(), nullable=False),
    sa.Column('source_hash', sa.String(length=64), nullable=False),
    sa.Column('target_hash', sa.String(length=64), nullable=False),
    sa.Column('source_length', sa.Integer(), nullable=False),
    sa.Column('source_name', sa.String(length=200), nullable=False),
    sa.Column('licence', sa.String(length=64), nullable=False),
    sa.Column('origin', sa.String(length=300), nullable=False),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_translation_memory')),
    sa.UniqueConstraint('language', 'source_hash', 'target_hash', 'source_name', name=op.f('uq_translation_memory_language_source_hash_target_hash_source_name'))
    )
    with op.batch_alter_table('translation_memory', schema=None) as batch_op:
        batch_op.create_index('ix_translation_memory_language_length', ['language', 'source_length'], unique=False)

    op.create_table('glossary_terms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=16), nullable=False),
    sa.Column('term', sa.String(length=200), nullable=False),
    sa.Column('translation', sa.String(length=200), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('preferido', 'prohibido', 'retenido', name='termstatus', native_enum=False, length=32), nullable=False),
    sa.Column('source', sa.String(length=300), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_glossary_terms_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_glossary_terms'))
    )
    with op.batch_alter_table('glossary_terms', schema=None) as batch_op:
        batch_op.create_index('ix_glossary_terms_language_term', ['language', 'term'], unique=False)

    op.create_table('translation_suggestions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('message_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=16), nullable=False),
    sa.Column('forms', sa.JSON(), nullable=False),
    sa.Column('source_msgid', sa.Text(), nullable=False),
    sa.Column('identical_ok', sa.Boolean(), nullable=False),
    sa.Column('origin', sa.Enum('escrita', 'memoria', 'archivo', 'anterior', name='origin', native_enum=False, length=32), nullable=False),
    sa.Column('origin_detail', sa.String(length=300), nullable=False),
    sa.Column('status', sa.Enum('pendiente', 'aprobada', 'rechazada', 'reemplazada', name='suggestionstatus', native_enum=False, length=32), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('reviewer_id', sa.Integer(), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('review_note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_translation_suggestions_author_id_users')),
    sa.ForeignKeyConstraint(['message_id'], ['source_messages.id'], name=op.f('fk_translation_suggestions_message_id_source_messages')),
    sa.ForeignKeyConstraint(['reviewer_id'], ['users.id'], name=op.f('fk_translation_suggestions_reviewer_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_translation_suggestions'))
    )
    with op.batch_alter_table('translation_suggestions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_translation_suggestions_author_id'), ['author_id'], unique=False)
        batch_op.create_index('ix_translation_suggestions_language_status', ['language', 'status', 'message_id'], unique=False)
        batch_op.create_index('ix_translation_suggestions_message', ['message_id', 'language'], unique=False)

    op.create_table('translator_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=16), nullable=False),
    sa.Column('motivation', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('pendiente', 'aceptada', 'rechazada', name='requeststatus', native_enum=False, length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decision_note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_translator_requests_decided_by_id_users')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_translator_requests_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_translator_requests'))
    )
    with op.batch_alter_table('translator_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_translator_requests_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_translator_requests_user_id'), ['user_id'], unique=False)

    op.create_table('translator_roles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=16), nullable=False),
    sa.Column('can_review', sa.Boolean(), nullable=False),
    sa.Column('credit', sa.Enum('nombre', 'organizacion', 'ninguno', name='credit', native_enum=False, length=32), nullable=False),
    sa.Column('granted_by_id', sa.Integer(), nullable=True),
    sa.Column('granted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['granted_by_id'], ['users.id'], name=op.f('fk_translator_roles_granted_by_id_users')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_translator_roles_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_translator_roles')),
    sa.UniqueConstraint('user_id', 'language', name=op.f('uq_translator_roles_user_id_language'))
    )
    with op.batch_alter_table('translator_roles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_translator_roles_user_id'), ['user_id'], unique=False)



def downgrade():
    with op.batch_alter_table('translator_roles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_translator_roles_user_id'))

    op.drop_table('translator_roles')
    with op.batch_alter_table('translator_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_translator_requests_user_id'))
        batch_op.drop_index(batch_op.f('ix_translator_requests_status'))

    op.drop_table('translator_requests')
    with op.batch_alter_table('translation_suggestions', schema=None) as batch_op:
        batch_op.drop_index('ix_translation_suggestions_message')
        batch_op.drop_index('ix_translation_suggestions_language_status')
        batch_op.drop_index(batch_op.f('ix_translation_suggestions_author_id'))

    op.drop_table('translation_suggestions')
    with op.batch_alter_table('glossary_terms', schema=None) as batch_op:
        batch_op.drop_index('ix_glossary_terms_language_term')

    op.drop_table('glossary_terms')
    with op.batch_alter_table('translation_memory', schema=None) as batch_op:
        batch_op.drop_index('ix_translation_memory_language_length')

    op.drop_table('translation_memory')
    with op.batch_alter_table('source_messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_source_messages_present'))

    op.drop_table('source_messages')
    op.drop_table('catalog_versions')
