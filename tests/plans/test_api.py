"""Open data: /api/v1/plans, /api/v1/commitments and /api/v1/commitments.csv."""

from __future__ import annotations

import csv
import io

import pytest

from participa.plans.api import COMMITMENT_FIELDS, PLAN_FIELDS
from participa.plans.models import CommitmentStatus, PlanStatus

from ..factories import make_axis, make_commitment, make_plan, make_user

GT0099 = {
    "ogp_code": "GT0099",
    "number": 15,
    "title": "Creación e implementación de una estrategia integral sobre transparencia, "
             "gobierno abierto y anticorrupción.",
    "year": 2018,
    "policy_area": "gobernanza regulatoria",
    "axis": None,
    "lead_institution": "Comisión de Gestión Pública Abierta y Transparencia / MTGA",
    "status": "activo",
    # OGP's page of GT0099 (seed 001): "Revisión pendiente de IRM" in every field.
    "irm_report_url": None, "irm_starred": None, "irm_early_results": None,
    "irm_verifiable": None, "irm_relevance": None, "irm_potential_impact": None,
    "irm_completion": None, "irm_source_url": None, "irm_recorded_at": None,
}


def _json(response, status=200):
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    return response.get_json()


def _csv(response) -> list[dict[str, str]]:
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "text/csv"
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")  # spreadsheets read it as UTF-8
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


# Plans ----------------------------------------------------------------------------------------


def test_plans(record, client):
    body = _json(client.get("/api/v1/plans"))
    assert set(body) == {"data", "meta", "links"}
    assert body["meta"] == {"page": 1, "per_page": 50, "total": 4, "pages": 1}
    assert body["links"] == {"self": "/api/v1/plans?per_page=50&page=1", "next": None,
                             "prev": None}
    assert body["data"][2] == {
        "id": record.plans[3],
        "number": 3,
        "title": "Plan de Acción Nacional de Gobierno Abierto 2016-2018",
        "period": "2016-2018",
        "start_year": 2016,
        "end_year": 2018,
        "status": "finalizado",
        "commitment_count": 22,
    }
    assert [p["number"] for p in body["data"]] == [1, 2, 3, 4]
    assert all(tuple(sorted(p)) == tuple(sorted(PLAN_FIELDS)) for p in body["data"])


def test_plans_pagination(record, client):
    first = _json(client.get("/api/v1/plans?per_page=3"))
    assert first["meta"] == {"page": 1, "per_page": 3, "total": 4, "pages": 2}
    assert first["links"]["next"] == "/api/v1/plans?per_page=3&page=2"
    assert first["links"]["prev"] is None
    second = _json(client.get(first["links"]["next"]))
    assert [p["number"] for p in second["data"]] == [4]
    assert second["links"]["prev"] == "/api/v1/plans?per_page=3&page=1"
    assert second["links"]["next"] is None
    beyond = _json(client.get("/api/v1/plans?page=9"))
    assert beyond["data"] == [] and beyond["meta"]["total"] == 4


def test_plan_counts_leave_drafts_out(app, client):
    with app.app_context():
        plan = make_plan(status=PlanStatus.IN_CONSULTATION)
        make_commitment(plan)
        make_commitment(plan, status=CommitmentStatus.DRAFT)
        empty = make_plan()
        plan_id, empty_id = plan.id, empty.id
    data = _json(client.get("/api/v1/plans"))["data"]
    assert {p["id"]: p["commitment_count"] for p in data} == {plan_id: 1, empty_id: 0}
    assert data[0]["status"] == "en_consulta"


# Commitments ----------------------------------------------------------------------------------


def test_commitments_page_shape_and_links(record, client):
    body = _json(client.get("/api/v1/commitments"))
    assert body["meta"] == {"page": 1, "per_page": 50, "total": 108, "pages": 3}
    assert [c["ogp_code"] for c in body["data"]] == [f"GT{n:04d}" for n in range(1, 51)]
    assert body["links"]["next"] == "/api/v1/commitments?per_page=50&page=2"
    last = _json(client.get("/api/v1/commitments?page=3"))
    assert [c["ogp_code"] for c in last["data"]] == [f"GT{n:04d}" for n in range(101, 109)]
    assert last["links"]["next"] is None
    assert last["links"]["prev"] == "/api/v1/commitments?page=2&per_page=50"
    middle = _json(client.get(last["links"]["prev"]))
    gt0099 = next(c for c in middle["data"] if c["ogp_code"] == "GT0099")
    assert gt0099 == {**GT0099, "id": record.codes["GT0099"], "plan_id": record.plans[4]}
    assert all(tuple(sorted(c)) == tuple(sorted(COMMITMENT_FIELDS)) for c in middle["data"])


