"""The consideration report's second part (issue 17, item 7): the comments on the round's
draft commitments, per draft and section of the template, and whether each section changed
after them, and why (the change notes of the later versions, which the MTGA writes with
every version).

A comment counts as "taken into account" when the section it is about (a milestone's
comment: the milestones; a comment on the whole draft: any section) differs between the
version it was written on and the draft's newest version; "not taken into account" when it
does not; "no later version yet" when it was written on the newest one. This is the record's
own evidence, not a verdict on each comment: the change notes say why. Counted: the visible
comments (hidden and pending ones are not public); four statements whatever the number of
drafts and comments (the commitments, their versions with milestones and contacts, the
counts)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from ..base.extensions import db
from ..comments.models import Comment
from ..consultations.models import ConsultationRound
from ..content.visibility import visible_filter
from ..plans.diff import diff_versions
from ..plans.models import Commitment, CommitmentVersion
from ..plans.template_sections import SECTIONS

GENERAL = "general"
GENERAL_LABEL = _l("El borrador en general")


@dataclass
class SectionRow:
    key: str
    label: Any
    comments: int = 0
    taken: int = 0  # the section changed in a later version
    unchanged: int = 0  # a later version exists and left the section as it was
    awaiting: int = 0  # written on the newest version


@dataclass
class DraftReport:
    commitment: Commitment
    versions: list[CommitmentVersion]
    sections: list[SectionRow] = field(default_factory=list)

    @property
    def comments(self) -> int:
        return sum(row.comments for row in self.sections)

    @property
    def notes(self) -> list[CommitmentVersion]:
        """The versions after the first, whose change notes say what changed and why."""
        return [version for version in self.versions[1:] if version.change_note]


def _section_of(section: str | None, milestone_number: int | None) -> str:
    if milestone_number is not None:
        return "milestones"
    return section or GENERAL


def draft_comments(round: ConsultationRound) -> list[DraftReport]:
    """Every commitment co-created in the round that has versions, by number, with its
    comments counted per section."""
    commitments = list(db.session.scalars(
        sa.select(Commitment).where(Commitment.round_id == round.id)
        .options(selectinload(Commitment.versions).selectinload(CommitmentVersion.milestones),
                 selectinload(Commitment.versions).selectinload(CommitmentVersion.contacts))
        .order_by(Commitment.number, Commitment.id)
    ))
    counts = db.session.execute(
        sa.select(Comment.version_id, Comment.section, Comment.milestone_number,
                  sa.func.count())
        .join(CommitmentVersion, CommitmentVersion.id == Comment.version_id)
        .join(Commitment, Commitment.id == CommitmentVersion.commitment_id)
        .where(Commitment.round_id == round.id, visible_filter(Comment),
               Comment.update_id.is_(None))  # not the dialogue on its progress updates
        .group_by(Comment.version_id, Comment.section, Comment.milestone_number)
    ).all()
    by_version: dict[int, list[tuple[str, int]]] = {}
    for version_id, section, milestone_number, count in counts:
        by_version.setdefault(version_id, []).append(
            (_section_of(section, milestone_number), count))

    reports = []
    for commitment in commitments:
        versions = sorted(commitment.versions, key=lambda v: (v.number, v.id))
        if not versions:
            continue
        newest = versions[-1]
        rows = {key: SectionRow(key, label) for key, label in
                ((GENERAL, GENERAL_LABEL), *SECTIONS)}
        for version in versions:
            found = by_version.get(version.id)
            if not found:
                continue
            changed = ({d.key for d in diff_versions(version, newest) if d.changed}
                       if version is not newest else set())
            for key, count in found:
                row = rows.get(key) or rows[GENERAL]
                row.comments += count
                if version is newest:
                    row.awaiting += count
                elif (changed if key == GENERAL else key in changed):
                    row.taken += count
                else:
                    row.unchanged += count
        reports.append(DraftReport(commitment, versions,
                                   [row for row in rows.values() if row.comments]))
    return reports
