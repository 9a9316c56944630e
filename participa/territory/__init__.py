"""Guatemala's territory: the 22 departments and 340 municipalities, shipped as data.

The list is ``data/guatemala.json``: the Instituto Nacional de Estadística's
político-administrative division, in its order and with its codes (a department's two
digits, a municipality's four, the first two being its department's). The file names its
source; ``tests/territory`` checks its counts. Nothing here touches the database: people's
profiles, workshops and the statistics store the codes and ask this package for the names.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from flask_babel import lazy_gettext as _l

from ..base.errors import Invalid

DATA = Path(__file__).parent / "data" / "guatemala.json"
# A code's width: the department's two digits, the municipality's four.
DEPARTMENT_CODE_LENGTH = 2
MUNICIPALITY_CODE_LENGTH = 4


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    department_code: str


@dataclass(frozen=True)
class Department:
    code: str
    name: str
    municipalities: tuple[Municipality, ...]


@dataclass(frozen=True)
class Territory:
    source: str
    departments: tuple[Department, ...]

    @property
    def municipalities(self) -> tuple[Municipality, ...]:
        return tuple(m for d in self.departments for m in d.municipalities)


@cache
def territory() -> Territory:
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    return Territory(
        source=raw["source"],
        departments=tuple(
            Department(
                code=d["code"], name=d["name"],
                municipalities=tuple(Municipality(code=m["code"], name=m["name"],
                                                  department_code=d["code"])
                                     for m in d["municipalities"]),
            )
            for d in raw["departments"]
        ),
    )


@cache
def _departments() -> dict[str, Department]:
    return {d.code: d for d in territory().departments}


@cache
def _municipalities() -> dict[str, Municipality]:
    return {m.code: m for m in territory().municipalities}


def department(code: str | None) -> Department | None:
    return _departments().get(code) if code else None


def municipality(code: str | None) -> Municipality | None:
    return _municipalities().get(code) if code else None


def department_name(code: str | None) -> str:
    found = department(code)
    return found.name if found else ""


def municipality_name(code: str | None) -> str:
    found = municipality(code)
    return found.name if found else ""


def place_name(department_code: str | None, municipality_code: str | None) -> str:
    """«Momostenango, Totonicapán», or the department alone, or ""."""
    names = [municipality_name(municipality_code), department_name(department_code)]
    return ", ".join(name for name in names if name)


def belongs(municipality_code: str | None, department_code: str | None) -> bool:
    """Whether the municipality is one of the department's (no municipality: yes)."""
    if not municipality_code:
        return True
    found = municipality(municipality_code)
    return found is not None and found.department_code == department_code


def department_choices() -> list[tuple[str, str]]:
    return [(d.code, d.name) for d in territory().departments]


def municipality_choices() -> dict[str, list[tuple[str, str]]]:
    """The municipalities grouped by department, for a select with optgroups."""
    return {d.name: [(m.code, m.name) for m in d.municipalities]
            for d in territory().departments}


def checked_place(department_code: str | None, municipality_code: str | None,
                  *, required: bool = False, field_prefix: str = ""
                  ) -> tuple[str | None, str | None]:
    """The codes, checked: a department of the list (or none, unless ``required``), and a
    municipality of that department or none. A refusal names its field
    (``<prefix>department_code`` or ``<prefix>municipality_code``)."""
    department_code = (department_code or "").strip() or None
    municipality_code = (municipality_code or "").strip() or None
    if department_code is None:
        if required:
            raise Invalid(_l("Elija el departamento."), field=f"{field_prefix}department_code")
        if municipality_code is not None:
            raise Invalid(_l("Elija primero el departamento del municipio."),
                          field=f"{field_prefix}department_code")
        return None, None
    if department(department_code) is None:
        raise Invalid(_l("Elija uno de los 22 departamentos."),
                      field=f"{field_prefix}department_code")
    if not belongs(municipality_code, department_code):
        raise Invalid(
            _l("Ese municipio no es del departamento elegido. Elija uno de %(department)s.",
               department=department_name(department_code)),
            field=f"{field_prefix}municipality_code",
        )
    return department_code, municipality_code
