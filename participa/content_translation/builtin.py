"""The kinds this package translates (``kinds``): a proposal (its texts), the MTGA's
response to a proposal (its reason), a commitment (its newest version's title and summary:
"¿Cuál es el compromiso?") and a round's call (its title and description). Each loads many
items in one statement."""

from __future__ import annotations

from collections.abc import Collection

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from ..base.extensions import db
from ..consultations.models import ConsultationRound
from ..content.visibility import ModerationState
from ..notifications.services import path_for
from ..plans.models import Commitment, CommitmentVersion
from ..proposals.models import TEXT_MAX, TITLE_MAX, Proposal, Response
from .kinds import Field, Kind, Source, register

PROPOSAL = "proposal"
RESPONSE = "response"
COMMITMENT = "commitment"
CALL = "call"


def proposal_source(p: Proposal) -> Source:
    """A loaded proposal as translation sees it (no statement)."""
    return Source(
        kind=PROPOSAL, id=p.id, language=p.language or "es",
        texts={"title": p.title, "problem": p.problem,
               "proposed_commitment": p.proposed_commitment, "benefit": p.benefit},
        label=p.label, path=path_for("proposals.show", proposal_id=p.id),
        owner_ids=frozenset({p.author_id}),
        public=p.moderation_state == ModerationState.VISIBLE,
        extra={"reference": p.reference, "round_id": p.round_id},
    )


def _proposals(ids: Collection[int]) -> dict[int, Source]:
    rows = db.session.scalars(sa.select(Proposal).where(Proposal.id.in_(list(ids))))
    return {p.id: proposal_source(p) for p in rows}


def response_source(r: Response) -> Source:
    """A loaded response, with its proposal loaded, as translation sees it."""
    return Source(
        kind=RESPONSE, id=r.id, language=r.language or "es", texts={"reason": r.reason},
        label=str(_l("Respuesta a %(proposal)s", proposal=r.proposal.label)),
        path=path_for("proposals.show", proposal_id=r.proposal_id, _anchor="respuesta"),
        public=r.is_published,
        extra={"proposal_id": r.proposal_id, "reference": r.proposal.reference},
    )


def _responses(ids: Collection[int]) -> dict[int, Source]:
    rows = db.session.scalars(sa.select(Response).where(Response.id.in_(list(ids)))
                              .options(joinedload(Response.proposal)))
    return {r.id: response_source(r) for r in rows}


def _commitments(ids: Collection[int]) -> dict[int, Source]:
    newest = (sa.select(CommitmentVersion.commitment_id,
                        sa.func.max(CommitmentVersion.number).label("number"))
              .where(CommitmentVersion.commitment_id.in_(list(ids)))
              .group_by(CommitmentVersion.commitment_id).subquery())
    rows = db.session.execute(
        sa.select(Commitment, CommitmentVersion)
        .join(newest, newest.c.commitment_id == Commitment.id)
        .join(CommitmentVersion, sa.and_(CommitmentVersion.commitment_id == Commitment.id,
                                         CommitmentVersion.number == newest.c.number))
    ).all()
    return {c.id: commitment_source(c, v) for c, v in rows}


def commitment_source(c: Commitment, v: CommitmentVersion) -> Source:
    """A commitment with its newest version, loaded, as translation sees it."""
    return Source(
        kind=COMMITMENT, id=c.id, language=v.language or "es",
        texts={"title": v.title, "commitment_text": v.commitment_text},
        label=c.label, path=path_for("plans.commitment", commitment_id=c.id),
        extra={"version": v.number},
    )


def _calls(ids: Collection[int]) -> dict[int, Source]:
    rows = db.session.scalars(sa.select(ConsultationRound)
                              .where(ConsultationRound.id.in_(list(ids))))
    return {r.id: call_source(r) for r in rows}


def call_source(r: ConsultationRound) -> Source:
    """A loaded round's call as translation sees it."""
    return Source(
        kind=CALL, id=r.id, language=r.language or "es",
        texts={"title": r.title, "description": r.description or ""},
        label=r.title, path=path_for("consultations.show", round_id=r.id),
    )


register(Kind(PROPOSAL, _l("Propuesta"), (
    Field("title", _l("Título"), multiline=False, max_length=TITLE_MAX),
    Field("problem", _l("¿Qué problema atiende?"), max_length=TEXT_MAX),
    Field("proposed_commitment", _l("¿Qué compromiso propone?"), max_length=TEXT_MAX),
    Field("benefit", _l("¿Cómo ayudaría a resolver el problema?"), max_length=TEXT_MAX),
), _proposals))
register(Kind(RESPONSE, _l("Respuesta de la MTGA"), (
    Field("reason", _l("Razones de la respuesta")),
), _responses))
register(Kind(COMMITMENT, _l("Compromiso"), (
    Field("title", _l("Título"), multiline=False, max_length=500),
    Field("commitment_text", _l("¿Cuál es el compromiso?")),
), _commitments))
register(Kind(CALL, _l("Convocatoria de una consulta"), (
    Field("title", _l("Título"), multiline=False, max_length=255),
    Field("description", _l("Convocatoria")),
), _calls))
