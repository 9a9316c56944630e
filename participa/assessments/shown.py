"""A version's tracking data as the page and the documents show it: labels of statuses
and levels in the reader's language, dates as people read them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask_babel import gettext as _

from ..i18n.dates import format_local, month_text
from ..tracking.models import CompletionStatus


def status_label(value: str | None) -> str:
    if value is None:
        return _("Sin hitos que contar")
    try:
        return CompletionStatus(value).label
    except ValueError:
        return value


def completion_text(completion: dict[str, Any]) -> str:
    """"Sustancial: 2 de 4 hitos completos (50 %)"."""
    if not completion["milestones"]:
        return _("Sin hitos que contar")
    countable = completion["milestones"] - completion["withdrawn"]
    return _("%(level)s: %(complete)d de %(total)d hitos completos (%(percent)s %%)",
             level=status_label(completion["level"]), complete=completion["complete"],
             total=countable, percent=completion["percent"] if completion["percent"] is not None
             else 0)


def month(value: str | None) -> str:
    return month_text(date.fromisoformat(value)) if value else ""


def published_on(value: str | None) -> str:
    return format_local(datetime.fromisoformat(value)) if value else ""


def as_of(tracking: dict[str, Any]) -> str:
    return format_local(datetime.fromisoformat(tracking["as_of"]))


@dataclass(frozen=True)
class Labels:
    """The texts the page and the documents share."""

    @staticmethod
    def milestone_header() -> tuple[str, ...]:
        return (_("N.º"), _("Hito"), _("Entidad responsable"), _("Fecha de término"),
                _("Estado"))

    @staticmethod
    def update_header() -> tuple[str, ...]:
        return (_("Publicado"), _("Hito"), _("Estado informado"), _("Avance"),
                _("Evidencia"))


def milestone_rows(entry: dict[str, Any]) -> tuple[tuple[str, ...], ...]:
    return tuple(
        (str(m["number"]), m["description"], m["responsible"], month(m["end_date"]),
         status_label(m["status"]) + (f" ({m['withdrawn_reason']})"
                                      if m["withdrawn_reason"] else ""))
        for m in entry["milestones"]
    )


def update_rows(entry: dict[str, Any]) -> tuple[tuple[str, ...], ...]:
    return tuple(
        (published_on(u["published_at"]), str(u["milestone_number"]),
         status_label(u["status"]), u["body"],
         "\n".join(f"{e['title']} {e['url']}".strip() for e in u["evidence"]))
        for u in entry["updates"]
    )

