"""The statistics pages of a round and of a plan, and each chart's data as CSV."""

from __future__ import annotations

from flask import abort, render_template

from ..base.extensions import db
from ..consultations.models import ConsultationRound
from ..plans.models import ActionPlan
from ..web.api import csv_response
from . import bp, figures
from .charts import Chart
from .queries import Scope

CSV_FIELDS = ("category", "count", "note")
# The charts' CSV files, by the chart's key (an address of another name is a 404).
KINDS = f"any({', '.join(figures.KEYS)})"


def _page(chart_list: list[Chart], **context):
    return render_template("stats/page.html", charts=chart_list,
                           small_count=figures.SMALL_COUNT, **context)


def _csv(scope: Scope, key: str, filename: str):
    chart = figures.chart(scope, key)
    if chart is None:  # the address's converter knows the keys: never, but not a 500
        abort(404)
    return csv_response(CSV_FIELDS, [
        {"category": row.label, "count": row.value,
         "note": row.note if row.note is not None else row.detail} for row in chart.rows
    ], filename)


@bp.route("/consultas/<int:round_id>/estadisticas")
def round_page(round_id: int):
    round = db.get_or_404(ConsultationRound, round_id)
    return _page(figures.charts(Scope(round_id=round.id)), round=round, plan=round.plan,
                 csv_endpoint="stats.round_csv", scope_args={"round_id": round.id})


@bp.route(f"/consultas/<int:round_id>/estadisticas/<{KINDS}:chart>.csv")
def round_csv(round_id: int, chart: str):
    round = db.get_or_404(ConsultationRound, round_id)
    return _csv(Scope(round_id=round.id), chart, f"consulta-{round.id}-{chart}.csv")


@bp.route("/planes/<int:plan_id>/estadisticas")
def plan_page(plan_id: int):
    plan = db.get_or_404(ActionPlan, plan_id)
    return _page(figures.charts(Scope(plan_id=plan.id)), round=None, plan=plan,
                 csv_endpoint="stats.plan_csv", scope_args={"plan_id": plan.id})


@bp.route(f"/planes/<int:plan_id>/estadisticas/<{KINDS}:chart>.csv")
def plan_csv(plan_id: int, chart: str):
    plan = db.get_or_404(ActionPlan, plan_id)
    return _csv(Scope(plan_id=plan.id), chart, f"plan-{plan.id}-{chart}.csv")


def round_link(*, round: ConsultationRound, **_context: object) -> ConsultationRound:
    """The round page's slot ``round.links``: its statistics."""
    return round


def plan_link(plan: ActionPlan, **_context: object) -> ActionPlan:
    """The plan page's slot ``plan.links``: its statistics."""
    return plan
