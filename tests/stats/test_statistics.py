"""Statistics people can see: the figures, the small-count rule by department, the SVG's
accessibility, the CSV, and a fixed number of statements whatever the data."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta
from html import unescape

import pytest

from participa.accounts.models import Sector
from participa.base.extensions import db
from participa.base.time import local_zone, utcnow
from participa.workshops.models import Workshop, WorkshopParticipants

from ..factories import make_open_round, make_proposal, make_user
from ..querycount import count_queries


def _world(app, *, people: int = 6, totonicapan: int = 5, huehue: int = 2) -> dict:
    """A round with online proposals from people in Totonicapán (``totonicapan``) and
    Huehuetenango (``huehue``, below the threshold), and two from a workshop."""
    with app.app_context():
        round_ = make_open_round()
        made = 0
        for n in range(totonicapan):
            author = make_user(sector=Sector.SOCIEDAD_CIVIL)
            author.department_code = "08"
            made += 1
            proposal = make_proposal(round_, author, created_at=utcnow() - timedelta(days=n))
            proposal.language = "es"
        for _n in range(huehue):
            author = make_user()
            author.department_code = "13"
            make_proposal(round_, author).language = "quc"
        for _n in range(max(people - totonicapan - huehue, 0)):
            make_proposal(round_)
        staff = make_user(is_moderator=True)
        workshop = Workshop(round=round_, title="Taller", department_code="08",
                            municipality_code="0801", place="Escuela", languages="es quc",
                            held_on=utcnow().astimezone(local_zone()).date(),
                            participants=[WorkshopParticipants(sector=Sector.CIUDADANIA,
                                                               total=9)])
        db.session.add(workshop)
        db.session.flush()
        for _n in range(2):
            proposal = make_proposal(round_, staff)
            proposal.workshop_id = workshop.id
            proposal.workshop_sector = Sector.ACADEMIA
        db.session.commit()
        return {"round": round_.id, "plan": round_.plan_id}


def _section(page: str, key: str) -> str:
    return re.search(rf'<section id="grafico-{key}".*?</section>', page, re.S).group(0)


def _table(page: str, key: str) -> dict[str, str]:
    body = re.search(r"<tbody>(.*?)</tbody>", _section(page, key), re.S).group(1)
    return {unescape(th): unescape(td) for th, td in re.findall(
        r'<tr><th scope="row">(.*?)</th><td class="number">(.*?)</td></tr>', body)}


def test_the_round_statistics_count_by_every_dimension(app, client):
    ids = _world(app)
    response = client.get(f"/consultas/{ids['round']}/estadisticas")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert _table(page, "origen") == {"En línea": "7", "En talleres presenciales": "2"}
    sectors = _table(page, "sector")
    assert sectors["Sociedad civil"] == "5"
    assert sectors["Academia"] == "2"  # as written at the workshop, not the staff's sector
    departments = _table(page, "departamento")
    assert departments["Totonicapán"] == "7"  # five online and two from the workshop
    assert "Huehuetenango" not in departments  # two: below the threshold
    assert departments["Otros departamentos (menos de 5 propuestas cada uno)"] == "2"
    languages = _table(page, "idioma")
    # Every proposal says its language since issue 18 ('es' unless chosen): the five online
    # ones and the workshop's two are Spanish, the two from Huehuetenango K'iche'.
    assert languages["Español"] == "7"
    funnel = _table(page, "participacion")
    assert funnel["Enviaron una propuesta en línea"] == "7"


def test_each_chart_is_an_accessible_svg_with_its_table(app, client):
    ids = _world(app)
    page = client.get(f"/consultas/{ids['round']}/estadisticas").get_data(as_text=True)
    sections = re.findall(r'<section id="grafico-([a-z]+)"', page)
    assert len(sections) == 9
    drawn = 0
    for key in sections:
        section = _section(page, key)
        if "<svg" not in section:
            continue
        drawn += 1
        svg = re.search(r"<svg[^>]*>", section).group(0)
        assert 'role="img"' in svg
        title_id, desc_id = re.search(r'aria-labelledby="([^"]+)"', svg).group(1).split()
        assert re.search(rf'<title id="{title_id}">[^<]+</title>', section)
        assert re.search(rf'<desc id="{desc_id}">[^<]+</desc>', section)
        assert "<table>" in section and ".csv" in section
    assert drawn >= 8
    assert "<script" not in re.search(r"<main.*</main>", page, re.S).group(0)


def test_each_chart_downloads_as_csv(app, client):
    ids = _world(app)
    response = client.get(f"/consultas/{ids['round']}/estadisticas/departamento.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert {"category": "Totonicapán", "count": "7", "note": ""} in rows
    assert not any(row["category"] == "Huehuetenango" for row in rows)
    assert client.get(f"/consultas/{ids['round']}/estadisticas/nada.csv").status_code == 404
    plan_csv = client.get(f"/planes/{ids['plan']}/estadisticas/origen.csv")
    assert "En talleres presenciales" in plan_csv.get_data(as_text=True)


def test_the_plan_statistics_gather_its_rounds(app, client):
    ids = _world(app)
    page = client.get(f"/planes/{ids['plan']}/estadisticas").get_data(as_text=True)
    assert _table(page, "origen")["En talleres presenciales"] == "2"


def test_names_typed_by_people_are_escaped_in_the_svg(app, client):
    from participa.plans.models import ActionPlan
    from participa.proposals.models import Proposal

    from ..factories import make_axis

    ids = _world(app)
    with app.app_context():
        axis = make_axis(db.session.get(ActionPlan, ids["plan"]),
                         name='<script>alert(1)</script> & "eje"')
        for proposal in db.session.scalars(db.select(Proposal)):
            proposal.axis_id = axis.id
        db.session.commit()
    page = client.get(f"/consultas/{ids['round']}/estadisticas").get_data(as_text=True)
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.parametrize("path", ["/consultas/{round}/estadisticas", "/planes/{plan}/estadisticas"])
def test_the_statement_count_does_not_grow_with_the_data(app, client, path):
    small = _world(app, people=6)
    with count_queries(app) as few:
        assert client.get(path.format(**small)).status_code == 200
    large = _world(app, people=60, totonicapan=20, huehue=10)
    with count_queries(app) as many:
        assert client.get(path.format(**large)).status_code == 200
    assert len(few) == len(many), many
    assert len(many) <= 16, many


def test_the_plan_statistics_show_implementation_progress_by_axis(app, client):
    """Item 4: where tracking exists, the plan's page charts the share of milestones complete
    by axis (tracking's roll-up: withdrawn milestones left out), with its table and CSV; a
    round's page and a plan without tracking have no such chart."""
    from participa.plans.models import PlanStatus
    from participa.tracking.models import (
        CompletionStatus,
        MilestoneStatus,
        ProgressUpdate,
        UpdateState,
    )

    from ..factories import make_axis, make_organization, make_plan
    from ..tracking.tracked import published_commitment

    ids = _world(app)
    with app.app_context():
        plan = make_plan(status=PlanStatus.IN_IMPLEMENTATION)
        fiscal = make_axis(plan, name="Transparencia fiscal", position=1)
        access = make_axis(plan, name="Acceso a la información", position=2)
        make_axis(plan, name="Eje sin compromisos", position=3)
        first = published_commitment(plan, axis=fiscal, count=4)
        published_commitment(plan, axis=fiscal, count=2)
        third = published_commitment(plan, axis=access, count=2)
        reporter, institution = make_user(), make_organization(name="Institución")
        for commitment, number, status in (
                (first, 1, CompletionStatus.COMPLETE), (first, 2, CompletionStatus.COMPLETE),
                (first, 3, CompletionStatus.WITHDRAWN), (first, 4, CompletionStatus.LIMITED),
                (third, 1, CompletionStatus.COMPLETE)):
            update = ProgressUpdate(
                commitment_id=commitment.id, milestone_number=number, status=status,
                body="avance", state=UpdateState.PUBLISHED, author_id=reporter.id,
                organization_id=institution.id, published_at=utcnow())
            db.session.add(update)
            db.session.flush()
            db.session.add(MilestoneStatus(commitment_id=commitment.id,
                                           milestone_number=number, status=status,
                                           update_id=update.id,
                                           withdrawn_reason="Ya no aplica."
                                           if status == CompletionStatus.WITHDRAWN else ""))
        db.session.commit()
        plan_id = plan.id
    page = client.get(f"/planes/{plan_id}/estadisticas").get_data(as_text=True)
    section = _section(page, "avance")
    assert '<svg class="chart" role="img"' in section and "<title id=" in section
    table = _table(page, "avance")
    # Fiscal: 2 complete of 5 countable (6 milestones, 1 withdrawn) = 40 %; access: 1 of 2.
    assert table == {
        'Transparencia fiscal <span class="hint">(2 de 5 hitos completos; 1 retirado)</span>':
            "40 %",
        'Acceso a la información <span class="hint">(1 de 2 hitos completos)</span>': "50 %",
    }
    assert "Eje sin compromisos" not in section
    answer = client.get(f"/planes/{plan_id}/estadisticas/avance.csv")
    rows = list(csv.DictReader(io.StringIO(answer.get_data(as_text=True).lstrip("\ufeff"))))
    assert [(r["category"], r["count"], r["note"]) for r in rows] == [
        ("Transparencia fiscal", "40", "2 de 5 hitos completos; 1 retirado"),
        ("Acceso a la información", "50", "1 de 2 hitos completos")]
    round_page = client.get(f"/consultas/{ids['round']}/estadisticas").get_data(as_text=True)
    assert 'id="grafico-avance"' not in round_page
    assert client.get(f"/consultas/{ids['round']}/estadisticas/avance.csv").status_code == 404
    untracked = client.get(f"/planes/{ids['plan']}/estadisticas").get_data(as_text=True)
    assert 'id="grafico-avance"' not in untracked
