"""Consultations held in person: a workshop (or meeting) of the MTGA in a department and a
municipality, with the people who took part counted by sector and, where it was collected,
by gender. The proposals and comments gathered there are entered by staff on its behalf
(``proposals.models.Proposal.workshop``, ``comments.models.Comment.workshop``)."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import Sector, User
from ..base.extensions import db
from ..base.time import moment_column
from ..consultations.models import ConsultationRound
from ..content.enums import enum_column
from ..territory import place_name

TITLE_MAX = 200
PLACE_MAX = 200
FACILITATORS_MAX = 1000
LANGUAGES_MAX = 200
# The most people one line of a workshop's attendance may count.
PARTICIPANTS_MAX = 100_000


class Workshop(db.Model):
    __tablename__ = "workshops"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(sa.ForeignKey("consultation_rounds.id"), index=True)
    title: Mapped[str] = mapped_column(sa.String(TITLE_MAX))
    held_on: Mapped[date] = mapped_column(sa.Date)
    department_code: Mapped[str] = mapped_column(sa.String(2))
    municipality_code: Mapped[str] = mapped_column(sa.String(4))
    # Where exactly: "Salón comunal de la aldea ...".
    place: Mapped[str] = mapped_column(sa.String(PLACE_MAX))
    # The languages spoken, codes of i18n.languages separated by spaces ("es quc").
    languages: Mapped[str] = mapped_column(sa.String(LANGUAGES_MAX), default="")
    facilitators: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = moment_column(now=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    round: Mapped[ConsultationRound] = relationship()
    created_by: Mapped[User | None] = relationship()
    participants: Mapped[list[WorkshopParticipants]] = relationship(
        back_populates="workshop", order_by="WorkshopParticipants.id",
        cascade="all, delete-orphan",
    )

    @property
    def place_name(self) -> str:
        """«Momostenango, Totonicapán»."""
        return place_name(self.department_code, self.municipality_code)

    @property
    def language_codes(self) -> list[str]:
        return self.languages.split()

    @property
    def label(self) -> str:
        return self.title

    @property
    def total_participants(self) -> int:
        return sum(line.total for line in self.participants)


class WorkshopParticipants(db.Model):
    """How many people of one sector took part; women and men where they were counted
    (both None when gender was not collected)."""

    __tablename__ = "workshop_participants"
    __table_args__ = (
        sa.UniqueConstraint("workshop_id", "sector"),
        sa.CheckConstraint("total >= 0", name="total_not_negative"),
        sa.CheckConstraint(
            "(women IS NULL AND men IS NULL) OR "
            "(women IS NOT NULL AND men IS NOT NULL AND women >= 0 AND men >= 0 "
            "AND women + men <= total)",
            name="gender_within_total",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(sa.ForeignKey("workshops.id"), index=True)
    sector: Mapped[Sector] = mapped_column(enum_column(Sector))
    total: Mapped[int] = mapped_column()
    women: Mapped[int | None] = mapped_column()
    men: Mapped[int | None] = mapped_column()

    workshop: Mapped[Workshop] = relationship(back_populates="participants")
