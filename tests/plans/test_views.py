"""The public pages: all plans, one plan with its commitments grouped, one commitment."""

from __future__ import annotations

import re
from html import unescape

import pytest

from participa.plans.models import CommitmentStatus, PlanStatus

from ..factories import make_axis, make_commitment, make_plan
from ..pages import main_of
from .test_import import AXES  # the third plan's axes in the shipped OGP record


def _text(response) -> str:
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _headings(html: str, level: int) -> list[str]:
    return [unescape(re.sub(r"<[^>]+>", "", h)).strip()
            for h in re.findall(rf"<h{level}[^>]*>(.*?)</h{level}>", html, re.S)]


def _rows(html: str) -> list[list[str]]:
    """The body rows of every table, cells as text."""
    rows = []
    for body in re.findall(r"<tbody>(.*?)</tbody>", html, re.S):
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
            cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
            rows.append([unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in cells])
    return rows


# All plans ------------------------------------------------------------------------------------


def test_index_lists_every_plan(record, client):
    html = _text(client.get("/planes/"))
    assert _headings(html, 1) == ["Planes de Acción Nacional de Gobierno Abierto"]
    assert _rows(html) == [
        [str(n), f"{y}-{y + 2}", f"Plan de Acción Nacional de Gobierno Abierto {y}-{y + 2}",
         "Finalizado", str(count)]
        for n, y, count in ((1, 2012, 14), (2, 2014, 48), (3, 2016, 22), (4, 2018, 24))
    ]
    for plan_id in record.plans.values():
        assert f'href="/planes/{plan_id}"' in html
    assert '<th scope="col">' in html and '<th scope="row">' in html
    assert 'href="/api/v1/commitments.csv"' in html


def test_index_without_plans(app, client):
    html = _text(client.get("/planes/"))
    assert "Todavía no hay planes registrados." in html
    assert "<table" not in main_of(html)


def test_main_menu_links_to_plans(app, client):
    html = _text(client.get("/"))
    assert '<a href="/planes/">Planes</a>' in html
    assert '<a href="/planes/" aria-current="page">Planes</a>' in _text(client.get("/planes/"))


def test_index_counts_only_published_commitments(app, client):
    with app.app_context():
        plan = make_plan(number=5, status=PlanStatus.IN_CONSULTATION)
        make_commitment(plan)
        make_commitment(plan, status=CommitmentStatus.DRAFT)
    assert _rows(_text(client.get("/planes/"))) == [
        ["5", "2020-2022", "Plan de Acción Nacional de Gobierno Abierto 2020-2022",
         "En consulta", "1"],
    ]


# One plan -------------------------------------------------------------------------------------


def test_plan_with_axes_groups_commitments_by_axis(record, client):
    html = _text(client.get(f"/planes/{record.plans[3]}"))
    assert _headings(html, 1) == ["Plan de Acción Nacional de Gobierno Abierto 2016-2018"]
    assert _headings(html, 2) == AXES
    assert "Sin eje temático" not in html
    rows = _rows(html)
    assert len(rows) == 22
    assert rows[0] == [
        "GT0063", "1",
        "Capacitación del acceso público a la información y los archivos institucionales",
        "acceso a la información", "Inactivo",
    ]
    assert [r[0] for r in rows] == [f"GT{n:04d}" for n in range(63, 85)]
    # Each table is named by its heading.
    for key in re.findall(r'<h2 id="([^"]+)"', html):
        assert f'<table aria-labelledby="{key}">' in html
    assert f'href="/planes/compromisos/{record.codes["GT0063"]}"' in html
    assert f'href="/api/v1/commitments.csv?plan={record.plans[3]}"' in html


def test_plan_without_axes_groups_commitments_by_policy_area(record, client):
    html = _text(client.get(f"/planes/{record.plans[1]}"))
    assert _headings(html, 2) == [
        "anticorrupción", "desarrollo de capacidades", "E-Government", "Género",
        "infraestructura y transporte", "Legislación y Regulación",
    ]
    rows = _rows(html)
    assert len(rows) == 14
    assert [r[0] for r in rows[:5]] == ["GT0008", "GT0009", "GT0010", "GT0011", "GT0014"]
    html = _text(client.get(f"/planes/{record.plans[4]}"))
    gt0099 = next(r for r in _rows(html) if r[0] == "GT0099")
    assert gt0099 == [
        "GT0099", "15",
        "Creación e implementación de una estrategia integral sobre transparencia, gobierno "
        "abierto y anticorrupción.",
        "gobernanza regulatoria", "Activo",
    ]


def test_commitments_without_axis_come_last_under_their_heading(app, client):
    with app.app_context():
        plan = make_plan()
        second = make_axis(plan, name="Segundo eje", position=2)
        first = make_axis(plan, name="Primer eje", position=1)
        make_axis(plan, name="Eje vacío", position=3)
        make_commitment(plan, title="Sin eje A", policy_area="Salud")
        make_commitment(plan, title="Del segundo", axis=second)
        make_commitment(plan, title="Del primero", axis=first)
        make_commitment(plan, title="Sin eje B")
        plan_id = plan.id
    html = _text(client.get(f"/planes/{plan_id}"))
    assert _headings(html, 2) == ["Primer eje", "Segundo eje", "Eje vacío", "Sin eje temático"]
    assert "Ningún compromiso en este eje." in html
    assert [r[2] for r in _rows(html)] == ["Del primero", "Del segundo", "Sin eje A", "Sin eje B"]
    assert [r[0] for r in _rows(html)] == ["—"] * 4  # no OGP code yet


