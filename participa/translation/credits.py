"""How translators are named where their work shows (/idiomas, a released catalog's header
and comments): their name, their organisation, or no name, as each one chose."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _

from ..accounts.models import User
from ..base.extensions import db
from ..organizations.models import Membership, MembershipStatus, Organization
from .models import Credit, TranslatorRole


def organization_of(user_id: int) -> str | None:
    return db.session.scalar(
        sa.select(Organization.name)
        .join(Membership, Membership.organization_id == Organization.id)
        .where(Membership.user_id == user_id, Membership.status == MembershipStatus.ACCEPTED)
        .order_by(Membership.id).limit(1)
    )


def credit_of(user: User, credit: Credit) -> str:
    if user.is_deleted or credit == Credit.NONE:
        return _("Una persona voluntaria")
    if credit == Credit.ORGANIZATION:
        return organization_of(user.id) or user.name
    return user.name


def credited(language: str) -> list[tuple[TranslatorRole, str]]:
    """The language's translators and reviewers (active or not: their work stays), each
    with the name they chose to be credited by, in the order they started."""
    roles = db.session.scalars(
        sa.select(TranslatorRole).where(TranslatorRole.language == language)
        .order_by(TranslatorRole.granted_at, TranslatorRole.id)
        .options(sa.orm.joinedload(TranslatorRole.user))
    ).all()
    return [(role, credit_of(role.user, role.credit)) for role in roles]


def credit_for(user_id: int, language: str) -> str:
    role = db.session.scalar(
        sa.select(TranslatorRole).where(TranslatorRole.user_id == user_id,
                                        TranslatorRole.language == language)
    )
    user = db.session.get(User, user_id)
    return credit_of(user, role.credit if role else Credit.NAME)
