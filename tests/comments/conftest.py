"""People, rounds, a proposal and a draft commitment with versions, shared by the comment
tests; and a stand-in for the commitment page (owned by the drafts feature), which renders
``comments/_version_comments.html`` the way that page does: the slot ``commitment.comments``
gathered by the view, with ``commitment`` and ``version`` in context, sections as
``#seccion-<key>`` and milestone rows as ``#hito-<n>``."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask import abort, render_template_string, request
from sqlalchemy.orm import selectinload

from participa.base.extensions import db
from participa.base.time import utcnow
from participa.comments.models import Comment
from participa.consultations.models import PhaseKind
from participa.organizations.models import MembershipStatus
from participa.plans.models import (
    Commitment,
    CommitmentStatus,
    CommitmentVersion,
    Milestone,
    PlanStatus,
)
from participa.plans.template_sections import SECTIONS
from participa.web import current, slots

from ..factories import (
    make_commitment,
    make_membership,
    make_open_round,
    make_organization,
    make_plan,
    make_proposal,
    make_round,
    make_user,
)

VERSION_PAGE = """{% extends "base.html" %}
{% block title %}{{ commitment.title }}{% endblock %}
{% block content %}
<h1>{{ commitment.title }} (v{{ version.number }})</h1>
{% for key, label in sections %}<h2 id="seccion-{{ key }}">{{ label }}</h2>{% endfor %}
<table>{% for m in version.milestones %}
<tr id="hito-{{ m.number }}"><td>{{ m.number }}</td><td>{{ m.description }}</td></tr>
{% endfor %}</table>
{% for slot in comment_slots %}{% include slot.template %}{% endfor %}
{% endblock %}"""


def version_page_path(commitment_id: int, number: int | None = None) -> str:
    path = f"/_pruebas/compromisos/{commitment_id}"
    return f"{path}?version={number}" if number is not None else path


@pytest.fixture
def app(app):
    """The root ``app`` with the stand-in commitment page."""

    def commitment_page(commitment_id: int):
        commitment = db.session.get(Commitment, commitment_id)
        if commitment is None:
            abort(404)
        number = request.args.get("version", type=int)
        statement = sa.select(CommitmentVersion).where(
            CommitmentVersion.commitment_id == commitment.id
        )
        if number is not None:
            statement = statement.where(CommitmentVersion.number == number)
        version = db.session.scalars(
            statement.order_by(CommitmentVersion.number.desc()).limit(1)
        ).first()
        if version is None:
            abort(404)
        return render_template_string(
            VERSION_PAGE, commitment=commitment, version=version, sections=SECTIONS,
            comment_slots=slots.gather("commitment.comments", commitment=commitment,
                                       version=version, user=current.user()),
        )

    app.add_url_rule(
        "/_pruebas/compromisos/<int:commitment_id>", "test_commitment_page", commitment_page
    )
    return app


def add_version(commitment: Commitment, number: int, milestones=(1, 2, 3),
                title: str | None = None) -> CommitmentVersion:
    """A version of the commitment with milestone rows numbered ``milestones``."""
    version = CommitmentVersion(
        commitment_id=commitment.id, number=number,
        title=title or f"{commitment.title} v{number}",
        change_note=f"Versión {number}",
    )
    for n in milestones:
        version.milestones.append(Milestone(
            number=n, description=f"Hito {n} de la versión {number}: publicar datos abiertos",
        ))
    db.session.add(version)
    db.session.commit()
    return version


def make_draft(round_, *, title: str = "Compras públicas abiertas", versions=1,
               status: CommitmentStatus = CommitmentStatus.DRAFT) -> Commitment:
    commitment = make_commitment(round_.plan, title=title, status=status)
    commitment.round_id = round_.id
    db.session.commit()
    for number in range(1, versions + 1):
        add_version(commitment, number)
    return commitment


def comments(app=None) -> list[Comment]:
    """Every comment, oldest first, with its revisions loaded. With ``app``, read in an app
    context of its own (for tests that make requests); without, in the current one."""
    if app is not None:
        with app.app_context():
            return comments()
    db.session.expire_all()
    return list(db.session.scalars(
        sa.select(Comment).order_by(Comment.id).options(selectinload(Comment.revisions))
    ))


@pytest.fixture
def world(app) -> dict:
    """One plan with three rounds: ``proposals`` (proposals phase open, with a proposal),
    ``review`` (review open, with a proposal), ``drafts`` (comments phase open, with a draft
    commitment at version 1) and ``future`` (nothing open yet, with a proposal and a draft).
    People (log in as <key>@example.org): ``member`` of the verified organisation ``cso``
    (and of the unverified ``unverified``, and asked to join ``pending``), ``other`` and
    ``third`` (confirmed), ``unconfirmed``."""
    with app.app_context():
        plan = make_plan(number=5, status=PlanStatus.IN_CONSULTATION, start_year=2026)
        proposals_round = make_open_round(PhaseKind.PROPOSALS, plan=plan, title="Propuestas")
        review_round = make_open_round(PhaseKind.REVIEW, plan=plan, title="Revisión")
        drafts_round = make_open_round(PhaseKind.COMMENTS, plan=plan, title="Borradores")
        vote_round = make_open_round(PhaseKind.VOTE, plan=plan, title="Votación")
        future_round = make_round(plan, title="Futura")
        people = {
            key: make_user(name=name, email_address=f"{key}@example.org", **extra)
            for key, name, extra in [
                ("member", "Marta Miembro", {}),
                ("other", "Óscar Otro", {}),
                ("third", "Tere Tercera", {}),
                ("unconfirmed", "Uriel Sinconfirmar", {"confirmed": False}),
            ]
        }
        cso = make_organization(name="Acción Ciudadana")
        unverified = make_organization(name="Guatecívica", verified=False)
        pending = make_organization(name="Congreso Transparente")
        stranger_org = make_organization(name="Red Ajena")
        make_membership(people["member"], cso)
        make_membership(people["member"], unverified)
        make_membership(people["member"], pending, status=MembershipStatus.PENDING)
        author = people["third"]
        ids = {
            "plan": plan.id,
            "proposal": make_proposal(proposals_round, author, title="Compras al día").id,
            "review_proposal": make_proposal(review_round, author, title="En revisión").id,
            "future_proposal": make_proposal(future_round, author, title="Futura").id,
            "draft_proposal": make_proposal(drafts_round, author, title="Ya en borrador").id,
            "withdrawn": make_proposal(proposals_round, author, title="Retirada",
                                       withdrawn=True).id,
            "draft": make_draft(drafts_round).id,
            "future_draft": make_draft(future_round, title="Borrador futuro").id,
            "vote_draft": make_draft(vote_round, title="Borrador en votación").id,
            "active": make_draft(drafts_round, title="Ya activo",
                                 status=CommitmentStatus.ACTIVE).id,
            "cso": cso.id,
            "unverified": unverified.id,
            "pending": pending.id,
            "stranger_org": stranger_org.id,
            **{key: user.id for key, user in people.items()},
        }
        ids["version1"] = version_id(ids["draft"], 1)
        return ids


def version_id(commitment_id: int, number: int) -> int:
    return db.session.scalar(
        sa.select(CommitmentVersion.id).where(
            CommitmentVersion.commitment_id == commitment_id, CommitmentVersion.number == number
        )
    )


def age(comment_id: int, seconds: int) -> None:
    """Move a comment's creation ``seconds`` into the past."""
    comment = db.session.get(Comment, comment_id)
    comment.created_at = utcnow() - timedelta(seconds=seconds)
    db.session.commit()