def test_commitments_without_policy_area_come_last(app, client):
    with app.app_context():
        plan = make_plan()
        make_commitment(plan, title="Uno", policy_area="salud")
        make_commitment(plan, title="Dos")
        make_commitment(plan, title="Tres", policy_area="Ayuda")
        plan_id = plan.id
    html = _text(client.get(f"/planes/{plan_id}"))
    assert _headings(html, 2) == ["Ayuda", "salud", "Sin área de política"]
    assert [r[2] for r in _rows(html)] == ["Tres", "Uno", "Dos"]


def test_plan_without_commitments(app, client):
    with app.app_context():
        plan_id = make_plan(status=PlanStatus.IN_PREPARATION).id
    html = _text(client.get(f"/planes/{plan_id}"))
    assert "Este plan todavía no tiene compromisos publicados." in html
    assert "En preparación" in html
    assert "<table" not in main_of(html)


def test_drafts_are_not_listed_but_their_page_is_public(app, client):
    """Drafts are not part of the plan's record, but citizens read and comment on them."""
    with app.app_context():
        plan = make_plan()
        make_commitment(plan, title="Publicado")
        draft = make_commitment(plan, title="Borrador en discusión", status=CommitmentStatus.DRAFT)
        plan_id, draft_id = plan.id, draft.id
    html = _text(client.get(f"/planes/{plan_id}"))
    assert "Publicado" in html and "Borrador en discusión" not in html
    assert "Borrador en discusión" in _text(client.get(f"/planes/compromisos/{draft_id}"))


# One commitment -------------------------------------------------------------------------------


def test_commitment_page(record, client):
    html = _text(client.get(f"/planes/compromisos/{record.codes['GT0099']}"))
    assert _headings(html, 1) == [
        "Creación e implementación de una estrategia integral sobre transparencia, gobierno "
        "abierto y anticorrupción."
    ]
    # The commitment's facts (the IRM's fields follow, in their own section: test_irm.py).
    head = html.split('<section class="irm"')[0]
    facts = dict(zip(
        [unescape(t) for t in re.findall(r"<dt>(.*?)</dt>", head)],
        [unescape(re.sub(r"<[^>]+>", "", d)) for d in re.findall(r"<dd>(.*?)</dd>", head)],
        strict=True,
    ))
    assert facts == {
        "Código OGP": "GT0099",
        "Plan": "Plan de Acción Nacional de Gobierno Abierto 2018-2020",
        "Número en el plan": "15",
        "Área de política": "gobernanza regulatoria",
        "Eje temático": "Sin eje temático",
        "Institución responsable": "Comisión de Gestión Pública Abierta y Transparencia / MTGA",
        "Estado": "Activo",
    }
    assert f'<a href="/planes/{record.plans[4]}">' in html


def test_commitment_page_shows_its_axis(record, client):
    html = _text(client.get(f"/planes/compromisos/{record.codes['GT0082']}"))
    assert "<dt>Eje temático</dt><dd>Transparencia fiscal</dd>" in html
    assert "<dt>Institución responsable</dt><dd>No consta</dd>" in html
    assert "<dt>Estado</dt><dd>Inactivo</dd>" in html


@pytest.mark.parametrize(
    "url", ["/planes/999", "/planes/compromisos/999", "/planes/abc", "/planes/compromisos/x",
            "/planes/0", "/planes/-1"],
)
def test_unknown_pages_are_404(app, client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Página no encontrada" in response.get_data(as_text=True)


def test_text_is_escaped(app, client):
    evil = '<script>alert("x")</script>'
    with app.app_context():
        plan = make_plan(title=f"Plan {evil}")
        axis = make_axis(plan, name=f"Eje {evil}")
        commitment = make_commitment(plan, title=f"Título {evil}", policy_area=f"Área {evil}",
                                     axis=axis, lead_institution=f"Institución {evil}")
        plan_id, commitment_id = plan.id, commitment.id
    for url in ("/planes/", f"/planes/{plan_id}", f"/planes/compromisos/{commitment_id}"):
        html = _text(client.get(url))
        assert "<script>" not in html
        assert "&lt;script&gt;" in html


def test_pages_work_without_javascript_and_stay_light(record, client):
    for url in ("/planes/", f"/planes/{record.plans[2]}",
                f"/planes/compromisos/{record.codes['GT0001']}"):
        html = _text(client.get(url))
        assert "<script" not in html and "style=" not in html
    # The largest plan (48 commitments) stays well under the 30 KB of the home page budget.
    assert len(client.get(f"/planes/{record.plans[2]}").data) < 30_000
