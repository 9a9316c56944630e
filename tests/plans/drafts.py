"""Helpers of the versioned-draft tests: a draft commitment in a round, versions saved
through the service, and the form's posted fields."""

from __future__ import annotations

from datetime import date
from typing import Any

from participa.base.extensions import db
from participa.plans.models import Commitment, CommitmentStatus
from participa.plans.versions import ContactData, MilestoneData, save_version

from ..factories import make_plan, make_round, make_user

MILESTONES = (
    MilestoneData(1, "Publicar el presupuesto ciudadano.", "Ministerio de Finanzas Públicas",
                  True, date(2026, 9, 1), date(2027, 1, 1)),
    MilestoneData(2, "Audiencias ciudadanas regionales.", "Congreso de la República", False,
                  date(2027, 3, 1), date(2027, 7, 1)),
)
CONTACTS = (
    ContactData("Ana Pérez", "MINFIN, enlace", "ana@example.org", "22223333"),
)
FIELDS: dict[str, Any] = {
    "title": "Presupuesto abierto",
    "start_date": date(2026, 9, 1),
    "end_date": date(2028, 8, 31),
    "lead_institution": "Ministerio de Finanzas Públicas",
    "supporting_institutions": "Ministerio de Finanzas Públicas\nCongreso de la República",
    "problem": "Los documentos del presupuesto se publican tarde.",
    "commitment_text": "Publicar los documentos a tiempo y en datos abiertos.",
    "contribution": "La ciudadanía puede seguir el presupuesto.",
    "ogp_relevance": "Transparencia y rendición de cuentas.",
    "additional_information": "",
    "other_actors_public": "Contraloría General de Cuentas",
    "other_actors_civil": "ICEFI",
    "observations": "",
}


def make_draft(*, title: str = "Borrador de prueba", plan=None, round_=None,
               status: CommitmentStatus = CommitmentStatus.DRAFT) -> Commitment:
    """A draft commitment of a round (no version yet)."""
    plan = plan or make_plan()
    round_ = round_ or make_round(plan)
    commitment = Commitment(plan_id=plan.id, number=1 + len(plan.commitments), title=title,
                            status=status, round_id=round_.id)
    db.session.add(commitment)
    db.session.commit()
    return commitment


def moderator():
    return make_user(is_moderator=True)


def save(commitment: Commitment, *, actor=None, base: int | None = None,
         fields: dict | None = None, milestones=MILESTONES, contacts=CONTACTS,
         note: str = "Cambios de prueba.", commit: bool = True):
    """Save a version through the service (base: the newest version unless given)."""
    from participa.plans.versions import latest_number

    version = save_version(
        actor=actor or moderator(),
        commitment=commitment,
        base_number=latest_number(commitment) if base is None else base,
        fields={**FIELDS, **(fields or {})},
        milestones=milestones,
        contacts=contacts,
        change_note=note,
    )
    if commit:
        db.session.commit()
    return version


def draft_with_versions(count: int = 1, **kwargs) -> Commitment:
    """A draft with ``count`` versions, each changing the problem text."""
    commitment = make_draft(**kwargs)
    for n in range(1, count + 1):
        save(commitment, fields={"problem": f"Problema, versión {n}."}, note=f"Nota {n}.")
    return commitment


def form_data(fields: dict | None = None, *, base: int, milestones=MILESTONES,
              contacts=CONTACTS, note: str = "Una nota de cambios.",
              action: str = "guardar") -> dict[str, str]:
    """The fields the edit form posts."""
    values = {**FIELDS, **(fields or {})}
    data = {
        "base_number": str(base),
        "accion": action,
        "change_note": note,
    }
    for name, value in values.items():
        if name == "start_date":
            data[name] = value.strftime("%Y-%m") if value else ""
        elif name == "end_date":
            data[name] = value.isoformat() if value else ""
        else:
            data[name] = value
    for i, m in enumerate(milestones):
        data.update({
            f"milestones-{i}-number": str(m.number),
            f"milestones-{i}-description": m.description,
            f"milestones-{i}-responsible": m.responsible,
            f"milestones-{i}-is_new": "nuevo" if m.is_new else "en_curso",
            f"milestones-{i}-start_date": m.start_date.strftime("%Y-%m") if m.start_date else "",
            f"milestones-{i}-end_date": m.end_date.strftime("%Y-%m") if m.end_date else "",
        })
    for i, c in enumerate(contacts):
        data.update({
            f"contacts-{i}-name": c.name,
            f"contacts-{i}-institution_post": c.institution_post,
            f"contacts-{i}-email": c.email,
            f"contacts-{i}-phone": c.phone,
        })
    return data
