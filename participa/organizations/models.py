from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..base.extensions import db
from ..base.time import moment_column
from ..content.enums import LabelledEnum, enum_column
from ..content.fulltext import install as install_full_text
from ..content.fulltext import keep_folded


class OrganizationKind(LabelledEnum):
    OSC = "osc", _l("Organización de la sociedad civil (OSC)")
    INSTITUCION_PUBLICA = "institucion_publica", _l("Institución pública")
    ACADEMIA = "academia", _l("Academia")
    SECTOR_PRIVADO = "sector_privado", _l("Sector privado")
    OBSERVADOR_INTERNACIONAL = "observador_internacional", _l("Observador internacional")


class MembershipStatus(LabelledEnum):
    PENDING = "pendiente", _l("Pendiente")
    ACCEPTED = "aceptada", _l("Aceptada")
    REFUSED = "rechazada", _l("Rechazada")


class Organization(db.Model):
    __tablename__ = "organizations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), unique=True)
    acronym: Mapped[str | None] = mapped_column(sa.String(30))
    kind: Mapped[OrganizationKind] = mapped_column(enum_column(OrganizationKind))
    website: Mapped[str | None] = mapped_column(sa.String(255))
    is_verified: Mapped[bool] = mapped_column(default=False)
    verified_at: Mapped[datetime | None] = moment_column()
    # Folded name and acronym, for the site-wide search (content.fulltext).
    search_text: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = moment_column(now=True)

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="organization", order_by="Membership.id"
    )

    @property
    def label(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def __repr__(self) -> str:
        return f"<Organization {self.id} {self.acronym or self.name}>"


class Membership(db.Model):
    __tablename__ = "memberships"
    __table_args__ = (sa.UniqueConstraint("user_id", "organization_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    organization_id: Mapped[int] = mapped_column(sa.ForeignKey("organizations.id"), index=True)
    status: Mapped[MembershipStatus] = mapped_column(
        enum_column(MembershipStatus), default=MembershipStatus.PENDING
    )
    is_manager: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = moment_column(now=True)
    decided_at: Mapped[datetime | None] = moment_column()
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    organization: Mapped[Organization] = relationship(back_populates="memberships")
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])

    @property
    def is_accepted(self) -> bool:
        return self.status == MembershipStatus.ACCEPTED


keep_folded(Organization, lambda organization: " ".join(
    (organization.name or "", organization.acronym or "")))
install_full_text(Organization.__table__)
