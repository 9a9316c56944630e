"""The read side of the plan's document: the published commitments of a plan with their
final versions, version histories and the proposals behind them, in a constant number of
queries whatever their number."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from ..base.extensions import db
from ..consultations.models import ConsultationRound
from ..content.visibility import ModerationState
from ..plans.models import ActionPlan, Commitment, CommitmentStatus, CommitmentVersion
from ..proposals.models import Proposal, ProposalCommitment


def published_rounds(plan: ActionPlan) -> list[ConsultationRound]:
    """The plan's published rounds, in the order they were published."""
    return list(db.session.scalars(
        sa.select(ConsultationRound)
        .where(ConsultationRound.plan_id == plan.id, ConsultationRound.published_at.is_not(None))
        .order_by(ConsultationRound.published_at, ConsultationRound.id)
    ))


@dataclass(frozen=True)
class HistoryEntry:
    number: int
    created_at: datetime
    change_note: str
    is_final: bool


@dataclass(frozen=True)
class DocumentEntry:
    commitment: Commitment
    version: CommitmentVersion  # the newest version marked final
    history: list[HistoryEntry]
    proposals: list  # the proposals consolidated into the commitment, by reference code


def _final_versions(ids: list[int]) -> dict[int, CommitmentVersion]:
    versions = db.session.scalars(
        sa.select(CommitmentVersion)
        .where(CommitmentVersion.commitment_id.in_(ids), CommitmentVersion.is_final)
        .options(selectinload(CommitmentVersion.milestones),
                 selectinload(CommitmentVersion.contacts))
        .order_by(CommitmentVersion.commitment_id, CommitmentVersion.number)
    )
    return {version.commitment_id: version for version in versions}  # the newest wins


def _histories(ids: list[int]) -> dict[int, list[HistoryEntry]]:
    rows = db.session.execute(
        sa.select(CommitmentVersion.commitment_id, CommitmentVersion.number,
                  CommitmentVersion.created_at, CommitmentVersion.change_note,
                  CommitmentVersion.is_final)
        .where(CommitmentVersion.commitment_id.in_(ids))
        .order_by(CommitmentVersion.commitment_id, CommitmentVersion.number)
    )
    histories: dict[int, list[HistoryEntry]] = defaultdict(list)
    for commitment_id, number, created_at, change_note, is_final in rows:
        histories[commitment_id].append(
            HistoryEntry(number, created_at, change_note or "", is_final))
    return histories


def _proposals(ids: list[int]) -> dict[int, list]:
    """The proposals behind each commitment; a hidden one keeps its line (the document shows
    "Oculto por moderación" instead of its title), a pending one is left out."""
    rows = db.session.execute(
        sa.select(ProposalCommitment.commitment_id, Proposal)
        .join(Proposal, Proposal.id == ProposalCommitment.proposal_id)
        .where(ProposalCommitment.commitment_id.in_(ids),
               Proposal.moderation_state != ModerationState.PENDING)
        .order_by(Proposal.reference_year, Proposal.reference_number, Proposal.id)
    )
    proposals: dict[int, list] = defaultdict(list)
    for commitment_id, proposal in rows:
        proposals[commitment_id].append(proposal)
    return proposals


def plan_document(plan: ActionPlan, round_ids: list[int]) -> list[DocumentEntry]:
    """The published commitments of the rounds ``round_ids`` that have a final version, in
    the order of their number. A constant number of queries, whatever their number."""
    commitments = db.session.scalars(
        sa.select(Commitment)
        .where(
            Commitment.plan_id == plan.id,
            Commitment.round_id.in_(round_ids),
            Commitment.status != CommitmentStatus.DRAFT,
        )
        .options(joinedload(Commitment.axis), selectinload(Commitment.irm_reviews))
        .order_by(Commitment.number, Commitment.id)
    ).all()
    ids = [commitment.id for commitment in commitments]
    if not ids:
        return []
    finals = _final_versions(ids)
    histories = _histories(ids)
    proposals = _proposals(ids)
    return [
        DocumentEntry(commitment, finals[commitment.id], histories[commitment.id],
                      proposals[commitment.id])
        for commitment in commitments
        if commitment.id in finals
    ]
