"""Guatemala's territory as shipped data, and where a person says she lives."""

from __future__ import annotations

import json

import pytest

from participa import territory
from participa.accounts.models import User
from participa.base.errors import Invalid
from participa.base.extensions import db
from tests.accounts.test_profile import person, signed_in  # noqa: F401 - fixtures


def test_the_list_has_22_departments_and_340_municipalities_with_its_source():
    data = territory.territory()
    assert len(data.departments) == 22
    assert len(data.municipalities) == 340
    assert "Instituto Nacional de Estadística" in data.source
    counts = {d.name: len(d.municipalities) for d in data.departments}
    assert counts["Totonicapán"] == 8
    assert counts["Huehuetenango"] == 33
    assert counts["San Marcos"] == 30
    assert counts["Guatemala"] == 17
    assert counts["Izabal"] == 5


def test_codes_are_unique_and_start_with_their_department():
    data = territory.territory()
    codes = [m.code for m in data.municipalities]
    assert len(set(codes)) == len(codes)
    for department in data.departments:
        assert len(department.code) == territory.DEPARTMENT_CODE_LENGTH
        for municipality in department.municipalities:
            assert municipality.code[:2] == department.code
            assert len(municipality.code) == territory.MUNICIPALITY_CODE_LENGTH
    assert [d.code for d in data.departments] == [f"{n:02d}" for n in range(1, 23)]


def test_the_data_file_is_valid_json_with_no_duplicate_names_in_a_department():
    raw = json.loads(territory.DATA.read_text(encoding="utf-8"))
    for department in raw["departments"]:
        names = [m["name"] for m in department["municipalities"]]
        assert len(set(names)) == len(names), department["name"]


def test_place_names():
    assert territory.place_name("08", "0805") == "Momostenango, Totonicapán"
    assert territory.place_name("08", None) == "Totonicapán"
    assert territory.place_name(None, None) == ""


@pytest.mark.parametrize(("department", "municipality", "expected"), [
    ("08", "0801", ("08", "0801")),
    ("08", "", ("08", None)),
    ("", "", (None, None)),
])
def test_checked_place_accepts(app, department, municipality, expected):
    with app.test_request_context():
        assert territory.checked_place(department, municipality) == expected


@pytest.mark.parametrize(("department", "municipality", "field"), [
    ("08", "1301", "municipality_code"),  # Huehuetenango's, not Totonicapán's
    ("23", None, "department_code"),
    ("", "0801", "department_code"),
    ("08", "9999", "municipality_code"),
])
def test_checked_place_refuses_on_the_field(app, department, municipality, field):
    with app.test_request_context(), pytest.raises(Invalid) as refused:
        territory.checked_place(department, municipality)
    assert refused.value.field == field


def test_a_person_saves_her_department_and_municipality(app, signed_in, person):  # noqa: F811
    page = signed_in.get("/cuenta/").get_data(as_text=True)
    assert 'label="Totonicapán"' in page  # the municipalities grouped by department
    response = signed_in.post("/cuenta/", data={
        "name": "Ana", "preferred_language": "es",
        "department_code": "08", "municipality_code": "0805",
    })
    assert response.status_code == 302
    with app.app_context():
        user = db.session.get(User, person)
        assert (user.department_code, user.municipality_code) == ("08", "0805")


def test_a_municipality_of_another_department_is_refused_keeping_what_was_typed(
        app, signed_in, person):  # noqa: F811
    response = signed_in.post("/cuenta/", data={
        "name": "Ana Nueva", "preferred_language": "es",
        "department_code": "08", "municipality_code": "1301",
    })
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "no es del departamento elegido" in page
    assert 'value="Ana Nueva"' in page
    with app.app_context():
        assert db.session.get(User, person).municipality_code is None


def test_an_unknown_code_is_a_422_not_a_500(signed_in):  # noqa: F811
    response = signed_in.post("/cuenta/", data={
        "name": "Ana", "preferred_language": "es", "department_code": "<b>x",
    })
    assert response.status_code == 422
