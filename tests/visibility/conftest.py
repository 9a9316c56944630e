"""A round with a visible, a hidden and a pending proposal, and visible, hidden and pending
comments on a proposal and on a draft commitment's version; a published commitment that the
three proposals fed (for the plan document). The texts of hidden items carry the marker
``XQOCULTA`` and those of pending items ``XQPENDIENTE``: no public page, JSON or CSV may
contain either."""

from __future__ import annotations

from datetime import timedelta

import pytest

from participa.base.extensions import db
from participa.base.time import utcnow
from participa.comments.models import Comment
from participa.consultations.models import ConsultationRound
from participa.content.visibility import ModerationState
from participa.plans.models import Commitment, CommitmentStatus, CommitmentVersion, PlanStatus
from participa.proposals.models import ProposalCommitment, Response, ResponseDecision

from ..factories import (
    consecutive_phases,
    make_axis,
    make_open_round,
    make_plan,
    make_proposal,
    make_round,
    make_support,
    make_user,
)

HIDDEN = "XQOCULTA"
PENDING = "XQPENDIENTE"
MARKERS = (HIDDEN, PENDING)
HIDDEN_REASON = "Expone el teléfono de una vecina"
# A word only the hidden and pending proposals contain (to search for it).
SHARED_WORD = "alcantarillado"


def _proposal(round_, author, marker: str, state: ModerationState, **extra):
    proposal = make_proposal(
        round_, author,
        title=f"Reparar el {SHARED_WORD} municipal {marker}",
        problem=f"Problema {marker}", proposed_commitment=f"Compromiso {marker}",
        benefit=f"Beneficio {marker}", institution=f"Institución {marker}", **extra,
    )
    if state != ModerationState.VISIBLE:
        proposal.moderation_state = state
        if state == ModerationState.HIDDEN:
            proposal.hidden_reason = HIDDEN_REASON
            proposal.hidden_at = utcnow()
        db.session.commit()
    return proposal


def _comment(author, body: str, *, proposal=None, version=None, parent=None,
             state=ModerationState.VISIBLE) -> Comment:
    comment = Comment(
        proposal_id=proposal.id if proposal is not None else None,
        version_id=version.id if version is not None else None,
        parent_id=parent.id if parent is not None else None,
        depth=parent.depth + 1 if parent is not None else 0,
        author_id=author.id, body=body, moderation_state=state,
        hidden_reason=HIDDEN_REASON if state == ModerationState.HIDDEN else None,
        hidden_at=utcnow() if state == ModerationState.HIDDEN else None,
    )
    db.session.add(comment)
    db.session.commit()
    return comment


def _version(commitment: Commitment, *, final: bool) -> CommitmentVersion:
    version = CommitmentVersion(
        commitment_id=commitment.id, number=1, is_final=final, title=commitment.title,
        lead_institution="Ministerio de Finanzas Públicas", change_note="Primera versión",
        problem="El problema del compromiso.", commitment_text="El compromiso.",
    )
    db.session.add(version)
    db.session.commit()
    return version


def build_world() -> dict:
    plan = make_plan(number=7, status=PlanStatus.IN_CONSULTATION, start_year=2030)
    make_axis(plan, name="Transparencia fiscal")
    round_ = make_open_round(plan=plan, title="Consulta con moderación")
    people = {
        key: make_user(name=name, email_address=f"{key}@example.org", **roles)
        for key, name, roles in [
            ("author", "Ana Autora", {}),
            ("commenter", "Carlos Comentarista", {}),
            ("other", "Olga Otra", {}),
            ("moderator", "Mario Moderador", {"is_moderator": True}),
        ]
    }
    author, commenter, other = people["author"], people["commenter"], people["other"]
    visible = make_proposal(round_, author, title="Publicar las compras municipales",
                            problem="Las compras no se publican.")
    hidden = _proposal(round_, author, HIDDEN, ModerationState.HIDDEN)
    pending = _proposal(round_, author, PENDING, ModerationState.PENDING)
    make_support(hidden, other)
    make_support(visible, other)

    # Comments on the visible proposal: a hidden one with a visible reply, a pending one.
    shown = _comment(commenter, "Un comentario a la vista.", proposal=visible)
    hidden_comment = _comment(commenter, f"Comentario {HIDDEN}", proposal=visible,
                              state=ModerationState.HIDDEN)
    reply = _comment(other, "Una respuesta que sigue a la vista.", proposal=visible,
                     parent=hidden_comment)
    pending_comment = _comment(commenter, f"Comentario {PENDING}", proposal=visible,
                               state=ModerationState.PENDING)

    # A draft commitment of the round, with comments on its version.
    draft = Commitment(plan_id=plan.id, round_id=round_.id, number=1, title="Borrador abierto",
                       status=CommitmentStatus.DRAFT)
    db.session.add(draft)
    db.session.commit()
    draft_version = _version(draft, final=False)
    _comment(commenter, "Comentario visible del borrador.", version=draft_version)
    draft_hidden = _comment(commenter, f"Comentario de borrador {HIDDEN}",
                            version=draft_version, state=ModerationState.HIDDEN)
    draft_pending = _comment(commenter, f"Comentario de borrador {PENDING}",
                             version=draft_version, state=ModerationState.PENDING)

    # A published commitment the three proposals fed, in an earlier round of the plan that
    # was published (the plan's document exists; a published round's phases never reopen,
    # so the open round itself cannot be the published one); a published response to the
    # hidden proposal.
    earlier = make_round(plan, consecutive_phases(utcnow() - timedelta(days=60)),
                         title="Consulta anterior")
    published = Commitment(plan_id=plan.id, round_id=earlier.id, number=2,
                           title="Compromiso publicado", status=CommitmentStatus.ACTIVE)
    db.session.add(published)
    db.session.commit()
    _version(published, final=True)
    for proposal in (visible, hidden, pending):
        db.session.add(ProposalCommitment(proposal_id=proposal.id, commitment_id=published.id))
    db.session.add(Response(proposal_id=hidden.id, decision=ResponseDecision.NOT_INCORPORATED,
                            reason="No cabe en el plan.", published_at=utcnow()))
    db.session.get(ConsultationRound, earlier.id).published_at = utcnow() - timedelta(hours=1)
    db.session.commit()
    return {
        "plan": plan.id, "round": round_.id,
        "visible": visible.id, "hidden": hidden.id, "pending": pending.id,
        "hidden_ref": hidden.reference, "pending_ref": pending.reference,
        "comment": shown.id, "hidden_comment": hidden_comment.id, "reply": reply.id,
        "pending_comment": pending_comment.id,
        "draft": draft.id, "draft_version": draft_version.id,
        "draft_hidden": draft_hidden.id, "draft_pending": draft_pending.id,
        "published": published.id,
        **{key: user.id for key, user in people.items()},
    }


@pytest.fixture
def world(app) -> dict:
    with app.app_context():
        return build_world()
