"""Rounds open for every kind of participation, people of different ages and states, and the
addresses and form data that post to them: shared by tests/abuse and tests/visibility."""

from __future__ import annotations

from datetime import timedelta

from participa.accounts.models import User
from participa.base.extensions import db
from participa.base.time import utcnow
from participa.comments.models import Comment
from participa.consultations.models import PhaseKind
from participa.plans.models import Commitment, CommitmentStatus, CommitmentVersion, PlanStatus

from ..factories import make_axis, make_open_round, make_plan, make_proposal, make_user

BLOCK_REASON = "Publicó publicidad en varias propuestas"


def _aged(user: User, days: int) -> User:
    user.created_at = utcnow() - timedelta(days=days)
    db.session.commit()
    return user


def _draft(round_, number: int, title: str) -> tuple[Commitment, CommitmentVersion]:
    commitment = Commitment(plan_id=round_.plan_id, round_id=round_.id, number=number,
                            title=title, status=CommitmentStatus.DRAFT, vote_count=0)
    db.session.add(commitment)
    db.session.commit()
    version = CommitmentVersion(commitment_id=commitment.id, number=1, title=title,
                                change_note="Primera versión", problem="Problema.")
    db.session.add(version)
    db.session.commit()
    return commitment, version


def build_arena() -> dict:
    """A plan with one axis and three rounds: ``round`` in its proposals phase, ``drafts``
    in its comments phase (a draft commitment with one version), ``vote`` in its
    prioritisation phase (a draft to vote for). People (log in as <key>@example.org):
    ``veteran`` (an account of 30 days), ``newbie`` (created today), ``moderator``,
    ``admin``, ``blocked`` (until three days from now, with a reason) and ``banned``
    (blocked without end), both 30-day accounts. A proposal of ``writer`` in ``round``,
    with a comment of ``writer``; a proposal of ``blocked``."""
    plan = make_plan(number=9, status=PlanStatus.IN_CONSULTATION, start_year=2034)
    axis = make_axis(plan, name="Transparencia fiscal")
    round_ = make_open_round(plan=plan, title="Consulta abierta")
    drafts = make_open_round(PhaseKind.COMMENTS, plan=plan, title="Consulta en comentarios")
    vote = make_open_round(PhaseKind.VOTE, plan=plan, title="Consulta en votación")
    people = {
        key: _aged(make_user(name=name, email_address=f"{key}@example.org", **roles), days)
        for key, name, roles, days in [
            ("veteran", "Vera Veterana", {}, 30),
            ("writer", "Wendy Escritora", {}, 30),
            ("newbie", "Nico Nuevo", {}, 0),
            ("moderator", "Mario Moderador", {"is_moderator": True}, 30),
            ("admin", "Ada Administradora", {"is_admin": True}, 30),
            ("blocked", "Bruno Bloqueado", {}, 30),
            ("banned", "Berta Bloqueada", {}, 30),
        ]
    }
    now = utcnow()
    blocked = people["blocked"]
    blocked.blocked_at, blocked.blocked_until = now, now + timedelta(days=3)
    blocked.block_reason = BLOCK_REASON
    banned = people["banned"]
    banned.blocked_at, banned.block_reason = now, BLOCK_REASON
    db.session.commit()
    proposal = make_proposal(round_, people["writer"], title="Presupuestos abiertos")
    blocked_own = make_proposal(round_, blocked, title="Propuesta de Bruno")
    comment = Comment(proposal_id=proposal.id, author_id=people["writer"].id,
                      body="Un comentario para responder.", depth=0)
    blocked_comment = Comment(proposal_id=proposal.id, author_id=blocked.id,
                              body="Comentario de Bruno.", depth=0)
    db.session.add_all([comment, blocked_comment])
    db.session.commit()
    draft, version = _draft(drafts, 1, "Borrador para comentar")
    candidate, _version = _draft(vote, 2, "Borrador para votar")
    return {
        "plan": plan.id, "axis": axis.id, "round": round_.id, "drafts": drafts.id,
        "vote": vote.id, "proposal": proposal.id, "blocked_own": blocked_own.id,
        "comment": comment.id, "blocked_comment": blocked_comment.id,
        "draft": draft.id, "version": version.id, "candidate": candidate.id,
        **{key: user.id for key, user in people.items()},
    }


def proposal_data(arena: dict, **overrides) -> dict:
    data = {
        "title": "Publicar los contratos de obra municipal",
        "problem": "Los contratos de obra no se publican.",
        "proposed_commitment": "Publicar cada contrato en 48 horas.",
        "benefit": "La ciudadanía vigila las obras.",
        "values": ["transparencia"],
        "axis": str(arena["axis"]),
        "institution": "Ministerio de Comunicaciones",
        "accion": "publicar",
    }
    data.update(overrides)
    return data


def new_proposal_url(arena: dict) -> str:
    return f"/consultas/{arena['round']}/propuestas/nueva"


def comment_url(arena: dict) -> str:
    return f"/comentarios/propuestas/{arena['proposal']}/nuevo"


def support_url(arena: dict) -> str:
    return f"/propuestas/{arena['proposal']}/apoyar"


def vote_url(arena: dict) -> str:
    return f"/consultas/{arena['vote']}/priorizacion/{arena['candidate']}/votar"
