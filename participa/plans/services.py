"""Operations on action plans: importing Guatemala's historical OGP record.

Services flush and never commit; the caller (``flask plans import-ogp``, ``flask demo load``,
tests) commits.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _

from ..base.errors import Conflict, Invalid
from ..base.extensions import db
from ..content.numbers import whole_number
from .models import ActionPlan, Axis, Commitment, CommitmentStatus, PlanStatus

DATA_DIR = Path(__file__).resolve().parent / "data"
PLANS_FILE = "ogp_plans.csv"
AXES_FILE = "ogp_axes.csv"
COMMITMENTS_FILE = "ogp_commitments.csv"

OGP_CODE_RE = re.compile(r"GT[0-9]{4}")


# Reading the record ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanRecord:
    number: int
    title: str
    start_year: int
    end_year: int
    status: PlanStatus


@dataclass(frozen=True)
class AxisRecord:
    plan_number: int
    position: int
    name: str


@dataclass(frozen=True)
class CommitmentRecord:
    ogp_code: str
    year: int
    number: int
    title: str
    policy_area: str | None
    axis: str | None
    lead_institution: str | None
    status: CommitmentStatus


@dataclass(frozen=True)
class OgpRecord:
    plans: tuple[PlanRecord, ...]
    axes: tuple[AxisRecord, ...]
    commitments: tuple[CommitmentRecord, ...]


def _invalid(path: Path, line: int, problem: str) -> Invalid:
    return Invalid(
        _("%(file)s, línea %(line)d: %(problem)s", file=path.name, line=line, problem=problem)
    )


def _rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for each data row, every column present and stripped."""
    try:
        with path.open(encoding="utf-8", newline="") as file:
            reader = csv.DictReader(file)
            missing = [c for c in columns if c not in (reader.fieldnames or ())]
            if missing:
                raise _invalid(path, 1, _("faltan las columnas %(columns)s",
                                          columns=", ".join(missing)))
            for row in reader:
                if None in row or any(row[c] is None for c in columns):
                    raise _invalid(path, reader.line_num, _("número de columnas incorrecto"))
                yield reader.line_num, {c: row[c].strip() for c in columns}
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise Invalid(
            _("No se pudo leer %(file)s: %(error)s", file=path.name, error=str(error))
        ) from error


def _integer(path: Path, line: int, row: dict[str, str], column: str) -> int:
    value = whole_number(row[column], maximum=999_999_999)
    if value is None:
        raise _invalid(path, line, _("«%(column)s» no es un número entero positivo",
                                     column=column))
    return value


def _text(path: Path, line: int, row: dict[str, str], column: str, attribute: Any,
          *, required: bool = True) -> str | None:
    value = row[column]
    if not value:
        if required:
            raise _invalid(path, line, _("«%(column)s» está vacío", column=column))
        return None
    limit = attribute.property.columns[0].type.length
    if len(value) > limit:
        raise _invalid(path, line, _("«%(column)s» pasa de %(limit)d caracteres",
                                     column=column, limit=limit))
    return value


def _status(path: Path, line: int, row: dict[str, str], enum: Any) -> Any:
    try:
        return enum(row["status"])
    except ValueError:
        raise _invalid(path, line, _("«status» no es un estado conocido")) from None


