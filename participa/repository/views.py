"""The repository's page, Atom feed, JSON and CSV: one statement for the plan and one per
registered source (``plans.repository``), whatever the number of documents."""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin
from xml.etree import ElementTree as ET

from flask import Response, abort, render_template, request, url_for
from flask_babel import gettext as _

from ..base.extensions import db
from ..base.time import iso_utc
from ..plans.models import ActionPlan
from ..plans.repository import Entry, gather, sources
from ..web import openapi as oa
from ..web.api import conditional, csv_response, json_answer
from ..web.args import query_args
from . import api_bp, bp

ATOM = "http://www.w3.org/2005/Atom"
FIELDS = ("key", "kind", "kind_label", "title", "detail", "date", "url")
ENTRY = oa.obj({
    "key": oa.text("unique within the plan, stable"),
    "kind": oa.text("the kind of document (convocatorias, informes, compromisos, ...)"),
    "kind_label": oa.text("the kind's name"),
    "title": oa.text(),
    "detail": oa.text("a short note: the version, the round..."),
    "date": oa.date_time("when it was made public"),
    "url": oa.text("its public page or file (absolute)"),
})
LISTING = oa.obj({
    "plan": oa.obj({"id": oa.ID, "title": oa.text(), "url": oa.text()}),
    "updated_at": oa.nullable(oa.date_time("the newest entry's date")),
    "data": {"type": "array", "items": ENTRY},
})


def _plan(plan_id: int) -> ActionPlan:
    return db.session.get(ActionPlan, plan_id) or abort(404)


def _labels() -> dict[str, str]:
    return {source.kind: str(source.label) for source in sources()}


def _absolute(path: str) -> str:
    return urljoin(request.host_url, path)


def entry_data(entry: Entry, labels: dict[str, str]) -> dict[str, Any]:
    return {"key": entry.key, "kind": entry.kind, "kind_label": labels.get(entry.kind, ""),
            "title": entry.title, "detail": entry.detail, "date": iso_utc(entry.date),
            "url": _absolute(entry.url)}


def plan_link(plan: ActionPlan, **_context: Any) -> ActionPlan:
    """The slot ``plan.links`` of the plan page: the repository (always: it lists at least
    what exists, and says so when nothing does)."""
    return plan


@bp.route("/<int:plan_id>/repositorio")
def page(plan_id: int):
    plan = _plan(plan_id)
    entries = gather(plan)
    groups = [(source, [e for e in entries if e.kind == source.kind]) for source in sources()]
    return render_template(
        "repository/page.html", plan=plan, entries=entries,
        groups=[(source, items) for source, items in groups if items],
        updated_at=entries[0].date if entries else None,
    )


@bp.route("/<int:plan_id>/repositorio.atom")
def feed(plan_id: int):
    plan = _plan(plan_id)
    entries = gather(plan)
    labels = _labels()
    page_url = url_for("repository.page", plan_id=plan.id, _external=True)
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed")

    def add(parent: ET.Element, name: str, text: str | None = None, **attributes: str):
        element = ET.SubElement(parent, f"{{{ATOM}}}{name}", attributes)
        if text is not None:
            element.text = text
        return element

    add(root, "id", page_url)
    add(root, "title", _("Repositorio del plan: %(title)s", title=plan.title))
    add(root, "updated", iso_utc(entries[0].date if entries else plan.created_at))
    add(root, "link", rel="self",
        href=url_for("repository.feed", plan_id=plan.id, _external=True))
    add(root, "link", rel="alternate", type="text/html", href=page_url)
    author = add(root, "author")
    add(author, "name", _("Mesa Técnica de Gobierno Abierto"))
    for entry in entries:
        item = add(root, "entry")
        add(item, "id", f"{page_url}#{entry.key}")
        add(item, "title", entry.title)
        add(item, "updated", iso_utc(entry.date))
        add(item, "link", rel="alternate", href=_absolute(entry.url))
        add(item, "category", term=entry.kind, label=labels.get(entry.kind, entry.kind))
        add(item, "summary", " · ".join(
            part for part in (labels.get(entry.kind, ""), entry.detail) if part))
    body = ET.tostring(root, encoding="unicode", xml_declaration=True)
    return conditional(Response(body, mimetype="application/atom+xml"))


@api_bp.route("/plans/<int:plan_id>/repository")
@oa.describe(summary="A plan's OGP repository",
             description="Every public document and piece of evidence of the plan cycle "
                         "(calls, consideration reports, commitments and their versions, the "
                         "plan's document, self-assessments, progress evidence, workshops, "
                         "recordings), newest first, with the date of the newest.",
             json=LISTING, path={"plan_id": "an action plan's id"})
def listing(plan_id: int):
    query_args(())
    plan = _plan(plan_id)
    entries = gather(plan)
    labels = _labels()
    return json_answer({
        "plan": {"id": plan.id, "title": plan.title,
                 "url": url_for("repository.page", plan_id=plan.id, _external=True)},
        "updated_at": iso_utc(entries[0].date) if entries else None,
        "data": [entry_data(entry, labels) for entry in entries],
    })


@api_bp.route("/plans/<int:plan_id>/repository.csv")
@oa.describe(summary="A plan's OGP repository as CSV", csv=FIELDS,
             path={"plan_id": "an action plan's id"})
def listing_csv(plan_id: int):
    query_args(())
    plan = _plan(plan_id)
    labels = _labels()
    return csv_response(FIELDS, (entry_data(entry, labels) for entry in gather(plan)),
                        f"repositorio-plan-{plan.id}.csv")
