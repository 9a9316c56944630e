"""Consultations held in person (issue 19, item 2): ``workshops`` and their participants
counted by sector (and gender where collected); a proposal may come from a workshop
(``proposals.workshop_id``) with its proposer's sector as written on paper.

Revision ID: b2c3d4e5f6a7
Revises: 052cd3c5e4c7
Create Date: 2026-12-06 16:20:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b2c3d4e5f6a7'
down_revision = '052cd3c5e4c7'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'workshops',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('round_id', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('held_on', sa.Date(), nullable=False),
        sa.Column('department_code', sa.String(length=2), nullable=False),
        sa.Column('municipality_code', sa.String(length=4), nullable=False),
        sa.Column('place', sa.String(length=200), nullable=False),
        sa.Column('languages', sa.String(length=200), nullable=False),
        sa.Column('facilitators', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'],
                                name=op.f('fk_workshops_created_by_id_users')),
        sa.ForeignKeyConstraint(['round_id'], ['consultation_rounds.id'],
                                name=op.f('fk_workshops_round_id_consultation_rounds')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_workshops')),
    )
    op.create_index(op.f('ix_workshops_round_id'), 'workshops', ['round_id'], unique=False)
    op.create_table(
        'workshop_participants',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('workshop_id', sa.Integer(), nullable=False),
        sa.Column('sector', sa.Enum('ciudadania', 'sociedad_civil', 'institucion_publica',
                                    'academia', 'sector_privado', 'cooperacion_internacional',
                                    name='sector', native_enum=False, length=32), nullable=False),
        sa.Column('total', sa.Integer(), nullable=False),
        sa.Column('women', sa.Integer(), nullable=True),
        sa.Column('men', sa.Integer(), nullable=True),
        sa.CheckConstraint(
            '(women IS NULL AND men IS NULL) OR '
            '(women IS NOT NULL AND men IS NOT NULL AND women >= 0 AND men >= 0 '
            'AND women + men <= total)',
            name=op.f('ck_workshop_participants_gender_within_total')),
        sa.CheckConstraint('total >= 0',
                           name=op.f('ck_workshop_participants_total_not_negative')),
        sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'],
                                name=op.f('fk_workshop_participants_workshop_id_workshops')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_workshop_participants')),
        sa.UniqueConstraint('workshop_id', 'sector',
                            name=op.f('uq_workshop_participants_workshop_id_sector')),
    )
    op.create_index(op.f('ix_workshop_participants_workshop_id'), 'workshop_participants',
                    ['workshop_id'], unique=False)
    # Plain ALTER TABLE (a batch copy of ``proposals`` would drop its full-text triggers on
    # SQLite, which adds a column with its REFERENCES in place).
    if op.get_bind().dialect.name == 'sqlite':
        op.execute('ALTER TABLE proposals ADD COLUMN workshop_id INTEGER '
                   'CONSTRAINT fk_proposals_workshop_id_workshops REFERENCES workshops (id)')
    else:
        op.add_column('proposals', sa.Column('workshop_id', sa.Integer(), nullable=True))
        op.create_foreign_key(op.f('fk_proposals_workshop_id_workshops'), 'proposals',
                              'workshops', ['workshop_id'], ['id'])
    op.add_column('proposals', sa.Column(
        'workshop_sector',
        sa.Enum('ciudadania', 'sociedad_civil', 'institucion_publica', 'academia',
                'sector_privado', 'cooperacion_internacional', name='sector',
                native_enum=False, length=32),
        nullable=True))
    op.create_index(op.f('ix_proposals_workshop_id'), 'proposals', ['workshop_id'],
                    unique=False)


def downgrade():
    op.drop_index(op.f('ix_proposals_workshop_id'), table_name='proposals')
    if op.get_bind().dialect.name == 'postgresql':
        op.drop_constraint(op.f('fk_proposals_workshop_id_workshops'), 'proposals',
                           type_='foreignkey')
    op.drop_column('proposals', 'workshop_sector')
    op.drop_column('proposals', 'workshop_id')
    op.drop_index(op.f('ix_workshop_participants_workshop_id'),
                  table_name='workshop_participants')
    op.drop_table('workshop_participants')
    op.drop_index(op.f('ix_workshops_round_id'), table_name='workshops')
    op.drop_table('workshops')