def test_links_keep_the_filters(record, client):
    body = _json(client.get("/api/v1/commitments?year=2014&per_page=20&policy_area=E-Government"))
    assert body["meta"]["total"] == 11
    assert body["links"]["self"] == (
        "/api/v1/commitments?year=2014&per_page=20&policy_area=E-Government&page=1"
    )
    body = _json(client.get("/api/v1/commitments?year=2014&per_page=5"))
    assert body["links"]["next"] == "/api/v1/commitments?year=2014&per_page=5&page=2"


@pytest.mark.parametrize(
    "query, total",
    [
        ("year=2012", 14),
        ("year=2014", 48),
        ("year=2016", 22),
        ("year=2018", 24),
        ("year=2020", 0),
        ("policy_area=Salud", 3),
        ("policy_area=salud", 3),
        ("policy_area=SALUD", 3),
        ("policy_area=ACCESO+A+LA+INFORMACI%C3%93N", 24),  # non-ASCII capitals too
        ("policy_area=acceso+a+la+informacion", 0),  # exact: accents count
        ("policy_area=Salud+", 0),
        ("policy_area=Otra+cosa", 0),
        ("policy_area=e-government&year=2018", 5),
        ("year=2016&policy_area=acceso+a+la+informaci%C3%B3n", 7),
        ("policy_area=EDUCACI%C3%93N", 1),
    ],
)
def test_commitment_filters(record, client, query, total):
    body = _json(client.get(f"/api/v1/commitments?per_page=500&{query}"))
    assert body["meta"]["total"] == total == len(body["data"])
    rows = _csv(client.get(f"/api/v1/commitments.csv?{query}"))
    assert [r["ogp_code"] for r in rows] == [c["ogp_code"] for c in body["data"]]


def test_plan_filter(record, client):
    for number, total in ((1, 14), (2, 48), (3, 22), (4, 24)):
        plan_id = record.plans[number]
        body = _json(client.get(f"/api/v1/commitments?plan={plan_id}&per_page=500"))
        assert body["meta"]["total"] == total
        assert {c["plan_id"] for c in body["data"]} == {plan_id}
    assert _json(client.get("/api/v1/commitments?plan=999"))["data"] == []
    body = _json(client.get(f"/api/v1/commitments?plan={record.plans[3]}&year=2016"))
    assert body["meta"]["total"] == 22
    body = _json(client.get(f"/api/v1/commitments?plan={record.plans[3]}&year=2018"))
    assert body["meta"]["total"] == 0


def test_axes_are_named(record, client):
    data = _json(client.get(f"/api/v1/commitments?plan={record.plans[3]}"))["data"]
    assert [c["axis"] for c in data[:5]] == [
        "Acceso a la información pública y archivos institucionales"] * 4 + [
        "Innovación tecnológica"]
    assert data[-1]["axis"] == "Transparencia fiscal"


def test_order_is_stable_codeless_commitments_last(app, client):
    with app.app_context():
        plan = make_plan()
        axis = make_axis(plan, name="Eje")
        later = make_commitment(plan, title="Sin código 1", axis=axis)
        coded_b = make_commitment(plan, ogp_code="GT0200")
        earlier = make_commitment(plan, title="Sin código 2")
        coded_a = make_commitment(plan, ogp_code="GT0150")
        expected = [coded_a.id, coded_b.id, later.id, earlier.id]
    for _ in range(2):
        data = _json(client.get("/api/v1/commitments"))["data"]
        assert [c["id"] for c in data] == expected
        rows = _csv(client.get("/api/v1/commitments.csv"))
        assert [int(r["id"]) for r in rows] == expected
    pages = [_json(client.get(f"/api/v1/commitments?per_page=1&page={n}"))["data"][0]["id"]
             for n in range(1, 5)]
    assert pages == expected


def test_drafts_are_not_published(app, client):
    with app.app_context():
        plan = make_plan()
        make_commitment(plan, title="Publicado")
        make_commitment(plan, title="Borrador", status=CommitmentStatus.DRAFT)
    body = _json(client.get("/api/v1/commitments"))
    assert [c["title"] for c in body["data"]] == ["Publicado"]
    assert body["meta"]["total"] == 1
    text = client.get("/api/v1/commitments.csv").get_data(as_text=True)
    assert "Publicado" in text and "Borrador" not in text


# CSV ------------------------------------------------------------------------------------------


