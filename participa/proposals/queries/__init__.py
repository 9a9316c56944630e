"""Read-only queries about proposals that other pages show: a round's participation (on the
round page, slot ``round.participation``) and whether a round has proposals at all."""

from __future__ import annotations

import sqlalchemy as sa

from ...base.extensions import db
from ...consultations.models import ConsultationRound
from ...content.visibility import visible_filter
from ..models import Proposal, ProposalStatus, Support


def round_has_proposals(round: ConsultationRound) -> bool:
    """Whether anyone sent a proposal to the round (its plan can no longer change)."""
    return db.session.scalar(
        sa.select(sa.literal(True)).where(Proposal.round_id == round.id).limit(1)
    ) is not None


def round_counts(round: ConsultationRound) -> dict[str, int]:
    """Participation in a round, in one query, over published (not withdrawn) proposals
that the public sees (neither hidden nor pending, as in the list of proposals):

    - ``proposals``: how many;
    - ``participants``: distinct people who wrote or supported one;
    - ``organizations``: distinct organisations the proposals speak for.
    """
    published = sa.and_(
        Proposal.round_id == round.id, Proposal.status == ProposalStatus.PUBLISHED,
        visible_filter(Proposal),
    )
    proposals = sa.select(sa.func.count(Proposal.id)).where(published).scalar_subquery()
    people = sa.union(
        sa.select(Proposal.author_id.label("user_id")).where(published),
        sa.select(Support.user_id.label("user_id"))
        .join(Proposal, Proposal.id == Support.proposal_id)
        .where(published),
    ).subquery()
    participants = sa.select(sa.func.count()).select_from(people).scalar_subquery()
    organizations = (
        sa.select(sa.func.count(sa.distinct(Proposal.organization_id)))
        .where(published)
        .scalar_subquery()
    )
    row = db.session.execute(
        sa.select(
            proposals.label("proposals"),
            participants.label("participants"),
            organizations.label("organizations"),
        )
    ).one()
    return {
        "proposals": row.proposals or 0,
        "participants": row.participants or 0,
        "organizations": row.organizations or 0,
    }
