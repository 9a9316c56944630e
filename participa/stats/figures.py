"""The statistics pages' charts, built from the figures of ``queries`` with their labels in
the reader's language. Departments with fewer proposals than ``SMALL_COUNT`` are not named:
their proposals count together (docs/decisions.md, issue 19)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from flask_babel import gettext as _
from flask_babel import ngettext

from ..accounts.models import Sector
from ..base.time import local_zone, utcnow
from ..i18n.dates import day_text
from ..i18n.languages import BY_CODE
from ..organizations.models import OrganizationKind
from ..proposals.models import ResponseDecision
from ..territory import territory
from . import queries
from .charts import Chart, Row

# Below this many proposals a department is not named (a count of one or two could point
# at a person in a small municipality's department).
SMALL_COUNT = 5
# The charts, in the page's order; their keys are their CSV files' names.
KEYS = ("eje", "sector", "organizacion", "departamento", "idioma", "origen", "semana",
        "respuestas", "participacion", "avance")
# A plan's only: the implementation of its published commitments (tracking).
PLAN_ONLY = ("avance",)


def local_today() -> date:
    return utcnow().astimezone(local_zone()).date()


def _axis(scope) -> Chart:
    rows = [Row(name if name is not None else _("Sin eje"), count)
            for name, count in queries.by_axis(scope)]
    return Chart("eje", _("Propuestas por eje temático"),
                 _("Cuántas propuestas hay en cada eje temático del plan."),
                 _("Eje"), _("Propuestas"), rows)


def _and_unknown(rows: list[Row], counts: dict, label: str) -> list[Row]:
    """``rows``, then those counted without a value (``None``), as ``label``, if any."""
    if counts.get(None):
        rows.append(Row(label, counts[None]))
    return rows


def _labelled(counts: dict, members: Iterable, unknown: str) -> list[Row]:
    """A row per member of a labelled enum that has a count, in the enum's order, then the
    unknown ones."""
    return _and_unknown([Row(str(m.label), counts[m]) for m in members if counts.get(m)],
                        counts, unknown)


def _sector(scope) -> Chart:
    rows = _labelled(queries.by_sector(scope), Sector, _("No consta"))
    return Chart("sector", _("Propuestas por sector"),
                 _("El sector de quien propone: el de su cuenta, o el anotado en el taller."),
                 _("Sector"), _("Propuestas"), rows)


def _organization(scope) -> Chart:
    rows = _labelled(queries.by_organization_kind(scope), OrganizationKind,
                     _("A título personal"))
    return Chart("organizacion", _("Propuestas por tipo de organización"),
                 _("El tipo de organización en cuyo nombre se envió cada propuesta."),
                 _("Tipo de organización"), _("Propuestas"), rows)


def _department(scope) -> Chart:
    counts = queries.by_department(scope)
    rows, kept_back = [], 0
    for department in territory().departments:
        count = counts.get(department.code, 0)
        if count >= SMALL_COUNT:
            rows.append(Row(department.name, count))
        else:
            kept_back += count
    if kept_back:
        rows.append(Row(_("Otros departamentos (menos de %(n)d propuestas cada uno)",
                          n=SMALL_COUNT), kept_back))
    unknown = sum(count for code, count in counts.items()
                  if code is None or code not in {d.code for d in territory().departments})
    if unknown:
        rows.append(Row(_("Sin indicar"), unknown))
    return Chart("departamento", _("Propuestas por departamento"),
                 _("El departamento del taller, o el que la persona indicó en su perfil."),
                 _("Departamento"), _("Propuestas"), rows,
                 note=_("Para no señalar a nadie, los departamentos con menos de %(n)d "
                        "propuestas se cuentan juntos.", n=SMALL_COUNT))


def _language(scope) -> Chart:
    counts = queries.by_language(scope)
    rows = [Row(BY_CODE[code].autonym if code in BY_CODE else code, count)
            for code, count in sorted(counts.items(), key=lambda item: -item[1])
            if code is not None]
    _and_unknown(rows, counts, _("Sin indicar"))
    return Chart("idioma", _("Propuestas por idioma"),
                 _("El idioma en que se escribió cada propuesta."),
                 _("Idioma"), _("Propuestas"), rows)


def _origin(scope) -> Chart:
    counts = queries.by_origin(scope)
    rows = [Row(_("En línea"), counts.get(False, 0)),
            Row(_("En talleres presenciales"), counts.get(True, 0))]
    return Chart("origen", _("Propuestas por origen"),
                 _("Enviadas en línea o recogidas en talleres presenciales."),
                 _("Origen"), _("Propuestas"), rows if any(r.value for r in rows) else [])


def _weeks(scope) -> Chart:
    by_week: dict[date, int] = {}
    for day, count in queries.by_day(scope).items():
        monday = day - timedelta(days=day.weekday())
        by_week[monday] = by_week.get(monday, 0) + count
    rows = []
    if by_week:
        monday, last = min(by_week), max(by_week)
        while monday <= last:
            rows.append(Row(_("Semana del %(date)s", date=day_text(monday)),
                            by_week.get(monday, 0)))
            monday += timedelta(days=7)
    return Chart("semana", _("Propuestas a lo largo del tiempo"),
                 _("Cuántas propuestas llegaron cada semana (de lunes a domingo)."),
                 _("Semana"), _("Propuestas"), rows)


def _responses(scope) -> Chart:
    counts = queries.responses_by_decision(scope)
    rows = [Row(str(decision.label), counts[decision]) for decision in ResponseDecision
            if counts.get(decision)]
    return Chart("respuestas", _("Respuestas de la MTGA por decisión"),
                 _("Las respuestas publicadas a las propuestas, según lo que se decidió."),
                 _("Decisión"), _("Respuestas"), rows)


def _funnel(scope) -> Chart:
    figures = queries.funnel(scope)
    rows = [Row(_("Con cuenta confirmada"), figures.signed_up),
            Row(_("Enviaron una propuesta en línea"), figures.proposed),
            Row(_("Apoyaron una propuesta"), figures.supported),
            Row(_("Comentaron"), figures.commented)]
    return Chart("participacion", _("Participación en línea"),
                 _("Cuántas personas se registraron, propusieron, apoyaron y comentaron."),
                 _("Etapa"), _("Personas"), rows)


def _progress(scope) -> Chart | None:
    """A plan's implementation progress by axis, from tracking's roll-up: the share of its
    milestones complete (withdrawn ones left out, as the IRM counts). None for a round."""
    if scope.plan_id is None:
        return None
    rows = []
    for name, rollup in queries.progress_by_axis(scope.plan_id, local_today()):
        detail = ngettext("%(complete)d de %(num)d hito completo",
                          "%(complete)d de %(num)d hitos completos", rollup.countable,
                          complete=rollup.complete)
        if rollup.withdrawn:
            detail += "; " + ngettext("%(num)d retirado", "%(num)d retirados",
                                      rollup.withdrawn)
        rows.append(Row(name if name is not None else _("Sin eje"), rollup.percent or 0,
                        detail=detail))
    return Chart("avance", _("Avance de la implementación por eje"),
                 _("La parte de los hitos de los compromisos publicados que está completa, "
                   "según los avances publicados (los hitos retirados no se cuentan)."),
                 _("Eje"), _("Hitos completos (%)"), rows, unit=" %", scale=100)


BUILDERS = {"eje": _axis, "sector": _sector, "organizacion": _organization,
            "departamento": _department, "idioma": _language, "origen": _origin,
            "semana": _weeks, "respuestas": _responses, "participacion": _funnel,
            "avance": _progress}


def charts(scope: queries.Scope) -> list[Chart]:
    """The scope's charts; a plan's progress only where tracking exists."""
    found = [BUILDERS[key](scope) for key in KEYS
             if scope.plan_id is not None or key not in PLAN_ONLY]
    return [chart for chart in found
            if chart is not None and not (chart.key in PLAN_ONLY and chart.is_empty)]


def chart(scope: queries.Scope, key: str) -> Chart | None:
    builder = BUILDERS.get(key)
    return builder(scope) if builder is not None else None
