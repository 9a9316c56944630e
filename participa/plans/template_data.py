"""The two official commitment templates of the 4th National Action Plan 2018-2020 among the
seed documents (public government documents), as versions of the historical commitments
GT0099 ("Compromiso 15") and GT0094 ("Compromiso 10").

The texts are exactly those of the documents, typos and capitalisation included; only the
layout is ours:

- the "Fecha de inicio y término del compromiso" ("noviembre de 2018 al 30 de agosto 2020")
  is a start month (stored as its first day) and an end day; the milestones' months are
  stored as their first day (see ``participa.content.dates``);
- Compromiso 10 gives its lead institution and the institutions responsible for milestones
  in one cell ("Coordinación a cargo de: ... Responsables de los hitos: ..."): the first part
  is the lead institution, the list one institution per line;
- Compromiso 10 gives its eight contacts as three cells (names; institutions and posts;
  e-mails with "teléfono: N"): they are split into eight rows in the same order, each e-mail
  and telephone number in its own field; the extraction split milestone 6 across a page
  break, joined here with one space;
- Compromiso 15's e-mail appears as a link in the extracted text; the address is kept.

Both documents are headed "Versión 7-11-2018" and say "BORRADOR": the version note names the
document and its date. ``participa.demo.plans`` loads them.

The texts are data, kept as written in ``data/commitment_templates.json`` (one object per
template, its fields named as ``CommitmentTemplate``'s, dates in ISO 8601).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from .versions import ContactData, MilestoneData

DATA = Path(__file__).parent / "data" / "commitment_templates.json"
SOURCE_VERSION = "Versión 7-11-2018"
SOURCE_CONTEXT = (
    "Producto de la reunión técnica de co-creación de compromisos para el 4to. Plan de Acción "
    "Nacional de Gobierno Abierto 2018-2020."
)


class CommitmentTemplate(NamedTuple):
    ogp_code: str
    number: int  # "Compromiso N" of the document
    source: str  # the document's own heading
    title: str
    start_date: date
    end_date: date
    lead_institution: str
    supporting_institutions: str
    problem: str
    commitment_text: str
    contribution: str
    ogp_relevance: str
    additional_information: str
    milestones: tuple[MilestoneData, ...]
    contacts: tuple[ContactData, ...]
    other_actors_public: str
    other_actors_civil: str
    observations: str

    @property
    def change_note(self) -> str:
        return (
            f"Texto del documento «{self.source}», Compromiso {self.number}, "
            f"{SOURCE_VERSION}. {SOURCE_CONTEXT}"
        )


def _date(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def _template(raw: dict[str, Any]) -> CommitmentTemplate:
    milestones = tuple(
        MilestoneData(**{**m, "start_date": _date(m["start_date"]),
                         "end_date": _date(m["end_date"])})
        for m in raw["milestones"]
    )
    contacts = tuple(ContactData(**c) for c in raw["contacts"])
    return CommitmentTemplate(**{**raw, "start_date": date.fromisoformat(raw["start_date"]),
                                 "end_date": date.fromisoformat(raw["end_date"]),
                                 "milestones": milestones, "contacts": contacts})


COMPROMISO_15, COMPROMISO_10 = (
    _template(raw) for raw in json.loads(DATA.read_text(encoding="utf-8"))
)
TEMPLATES: tuple[CommitmentTemplate, ...] = (COMPROMISO_15, COMPROMISO_10)
