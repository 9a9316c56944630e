"""People, a round in its review phase with proposals and supporters, and helpers shared by
the consolidation, response, notification and report tests."""

from __future__ import annotations

import click
import pytest
import sqlalchemy as sa

from participa.accounts.models import User
from participa.base.extensions import db
from participa.consultations.models import PhaseKind
from participa.i18n import cli as translate_cli
from participa.plans.models import ActionPlan, Commitment, PlanStatus
from participa.proposals.models import Proposal, ProposalCommitment, Response, Support

from ..factories import make_axis, make_open_round, make_proposal, make_support, make_user


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogs():
    """E-mails are rendered in the recipient's language: the catalogs must be compiled (as
    ``make test`` does; the .mo files are not in git)."""
    for code in ("cak", "quc", "kek", "mam"):
        if translate_cli.catalog_path(code).exists():
            try:
                translate_cli.compile_catalog(code)
            except click.ClickException:
                pass



@pytest.fixture
def world(app) -> dict:
    """Ids of: people (log in as <key>@example.org), a plan with two axes, a round in its
    review phase with five proposals by ``author`` (P1 supported by ``sup_cak``,
    ``sup_quiet`` and ``sup_unconfirmed``; P2 by ``sup_cak``), and a proposal of another
    round."""
    with app.app_context():
        people: dict[str, User] = {
            "admin": make_user(email_address="admin@example.org", is_admin=True),
            "moderator": make_user(email_address="moderator@example.org", is_moderator=True,
                                   name="Moderadora MTGA"),
            "participant": make_user(email_address="participant@example.org"),
            "translator": make_user(email_address="translator@example.org",
                                    translates=("quc",)),
            "author": make_user(email_address="author@example.org", name="Ana Autora",
                                preferred_language="es"),
            "sup_cak": make_user(email_address="sup_cak@example.org", name="Lucía Sotz",
                                 preferred_language="cak"),
            "sup_quiet": make_user(email_address="sup_quiet@example.org", name="Beto Callado"),
            "sup_unconfirmed": make_user(email_address="sup_unconfirmed@example.org",
                                         confirmed=False),
        }
        people["sup_quiet"].notify_by_email = False
        plan = ActionPlan(number=900, title="Quinto Plan de Acción", start_year=2026,
                          end_year=2028, status=PlanStatus.IN_CONSULTATION)
        db.session.add(plan)
        db.session.commit()
        axes = [make_axis(plan, name="Transparencia fiscal", position=1),
                make_axis(plan, name="Participación ciudadana", position=2)]
        round_ = make_open_round(PhaseKind.REVIEW, plan=plan, title="Consulta del Quinto Plan")
        author = people["author"]
        proposals = [
            make_proposal(round_, author, title="Compras municipales abiertas", axis=axes[0]),
            make_proposal(round_, author, title="Presupuesto abierto en idiomas mayas",
                          axis=axes[0], institution="Ministerio de Finanzas Públicas"),
            make_proposal(round_, author, title="Consejos comunitarios en línea", axis=axes[1],
                          institution="Secretaría de Coordinación Ejecutiva"),
            make_proposal(round_, author, title="Obras con fotos del avance", axis=axes[0]),
            make_proposal(round_, author, title="Mesas de diálogo departamentales",
                          axis=axes[1], institution="Secretaría de Coordinación Ejecutiva"),
        ]
        for key in ("sup_cak", "sup_quiet", "sup_unconfirmed"):
            make_support(proposals[0], people[key])
        make_support(proposals[1], people["sup_cak"])
        other_round = make_open_round(PhaseKind.REVIEW)
        foreign = make_proposal(other_round, people["participant"], title="De otra consulta")
        return {
            **{key: user.id for key, user in people.items()},
            "plan": plan.id,
            "axes": [axis.id for axis in axes],
            "round": round_.id,
            "proposals": [proposal.id for proposal in proposals],
            "other_round": other_round.id,
            "foreign": foreign.id,
        }


def proposals_state() -> list[tuple]:
    """Everything consolidation must never change about proposals and supports."""
    return [
        (p.id, p.title, p.problem, p.proposed_commitment, p.benefit, p.institution,
         p.author_id, p.round_id, p.status.value, p.support_count)
        for p in db.session.scalars(sa.select(Proposal).order_by(Proposal.id))
    ] + [("supports", s.proposal_id, s.user_id)
         for s in db.session.scalars(sa.select(Support).order_by(Support.id))]


def links() -> set[tuple[int, int]]:
    return {(link.proposal_id, link.commitment_id)
            for link in db.session.scalars(sa.select(ProposalCommitment))}


def responses() -> dict[int, Response]:
    return {r.proposal_id: r for r in db.session.scalars(sa.select(Response))}


def commitments_of(round_id: int) -> list[Commitment]:
    return list(db.session.scalars(
        sa.select(Commitment).where(Commitment.round_id == round_id).order_by(Commitment.number)
    ))


