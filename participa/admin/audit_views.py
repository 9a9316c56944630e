"""The audit log for administrators: browse, filter and export (CSV)."""

from __future__ import annotations

import json
from datetime import date, timedelta

import sqlalchemy as sa
from flask import Blueprint, abort, render_template, request
from sqlalchemy.orm import joinedload

from ..accounts.guards import admin_only
from ..audit.models import AuditEvent
from ..base.extensions import db
from ..base.time import local_midnight
from ..web.api import csv_response
from ..web.args import number, page_number, query_args
from ..web.pagination import paginate

# A blueprint of its own (endpoints ``audit.*``): the log is read here, in the administration,
# and written by every feature's services through the ``audit`` package, which imports none.
bp = Blueprint("audit", __name__, url_prefix="/admin/auditoria")

admin_only(bp)

PER_PAGE = 50
FILTERS = ("action", "target_type", "actor", "desde", "hasta", "page")
CSV_FIELDS = (
    "id", "created_at", "actor_id", "actor", "action", "target_type", "target_id",
    "target_label", "before", "after", "ip_address",
)


# Dates outside these years are a 400: the day after 9999-12-31 does not exist.
FIRST_YEAR, LAST_YEAR = 1900, 2999


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        abort(400)
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        abort(400)
    return day


def _filtered() -> tuple[sa.Select, dict[str, str]]:
    """The events matching the query string; unknown parameters and bad values are a 400."""
    chosen = {name: value for name, value in query_args(FILTERS).items() if value}
    statement = sa.select(AuditEvent)
    if action := chosen.get("action"):
        statement = statement.where(AuditEvent.action == action[:64])
    if target_type := chosen.get("target_type"):
        if target_type not in db.metadata.tables:
            abort(400)
        statement = statement.where(AuditEvent.target_type == target_type)
    if actor := number(request.args, "actor"):
        statement = statement.where(AuditEvent.actor_id == actor)
    if start := _date(chosen.get("desde")):
        statement = statement.where(AuditEvent.created_at >= local_midnight(start))
    if end := _date(chosen.get("hasta")):
        end_exclusive = local_midnight(end + timedelta(days=1))
        statement = statement.where(AuditEvent.created_at < end_exclusive)
    return statement.order_by(AuditEvent.id.desc()), chosen


@bp.route("/")
def index():
    statement, chosen = _filtered()
    page = page_number(chosen.get("page"))
    pagination = paginate(statement.options(joinedload(AuditEvent.actor)), page=page,
                          per_page=PER_PAGE)
    actions = db.session.scalars(
        sa.select(AuditEvent.action).distinct().order_by(AuditEvent.action)
    ).all()
    target_types = db.session.scalars(
        sa.select(AuditEvent.target_type).distinct().order_by(AuditEvent.target_type)
    ).all()
    filters = {k: v for k, v in chosen.items() if k != "page"}
    return render_template(
        "audit/index.html", pagination=pagination, actions=actions,
        target_types=target_types, filters=filters,
    )


def _json(value) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


@bp.route("/auditoria.csv")
def export():
    statement, _chosen = _filtered()
    events = db.session.scalars(statement.options(joinedload(AuditEvent.actor)))
    rows = (
        {
            "id": event.id,
            "created_at": event.created_at.isoformat(),
            "actor_id": event.actor_id,
            "actor": event.actor.display_name if event.actor else "",
            "action": event.action,
            "target_type": event.target_type,
            "target_id": event.target_id,
            "target_label": event.target_label,
            "before": _json(event.before),
            "after": _json(event.after),
            "ip_address": event.ip_address,
        }
        for event in events
    )
    return csv_response(CSV_FIELDS, rows, "auditoria.csv")
