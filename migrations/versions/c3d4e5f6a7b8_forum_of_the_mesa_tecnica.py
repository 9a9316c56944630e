"""The Mesa Técnica's own space (issue 19, item 1): ``forum_members`` (an organisation and its
role), ``forum_rules`` (every version of the rules of participation), ``forum_meetings`` and
the organisations present at each (``forum_meeting_attendance``).

Revision ID: c3d4e5f6a7b8
Revises: a7c3e9d1f2b4
Create Date: 2026-12-06 17:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c3d4e5f6a7b8'
down_revision = 'a7c3e9d1f2b4'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'forum_members',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('organization_id', sa.Integer(), nullable=False),
        sa.Column('role', sa.Enum('institution', 'civil_society', 'academia', 'observer',
                                  name='forumrole', native_enum=False, length=32),
                  nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'],
                                name=op.f('fk_forum_members_created_by_id_users')),
        sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'],
                                name=op.f('fk_forum_members_organization_id_organizations')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_members')),
        sa.UniqueConstraint('organization_id', name=op.f('uq_forum_members_organization_id')),
    )
    op.create_table(
        'forum_rules',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'],
                                name=op.f('fk_forum_rules_created_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_rules')),
    )
    op.create_table(
        'forum_meetings',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('held_on', sa.Date(), nullable=False),
        sa.Column('online', sa.Boolean(), nullable=False),
        sa.Column('place', sa.String(length=200), nullable=False),
        sa.Column('agenda', sa.Text(), nullable=False),
        sa.Column('minutes', sa.Text(), nullable=False),
        sa.Column('decisions', sa.Text(), nullable=False),
        sa.Column('people_present', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'],
                                name=op.f('fk_forum_meetings_created_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_meetings')),
    )
    op.create_index(op.f('ix_forum_meetings_held_on'), 'forum_meetings', ['held_on'],
                    unique=False)
    op.create_table(
        'forum_meeting_attendance',
        sa.Column('meeting_id', sa.Integer(), nullable=False),
        sa.Column('organization_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['meeting_id'], ['forum_meetings.id'],
                                name=op.f('fk_forum_meeting_attendance_meeting_id_forum_meetings')),
        sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'],
                                name=op.f('fk_forum_meeting_attendance_organization_id_organizations')),
        sa.PrimaryKeyConstraint('meeting_id', 'organization_id',
                                name=op.f('pk_forum_meeting_attendance')),
    )


def downgrade():
    op.drop_table('forum_meeting_attendance')
    op.drop_index(op.f('ix_forum_meetings_held_on'), table_name='forum_meetings')
    op.drop_table('forum_meetings')
    op.drop_table('forum_rules')
    op.drop_table('forum_members')