def read_ogp_record(data_dir: Path = DATA_DIR) -> OgpRecord:
    """Read and check the three data files; ``Invalid`` on the first problem."""
    plans: dict[int, PlanRecord] = {}
    path = data_dir / PLANS_FILE
    for line, row in _rows(path, ("number", "title", "start_year", "end_year", "status")):
        plan = PlanRecord(
            number=_integer(path, line, row, "number"),
            title=_text(path, line, row, "title", ActionPlan.title),
            start_year=_integer(path, line, row, "start_year"),
            end_year=_integer(path, line, row, "end_year"),
            status=_status(path, line, row, PlanStatus),
        )
        if plan.number in plans:
            raise _invalid(path, line, _("plan repetido"))
        if plan.end_year < plan.start_year or plan.start_year in {
            p.start_year for p in plans.values()
        }:
            raise _invalid(path, line, _("periodo no válido o repetido"))
        plans[plan.number] = plan

    axes: dict[tuple[int, str], AxisRecord] = {}
    path = data_dir / AXES_FILE
    for line, row in _rows(path, ("plan_number", "position", "name")):
        axis = AxisRecord(
            plan_number=_integer(path, line, row, "plan_number"),
            position=_integer(path, line, row, "position"),
            name=_text(path, line, row, "name", Axis.name),
        )
        if axis.plan_number not in plans:
            raise _invalid(path, line, _("el plan no está en %(file)s", file=PLANS_FILE))
        if (axis.plan_number, axis.name) in axes:
            raise _invalid(path, line, _("eje repetido"))
        axes[axis.plan_number, axis.name] = axis

    plan_of_year = {p.start_year: p.number for p in plans.values()}
    commitments: dict[str, CommitmentRecord] = {}
    numbers: set[tuple[int, int]] = set()
    path = data_dir / COMMITMENTS_FILE
    columns = ("ogp_code", "year", "number", "title", "policy_area", "axis",
               "lead_institution", "status")
    for line, row in _rows(path, columns):
        commitment = CommitmentRecord(
            ogp_code=row["ogp_code"],
            year=_integer(path, line, row, "year"),
            number=_integer(path, line, row, "number"),
            title=_text(path, line, row, "title", Commitment.title),
            policy_area=_text(path, line, row, "policy_area", Commitment.policy_area,
                              required=False),
            axis=_text(path, line, row, "axis", Axis.name, required=False),
            lead_institution=_text(path, line, row, "lead_institution",
                                   Commitment.lead_institution, required=False),
            status=_status(path, line, row, CommitmentStatus),
        )
        if not OGP_CODE_RE.fullmatch(commitment.ogp_code):
            raise _invalid(path, line, _("«ogp_code» no es un código OGP (GT0001)"))
        if commitment.ogp_code in commitments:
            raise _invalid(path, line, _("código repetido"))
        plan_number = plan_of_year.get(commitment.year)
        if plan_number is None:
            raise _invalid(path, line, _("ningún plan empieza en ese año"))
        if (plan_number, commitment.number) in numbers:
            raise _invalid(path, line, _("número repetido en el plan"))
        if commitment.axis is not None and (plan_number, commitment.axis) not in axes:
            raise _invalid(path, line, _("el eje no está en %(file)s", file=AXES_FILE))
        numbers.add((plan_number, commitment.number))
        commitments[commitment.ogp_code] = commitment

    return OgpRecord(
        plans=tuple(sorted(plans.values(), key=lambda p: p.number)),
        axes=tuple(sorted(axes.values(), key=lambda a: (a.plan_number, a.position, a.name))),
        commitments=tuple(sorted(commitments.values(), key=lambda c: c.ogp_code)),
    )


# Importing it ---------------------------------------------------------------------------------


@dataclass
class ImportCounts:
    plans_created: int = 0
    plans_updated: int = 0
    axes_created: int = 0
    axes_updated: int = 0
    commitments_created: int = 0
    commitments_updated: int = 0

    @property
    def created(self) -> int:
        return self.plans_created + self.axes_created + self.commitments_created

    @property
    def updated(self) -> int:
        return self.plans_updated + self.axes_updated + self.commitments_updated

    def as_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def summary(self) -> str:
        return "\n".join((
            _("Planes: %(created)d nuevos, %(updated)d actualizados.",
              created=self.plans_created, updated=self.plans_updated),
            _("Ejes temáticos: %(created)d nuevos, %(updated)d actualizados.",
              created=self.axes_created, updated=self.axes_updated),
            _("Compromisos: %(created)d nuevos, %(updated)d actualizados.",
              created=self.commitments_created, updated=self.commitments_updated),
        ))


