"""People, rounds with draft commitments, and helpers shared by the vote and publication
tests. The factories of drafts, versions and votes live here (not in tests/factories.py) so
this feature's tests do not collide with the other features' factories."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from participa.accounts.models import User
from participa.base.extensions import db
from participa.base.time import utcnow
from participa.consultations.models import ConsultationRound, PhaseKind, ResultsVisibility
from participa.plans.models import (
    ActionPlan,
    Commitment,
    CommitmentStatus,
    CommitmentVersion,
    Contact,
    Milestone,
    PlanStatus,
)
from participa.proposals.models import ProposalCommitment
from participa.voting.models import Vote

from ..factories import consecutive_phases, make_people_of_each_role, make_plan, make_round

ROLES = ["anonymous", "unconfirmed", "deleted", "participant", "moderator", "admin"]


@pytest.fixture
def people(app) -> dict[str, int]:
    """Ids of an admin, a moderator, a confirmed participant, an unconfirmed one and a
    deleted one; each logs in with <key>@example.org (the deleted one cannot)."""
    with app.app_context():
        return make_people_of_each_role()


def round_in(kind: PhaseKind | None, plan: ActionPlan | None = None, *,
             votes: int = 3, visibility=ResultsVisibility.AFTER_CLOSE,
             phases=None, title: str | None = None) -> ConsultationRound:
    """A round of five back-to-back 10-day phases with ``kind`` open now (None: all of them
    still to come), K = ``votes``."""
    if plan is None:
        plan = make_plan(status=PlanStatus.IN_CONSULTATION)
    if phases is None:
        if kind is None:
            phases = consecutive_phases(utcnow() + timedelta(days=1))
        else:
            phases = consecutive_phases(utcnow() - timedelta(days=1 + 10 * kind.order))
    round_ = make_round(plan, phases, title=title)
    round_.max_votes_per_user = votes
    round_.results_visibility = visibility
    db.session.commit()
    return round_


def ended_round(plan: ActionPlan | None = None, **kwargs) -> ConsultationRound:
    """A round whose five phases are all over (the last ended yesterday)."""
    start = utcnow() - timedelta(days=51)
    return round_in(None, plan, phases=consecutive_phases(start), **kwargs)


def make_draft(
    round_: ConsultationRound,
    *,
    title: str | None = None,
    number: int | None = None,
    versions: int = 1,
    final: bool = False,
    lead_institution: str = "Ministerio de Finanzas Públicas",
    milestones: int = 2,
    contacts: int = 1,
    status: CommitmentStatus = CommitmentStatus.DRAFT,
) -> Commitment:
    """A draft commitment of the round with ``versions`` versions (the last one final if
    ``final``), each with the template's fields filled, milestones and contacts."""
    if number is None:
        number = (db.session.scalar(
            sa.select(sa.func.max(Commitment.number))
            .where(Commitment.plan_id == round_.plan_id)
        ) or 0) + 1
    title = title or f"Borrador {number}"
    commitment = Commitment(
        plan_id=round_.plan_id, round_id=round_.id, number=number, title=title,
        lead_institution=lead_institution, status=status, vote_count=0,
    )
    db.session.add(commitment)
    db.session.flush()
    for n in range(1, versions + 1):
        add_version(commitment, number=n, final=final and n == versions,
                    title=title if n == versions else f"{title} (v{n})",
                    lead_institution=lead_institution, milestones=milestones,
                    contacts=contacts)
    db.session.commit()
    return commitment


def add_version(commitment: Commitment, *, number: int | None = None, final: bool = False,
                title: str | None = None, lead_institution: str = "Institución",
                milestones: int = 2, contacts: int = 1,
                **fields) -> CommitmentVersion:
    if number is None:
        number = (db.session.scalar(
            sa.select(sa.func.max(CommitmentVersion.number))
            .where(CommitmentVersion.commitment_id == commitment.id)
        ) or 0) + 1
    values = {
        "start_date": date(2026, 9, 1),
        "end_date": date(2028, 6, 30),
        "supporting_institutions": "Contraloría General de Cuentas\nSecretaría de Planificación",
        "problem": f"Problema v{number} de {commitment.number}.",
        "commitment_text": f"Compromiso v{number}.",
        "contribution": "Contribución.",
        "ogp_relevance": "Transparencia y rendición de cuentas.",
        "additional_information": "Información adicional.",
        "other_actors_public": "Registro Nacional de las Personas",
        "other_actors_civil": "Acción Ciudadana",
        "observations": f"Observaciones v{number}.",
        **fields,
    }
    version = CommitmentVersion(
        commitment_id=commitment.id, number=number, is_final=final,
        title=title or commitment.title, lead_institution=lead_institution,
        change_note=f"Cambios de la versión {number}", **values,
    )
    db.session.add(version)
    db.session.flush()
    for m in range(1, milestones + 1):
        db.session.add(Milestone(
            version_id=version.id, number=m, description=f"Hito {m} de v{number}",
            responsible="Ministerio de Finanzas Públicas", is_new=m % 2 == 1,
            start_date=date(2026, 9, 1), end_date=date(2027, 3, 1),
        ))
    for c in range(contacts):
        db.session.add(Contact(
            version_id=version.id, position=c, name=f"Contacto {c}",
            institution_post="Directora de Transparencia", email=f"contacto{c}@example.org",
            phone="2222-0000",
        ))
    db.session.commit()
    return version


def make_vote(user: User, commitment: Commitment) -> Vote:
    """A vote row and the SQL increment, whatever the phase."""
    vote = Vote(round_id=commitment.round_id, commitment_id=commitment.id, user_id=user.id)
    db.session.add(vote)
    db.session.execute(
        sa.update(Commitment).where(Commitment.id == commitment.id)
        .values(vote_count=Commitment.vote_count + 1)
    )
    db.session.commit()
    return vote


def link(proposal, commitment: Commitment) -> None:
    db.session.add(ProposalCommitment(proposal_id=proposal.id, commitment_id=commitment.id))
    db.session.commit()


def vote_rows(commitment_id: int | None = None, user_id: int | None = None) -> int:
    statement = sa.select(sa.func.count(Vote.id))
    if commitment_id is not None:
        statement = statement.where(Vote.commitment_id == commitment_id)
    if user_id is not None:
        statement = statement.where(Vote.user_id == user_id)
    return db.session.scalar(statement)


def stored_count(commitment_id: int) -> int:
    return db.session.scalar(
        sa.select(Commitment.vote_count).where(Commitment.id == commitment_id))
