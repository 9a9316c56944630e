"""The demo consultation round that ``flask demo load`` adds: the 5th plan, the round with
its proposals phase open, 25 proposals from the 2014-2016 plan, authors and supports."""

from __future__ import annotations

import re

import sqlalchemy as sa

from participa.accounts import passwords
from participa.accounts.models import User
from participa.base.extensions import db
from participa.consultations.models import ConsultationRound, PhaseKind
from participa.consultations.phases import current_phase, is_open
from participa.demo import proposal_data as data
from participa.demo.organizations import ORGANIZATIONS
from participa.plans.models import ActionPlan, Axis, PlanStatus
from participa.proposals.models import (
    INSTITUTION_MAX,
    TEXT_MAX,
    TITLE_MAX,
    OgpValue,
    Proposal,
    Support,
)

from ..factories import login, make_plan


def _load(runner) -> str:
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    return result.output


def _snapshot(app):
    with app.app_context():
        return (
            db.session.scalar(sa.select(sa.func.count(ActionPlan.id))),
            db.session.scalar(sa.select(sa.func.count(Axis.id))),
            db.session.scalar(sa.select(sa.func.count(ConsultationRound.id))),
            sorted((p.reference, p.title, p.support_count)
                   for p in db.session.scalars(sa.select(Proposal))),
            db.session.scalar(sa.select(sa.func.count(Support.id))),
            db.session.scalar(sa.select(sa.func.count(User.id))),
        )


def test_load_adds_the_round_with_proposals_and_supports(app, runner):
    output = _load(runner)
    assert f"{len(data.PROPOSALS)} propuestas nuevas" in output
    with app.app_context():
        plan = db.session.scalar(sa.select(ActionPlan).where(ActionPlan.number == 5))
        assert plan.status == PlanStatus.IN_CONSULTATION
        assert (plan.start_year, plan.end_year) == (2026, 2028)
        assert [axis.name for axis in plan.axes] == list(data.AXES)
        round_ = db.session.scalar(
            sa.select(ConsultationRound).where(ConsultationRound.title == data.ROUND_TITLE))
        assert round_.plan_id == plan.id
        assert is_open(round_, PhaseKind.PROPOSALS)
        assert current_phase(round_).kind == PhaseKind.PROPOSALS
        assert [phase.kind for phase in round_.phases] == list(PhaseKind)
        proposals = db.session.scalars(
            sa.select(Proposal).where(Proposal.round_id == round_.id,
                                      Proposal.workshop_id.is_(None))  # the workshop's: below
            .order_by(Proposal.reference_number)).all()
        assert len(proposals) == len(data.PROPOSALS) == 25
        assert [p.title for p in proposals] == [item.title for item in data.PROPOSALS]
        authors = {p.author_id for p in proposals}
        assert len(authors) == len(data.AUTHORS)
        assert {db.session.get(User, a).sector for a in authors} >= {
            s for s in (a.sector for a in data.AUTHORS)}
        assert sum(p.organization_id is not None for p in proposals) >= 8
        assert all(p.axis is not None and p.axis.plan_id == plan.id for p in proposals)
        assert len({p.axis_id for p in proposals}) == 5
        assert all(p.ogp_values for p in proposals)
        # Supports spread among the demo authors, never their own, counts exact.
        counts = [p.support_count for p in proposals]
        assert min(counts) == 0 and max(counts) >= 6 and sum(counts) > 50
        for p in proposals:
            supporters = db.session.scalars(
                sa.select(Support.user_id).where(Support.proposal_id == p.id)).all()
            assert len(supporters) == p.support_count
            assert p.author_id not in supporters
        # The texts follow the 2014-2016 plan.
        first = proposals[0]
        assert first.title == "Mejorar los niveles de transparencia y acceso a la información"
        assert first.proposed_commitment.startswith("Comprometer a los sujetos obligados")
        assert first.benefit.startswith("1. Realizar un pacto de transparencia")
        assert "\n2. Fortalecimiento de la autoridad reguladora PDH" in first.benefit


def test_demo_authors_log_in_with_the_printed_password(app, runner, client):
    output = _load(runner)
    password = re.search(r"^Contraseña de todas ellas: (.+)$", output, re.M).group(1)
    with app.app_context():
        for author in data.AUTHORS:
            user = db.session.scalar(sa.select(User).where(User.email == author.email))
            assert user.is_confirmed
            assert passwords.verify_password(user.password_hash, password)
    assert login(client, data.AUTHORS[0].email, password).status_code == 302
    page = client.get("/mi-participacion").get_data(as_text=True)
    assert "Promover la participación y la vigilancia ciudadana informada" in page


def test_a_second_load_adds_nothing(app, runner):
    _load(runner)
    before = _snapshot(app)
    output = _load(runner)
    assert "0 propuestas nuevas, 0 apoyos nuevos, 0 cuentas de autores nuevas" in output
    assert _snapshot(app) == before


def test_an_existing_fifth_plan_is_reused(app, runner):
    with app.app_context():
        make_plan(number=5, title="Plan 5 del equipo de planes", start_year=2026)
    _load(runner)
    with app.app_context():
        [plan] = db.session.scalars(sa.select(ActionPlan).where(ActionPlan.number == 5)).all()
        assert plan.title == "Plan 5 del equipo de planes"
        assert len(plan.axes) == 5
        round_ = db.session.scalar(
            sa.select(ConsultationRound).where(ConsultationRound.title == data.ROUND_TITLE))
        assert round_.plan_id == plan.id


def test_the_demo_pages_render(app, runner, client):
    _load(runner)
    with app.app_context():
        proposal_id = db.session.scalar(sa.select(Proposal.id).order_by(Proposal.id))
    page = client.get(f"/propuestas/{proposal_id}").get_data(as_text=True)
    assert "Comisión Presidencial de Transparencia y Gobierno Electrónico" in page
    assert "1. Realizar un pacto de transparencia" in page


def test_the_data_module_is_consistent():
    titles = [item.title for item in data.PROPOSALS]
    assert len(titles) == len(set(titles)) == 25
    assert sorted(item.number for item in data.PROPOSALS) == [
        n for n in range(1, 27) if n != 23]
    organizations = {o.name for o in ORGANIZATIONS}
    for author in data.AUTHORS:
        assert author.organization is None or author.organization in organizations
        assert author.email.endswith("@participa.example")
    for item in data.PROPOSALS:
        assert 0 <= item.author < len(data.AUTHORS)
        if item.speaks_for_organization:
            assert data.AUTHORS[item.author].organization, item.number
        assert item.axis in data.AXES
        assert item.values and all(OgpValue(value) for value in item.values)
        assert len(item.title) <= TITLE_MAX
        assert 0 < len(item.problem) <= TEXT_MAX
        assert 0 < len(item.objective) <= TEXT_MAX
        assert 0 < len(data.benefit(item)) <= TEXT_MAX
        assert 0 < len(item.institution) <= INSTITUTION_MAX
    assert {item.axis for item in data.PROPOSALS} == set(data.AXES)
    assert {a.sector for a in data.AUTHORS} >= {"ciudadania", "sociedad_civil", "academia",
                                                 "sector_privado", "institucion_publica"}
    for index, item in enumerate(data.PROPOSALS):
        chosen = data.supporters(index, item.author, len(data.AUTHORS))
        assert item.author not in chosen and len(chosen) == len(set(chosen))
