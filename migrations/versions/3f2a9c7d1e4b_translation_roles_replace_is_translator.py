"""Translators per language only: every holder of the old global translator flag gets the
translator role (without the review right) for each Mayan language enabled by default, and
the flag ``users.is_translator`` goes

Revision ID: 3f2a9c7d1e4b
Revises: 6ed6d83bbd25
Create Date: 2026-12-06 12:50:00.000000

"""
from datetime import UTC, datetime

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3f2a9c7d1e4b'
down_revision = '6ed6d83bbd25'
branch_labels = None
depends_on = None

# The Mayan catalogs enabled by default when the flag was dropped.
LANGUAGES = ("quc", "kek", "cak", "mam")

users = sa.table("users", sa.column("id", sa.Integer), sa.column("is_translator", sa.Boolean))
roles = sa.table(
    "translator_roles",
    sa.column("user_id", sa.Integer), sa.column("language", sa.String),
    sa.column("can_review", sa.Boolean), sa.column("credit", sa.String),
    sa.column("granted_by_id", sa.Integer), sa.column("granted_at", sa.DateTime(timezone=True)),
    sa.column("revoked_at", sa.DateTime(timezone=True)),
)


def upgrade():
    connection = op.get_bind()
    translators = connection.execute(
        sa.select(users.c.id).where(users.c.is_translator.is_(True)).order_by(users.c.id)
    ).scalars().all()
    existing = set(connection.execute(sa.select(roles.c.user_id, roles.c.language)).all())
    now = datetime.now(UTC)
    if connection.dialect.name == "sqlite":  # stored naive, in UTC (base.time.UTCDateTime)
        now = now.replace(tzinfo=None)
    rows = [
        {"user_id": user_id, "language": language, "can_review": False, "credit": "nombre",
         "granted_by_id": None, "granted_at": now, "revoked_at": None}
        for user_id in translators for language in LANGUAGES
        if (user_id, language) not in existing
    ]
    if rows:
        op.bulk_insert(roles, rows)
    # Not a batch: on SQLite a batch copies the table, and dropping the old one fails on the
    # foreign keys that point to users. SQLite (3.35 and later) drops a plain column in place.
    op.drop_column('users', 'is_translator')


def downgrade():
    # In place as well (a NOT NULL column added needs a default; SQLite keeps it).
    op.add_column('users', sa.Column('is_translator', sa.Boolean(), nullable=False,
                                     server_default='0'))
    active = sa.select(roles.c.user_id).where(roles.c.revoked_at.is_(None))
    op.execute(users.update().where(users.c.id.in_(active)).values(is_translator=True))
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column('users', 'is_translator', server_default=None)