def test_csv_has_every_matching_row(record, client):
    response = client.get("/api/v1/commitments.csv")
    assert response.headers["Content-Disposition"] == 'attachment; filename="compromisos.csv"'
    text = response.get_data(as_text=True)
    assert text.splitlines()[0] == "\ufeff" + ",".join(COMMITMENT_FIELDS)
    rows = _csv(response)
    assert len(rows) == 108  # not paginated
    gt0099 = next(r for r in rows if r["ogp_code"] == "GT0099")
    assert gt0099 == {
        **{k: str(v) if v is not None else "" for k, v in GT0099.items()},
        "id": str(record.codes["GT0099"]),
        "plan_id": str(record.plans[4]),
    }
    gt0063 = next(r for r in rows if r["ogp_code"] == "GT0063")
    assert gt0063["axis"] == "Acceso a la información pública y archivos institucionales"
    assert len(_csv(client.get(f"/api/v1/commitments.csv?plan={record.plans[2]}"))) == 48


def test_csv_cells_that_look_like_formulas_stay_text(app, client):
    with app.app_context():
        plan = make_plan()
        make_commitment(plan, title='=HYPERLINK("http://example.org")', policy_area="-salud")
    [row] = _csv(client.get("/api/v1/commitments.csv"))
    assert row["title"] == '\'=HYPERLINK("http://example.org")'
    assert row["policy_area"] == "'-salud"


# Invalid requests -----------------------------------------------------------------------------

INVALID = [
    ("year=abc", "year"),
    ("year=20144", "year"),
    ("year=-2014", "year"),
    ("year=", "year"),
    ("year=2_014", "year"),
    ("year=%D9%A2%D9%A0%D9%A1%D9%A4", "year"),  # Arabic-Indic digits
    ("plan=-1", "plan"),
    ("plan=0", "plan"),
    ("plan=abc", "plan"),
    ("plan=1.5", "plan"),
    ("plan=99999999999", "plan"),  # beyond PostgreSQL's INTEGER
    ("policy_area=", "policy_area"),
    ("policy_area=" + "a" * 121, "policy_area"),
    ("year=2014&year=2016", "year"),
    ("sort=title", "sort"),
    ("anio=2014", "anio"),
]
PAGING_INVALID = [
    ("per_page=0", "per_page"),
    ("per_page=501", "per_page"),
    ("per_page=abc", "per_page"),
    ("page=0", "page"),
    ("page=-1", "page"),
    ("page=abc", "page"),
    ("page=99999999999999999999", "page"),  # an OFFSET beyond BIGINT
]


@pytest.mark.parametrize("query, parameter", INVALID + PAGING_INVALID)
def test_invalid_parameters_are_400_json(record, client, query, parameter):
    # Whatever the client accepts: a browser asking for HTML gets JSON here too.
    response = client.get(f"/api/v1/commitments?{query}", headers={"Accept": "text/html"})
    body = _json(response, 400)
    assert body["error"] == 400 and body["parameter"] == parameter
    assert body["title"] == "Solicitud no válida"
    assert f"«{parameter}»" in body["message"]


@pytest.mark.parametrize("query, parameter", INVALID + [("page=2", "page"),
                                                        ("per_page=10", "per_page")])
def test_invalid_csv_parameters_are_400_json(record, client, query, parameter):
    body = _json(client.get(f"/api/v1/commitments.csv?{query}"), 400)
    assert body["parameter"] == parameter


@pytest.mark.parametrize("query", ["year=2014", "plan=1", "per_page=0", "page=x"])
def test_plans_take_no_filters(app, client, query):
    body = _json(client.get(f"/api/v1/plans?{query}"), 400)
    assert body["parameter"] == query.split("=")[0]


def test_a_reflected_parameter_name_is_never_html(app, client):
    response = client.get("/api/v1/commitments?%3Cscript%3E=1", headers={"Accept": "text/html"})
    body = _json(response, 400)
    assert "parameter" not in body and "script" not in response.get_data(as_text=True)
    assert body["message"] == ("No pudimos entender lo que envió. Vuelva a la página anterior "
                               "e inténtelo de nuevo.")
    assert response.headers["X-Content-Type-Options"] == "nosniff"


# No personal data -----------------------------------------------------------------------------


def test_no_personal_data(record, app, client):
    with app.app_context():
        make_user(name="Persona Privada", email_address="privada@example.org", is_admin=True)
    responses = [
        client.get("/api/v1/plans?per_page=500"),
        client.get("/api/v1/commitments?per_page=500"),
        client.get("/api/v1/commitments.csv"),
    ]
    for response in responses:
        text = response.get_data(as_text=True)
        assert response.status_code == 200
        assert "Persona Privada" not in text and "privada@example.org" not in text
        assert "@" not in text and "created_at" not in text
    for item in responses[0].get_json()["data"]:
        assert set(item) == set(PLAN_FIELDS)
    for item in responses[1].get_json()["data"]:
        assert set(item) == set(COMMITMENT_FIELDS)
