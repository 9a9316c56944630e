"""The shipped territory checked against its sources (issue 19, item 6): the 22 departments
in the INE's order with its two-digit codes, each department's number of municipalities, the
municipalities numbered 01..N within their department with no gap, and the six created by
the Congress since 2014 with the codes the INE gave them. What was compared with what is in
docs/decisions.md (issue 19, territory)."""

from __future__ import annotations

from participa import territory

# The INE's codes and names of the departments, in its order.
DEPARTMENTS = (
    ("01", "Guatemala"), ("02", "El Progreso"), ("03", "Sacatepéquez"),
    ("04", "Chimaltenango"), ("05", "Escuintla"), ("06", "Santa Rosa"), ("07", "Sololá"),
    ("08", "Totonicapán"), ("09", "Quetzaltenango"), ("10", "Suchitepéquez"),
    ("11", "Retalhuleu"), ("12", "San Marcos"), ("13", "Huehuetenango"), ("14", "Quiché"),
    ("15", "Baja Verapaz"), ("16", "Alta Verapaz"), ("17", "Petén"), ("18", "Izabal"),
    ("19", "Zacapa"), ("20", "Chiquimula"), ("21", "Jalapa"), ("22", "Jutiapa"),
)
# Municipalities per department, in the same order (340 in all since October 2015).
COUNTS = (17, 8, 16, 16, 14, 14, 19, 8, 24, 21, 9, 30, 33, 21, 8, 17, 14, 5, 11, 11, 7, 17)
# Created by the Congress since 2014, each the last of its department.
NEWEST = {
    "1230": "La Blanca", "1911": "San Jorge", "1714": "El Chal",
    "1021": "San José La Máquina", "0514": "Sipacate", "1333": "Petatán",
}


def test_departments_codes_names_and_counts_are_the_ines():
    data = territory.territory()
    assert [(d.code, d.name) for d in data.departments] == list(DEPARTMENTS)
    assert tuple(len(d.municipalities) for d in data.departments) == COUNTS
    assert sum(COUNTS) == len(data.municipalities) == 340


def test_municipalities_are_numbered_without_gaps_within_their_department():
    for department in territory.territory().departments:
        numbers = [m.code[2:] for m in department.municipalities]
        assert numbers == [f"{n:02d}" for n in range(1, len(numbers) + 1)], department.name


def test_the_newest_municipalities_have_their_codes():
    for code, name in NEWEST.items():
        municipality = territory.municipality(code)
        assert municipality is not None and municipality.name == name, code
        department = territory.department(code[:2])
        assert department.municipalities[-1].code == code