def _assign(obj: Any, values: dict[str, Any]) -> bool:
    """Set the attributes that differ; whether any did."""
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def import_ogp_record(*, data_dir: Path = DATA_DIR) -> ImportCounts:
    """Create or update the plans, axes and commitments of the OGP record.

    Plans are matched by number, axes by plan and name, commitments by OGP code; fields that
    differ from the data files are updated, so a second import changes nothing. Rows that are
    not in the files (later plans, co-created commitments) are left alone. A commitment
    without that code holding a number the record needs is a conflict (``Invalid``).
    """
    record = read_ogp_record(data_dir)
    counts = ImportCounts()

    plans = {
        plan.number: plan
        for plan in db.session.scalars(
            sa.select(ActionPlan).where(ActionPlan.number.in_([p.number for p in record.plans]))
        )
    }
    for item in record.plans:
        values = {"title": item.title, "start_year": item.start_year,
                  "end_year": item.end_year, "status": item.status}
        plan = plans.get(item.number)
        if plan is None:
            plans[item.number] = ActionPlan(number=item.number, **values)
            db.session.add(plans[item.number])
            counts.plans_created += 1
        elif _assign(plan, values):
            counts.plans_updated += 1
    db.session.flush()
    plan_ids = [plan.id for plan in plans.values()]

    axes = {
        (axis.plan_id, axis.name): axis
        for axis in db.session.scalars(sa.select(Axis).where(Axis.plan_id.in_(plan_ids)))
    }
    for item in record.axes:
        plan_id = plans[item.plan_number].id
        axis = axes.get((plan_id, item.name))
        if axis is None:
            axes[plan_id, item.name] = Axis(plan_id=plan_id, name=item.name,
                                            position=item.position)
            db.session.add(axes[plan_id, item.name])
            counts.axes_created += 1
        elif _assign(axis, {"position": item.position}):
            counts.axes_updated += 1
    db.session.flush()

    plan_of_year = {plan.start_year: plan for plan in plans.values()}
    codes = {item.ogp_code for item in record.commitments}
    existing = db.session.scalars(
        sa.select(Commitment).where(
            sa.or_(Commitment.ogp_code.in_(codes), Commitment.plan_id.in_(plan_ids))
        )
    ).all()
    by_code = {c.ogp_code: c for c in existing if c.ogp_code in codes}
    others = {(c.plan_id, c.number): c for c in existing if c.ogp_code not in codes}

    targets: dict[str, dict[str, Any]] = {}
    for item in record.commitments:
        plan = plan_of_year[item.year]
        if (plan.id, item.number) in others:
            raise Conflict(_(
                "El compromiso número %(number)d del plan %(plan)d ya existe y no es "
                "%(code)s: cambie su número antes de importar.",
                number=item.number, plan=plan.number, code=item.ogp_code,
            ))
        axis = axes[plan.id, item.axis] if item.axis else None
        targets[item.ogp_code] = {
            "plan_id": plan.id,
            "number": item.number,
            "title": item.title,
            "policy_area": item.policy_area,
            "axis_id": axis.id if axis else None,
            "lead_institution": item.lead_institution,
            "status": item.status,
        }

    # A commitment of the record that changes place goes through a free number first, so
    # that two of them may swap numbers without breaking UNIQUE(plan_id, number).
    moving = [c for code, c in by_code.items()
              if (c.plan_id, c.number) != (targets[code]["plan_id"], targets[code]["number"])]
    for commitment in moving:
        commitment.number = -commitment.id
    if moving:
        db.session.flush()

    for code, values in targets.items():
        commitment = by_code.get(code)
        if commitment is None:
            db.session.add(Commitment(ogp_code=code, **values))
            counts.commitments_created += 1
        elif _assign(commitment, values):
            counts.commitments_updated += 1
    db.session.flush()
    return counts
