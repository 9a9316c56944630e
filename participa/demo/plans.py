"""Demo data of versioned commitments, for ``flask demo load``; every step adds only what is
missing, so a second load adds nothing, and nothing is written to the audit log (loading demo
data is not a moderator's action).

- ``load_template_versions``: the two official templates of the 4th plan (``template_data``)
  as version 1, final, of the historical commitments GT0099 and GT0094.
- ``load_demo_draft``: one draft commitment of the demo round with three versions, so that the
  history and the differences have something to show. Its texts are written for the demo,
  from two of the demo round's proposals (the budget documents, and citizen participation in
  drafting the budget).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa

from ..accounts.models import User
from ..base.extensions import db
from ..base.time import utcnow
from ..plans.models import Axis, Commitment, CommitmentStatus, CommitmentVersion
from ..plans.template_data import TEMPLATES
from ..plans.versions import VERSION_FIELDS, ContactData, MilestoneData, add_version


def load_template_versions() -> int:
    """Version 1 (final) of GT0099 and GT0094 from their templates, where the commitment
    exists and has no version yet; the number of versions added."""
    added = 0
    for template in TEMPLATES:
        commitment = db.session.scalar(
            sa.select(Commitment).where(Commitment.ogp_code == template.ogp_code)
        )
        if commitment is None or db.session.scalar(
            sa.select(CommitmentVersion.id).where(CommitmentVersion.commitment_id == commitment.id)
            .limit(1)
        ) is not None:
            continue
        add_version(
            commitment=commitment, number=1,
            values={name: getattr(template, name) for name in VERSION_FIELDS},
            milestones=template.milestones, contacts=template.contacts,
            change_note=template.change_note, author=None, is_final=True,
        )
        added += 1
    return added


# The demo draft -------------------------------------------------------------------------------

DRAFT_AXIS = "Transparencia fiscal"


@dataclass(frozen=True)
class DemoVersion:
    change_note: str
    values: dict[str, object]
    milestones: tuple[MilestoneData, ...]
    contacts: tuple[ContactData, ...]
    days_ago: int = 0


_MINFIN = "Ministerio de Finanzas Públicas"
_V1 = {
    "title": "Presupuesto abierto: documentos del presupuesto publicados a tiempo y en datos "
             "abiertos",
    "start_date": None,
    "end_date": None,
    "lead_institution": _MINFIN,
    "supporting_institutions": "",
    "problem": (
        "Faltan documentos clave del ciclo presupuestario y los que existen se publican tarde "
        "y en formatos que no se pueden reutilizar, por lo que la ciudadanía no puede seguir "
        "el presupuesto desde su formulación hasta su liquidación."
    ),
    "commitment_text": (
        "Publicar en el portal del Ministerio de Finanzas Públicas, en datos abiertos, los ocho "
        "documentos presupuestarios clave, en los plazos de las buenas prácticas "
        "internacionales."
    ),
    "contribution": "",
    "ogp_relevance": "",
    "additional_information": "",
    "other_actors_public": "",
    "other_actors_civil": "",
    "observations": "Datos de demostración.",
}
_V2 = {
    **_V1,
    "start_date": date(2026, 9, 1),
    "end_date": date(2028, 8, 31),
    "supporting_institutions": "Ministerio de Finanzas Públicas\nCongreso de la República de "
                               "Guatemala",
    "contribution": (
        "Con los documentos completos y a tiempo, las organizaciones y la ciudadanía pueden "
        "analizar el presupuesto y proponer cambios antes de que se apruebe, y vigilar su "
        "ejecución."
    ),
    "ogp_relevance": "Transparencia y rendición de cuentas: información presupuestaria "
                     "completa, oportuna y reutilizable.",
    "other_actors_civil": "Instituto Centroamericano de Estudios Fiscales (ICEFI)",
}
_V3 = {
    **_V2,
    "title": "Presupuesto abierto y participativo: documentos del presupuesto en datos "
             "abiertos y audiencias ciudadanas en su formulación",
    "problem": (
        "Faltan documentos clave del ciclo presupuestario y los que existen se publican tarde "
        "y en formatos que no se pueden reutilizar. Además, la ciudadanía no tiene espacios "
        "para opinar mientras se formula el presupuesto, por lo que no puede seguirlo ni "
        "influir en él."
    ),
    "commitment_text": (
        "Publicar en datos abiertos los ocho documentos presupuestarios clave, en los plazos "
        "de las buenas prácticas internacionales, y abrir audiencias ciudadanas durante la "
        "formulación del presupuesto."
    ),
    "lead_institution": "Ministerio de Finanzas Públicas – Dirección Técnica del Presupuesto",
    "other_actors_public": "Contraloría General de Cuentas",
}
_M1 = MilestoneData(1, "Publicación del presupuesto ciudadano de cada ejercicio fiscal.",
                    _MINFIN, True, date(2026, 9, 1), date(2027, 1, 1))
_M2 = MilestoneData(2, "Publicación del proyecto de presupuesto en datos abiertos.",
                    _MINFIN, True, date(2026, 9, 1), date(2026, 10, 1))
_M2_V2 = MilestoneData(
    2, "Publicación del proyecto de presupuesto y de sus anexos en datos abiertos, el mismo "
       "día de su presentación al Congreso.",
    _MINFIN, True, date(2026, 9, 1), date(2026, 10, 1),
)
_M3 = MilestoneData(3, "Informes de ejecución trimestrales y de fin de año en datos abiertos.",
                    _MINFIN, False, date(2026, 10, 1), date(2028, 8, 1))
_M4 = MilestoneData(
    4, "Tres audiencias ciudadanas regionales durante la formulación del presupuesto, con sus "
       "actas publicadas.",
    f"{_MINFIN} con el acompañamiento de la Mesa Técnica de Gobierno Abierto",
    True, date(2027, 3, 1), date(2027, 7, 1),
)
_CONTACT = ContactData("Persona de enlace de demostración", "Ministerio de Finanzas Públicas, "
                       "enlace de Gobierno Abierto", "enlace@participa.example", "")
_CONTACT_2 = ContactData("Segunda persona de enlace de demostración",
                         "Contraloría General de Cuentas, enlace", "contraloria@participa.example",
                         "")

DEMO_VERSIONS: tuple[DemoVersion, ...] = (
    DemoVersion(
        "Borrador inicial, consolidado a partir de las propuestas sobre los documentos del "
        "presupuesto y la participación ciudadana en su formulación. Datos de demostración.",
        _V1, (_M1, _M2), (_CONTACT,), days_ago=3,
    ),
    DemoVersion(
        "Se completan las fechas, la contribución y la relevancia; el hito 2 precisa el plazo "
        "y se añade el hito 3, según la sesión de la Mesa Técnica.",
        _V2, (_M1, _M2_V2, _M3), (_CONTACT,), days_ago=2,
    ),
    DemoVersion(
        "Se integra la propuesta de audiencias ciudadanas (hito 4); el hito 2 se quita porque "
        "queda cubierto por el hito 3; se añade un contacto de la Contraloría.",
        _V3, (_M1, _M3, _M4), (_CONTACT, _CONTACT_2), days_ago=1,
    ),
)


def find_demo_draft(round_id: int) -> Commitment | None:
    return db.session.scalar(
        sa.select(Commitment)
        .join(CommitmentVersion, CommitmentVersion.commitment_id == Commitment.id)
        .where(Commitment.round_id == round_id, CommitmentVersion.number == 1,
               CommitmentVersion.title == _V1["title"])
        .limit(1)
    )


def load_demo_draft(*, plan_id: int, round_id: int, author: User | None) -> int:
    """The demo draft commitment of the round with its three versions (none of them final);
    the number of versions added (0 when it is there already)."""
    commitment = find_demo_draft(round_id)
    if commitment is not None:
        return 0
    number = (db.session.scalar(
        sa.select(sa.func.max(Commitment.number)).where(Commitment.plan_id == plan_id)
    ) or 0) + 1
    axis_id = db.session.scalar(
        sa.select(Axis.id).where(Axis.plan_id == plan_id, Axis.name == DRAFT_AXIS)
    )
    last = DEMO_VERSIONS[-1].values
    commitment = Commitment(
        plan_id=plan_id, number=number, title=last["title"], axis_id=axis_id,
        lead_institution=last["lead_institution"], status=CommitmentStatus.DRAFT,
        round_id=round_id,
    )
    db.session.add(commitment)
    db.session.flush()
    now = utcnow()
    for version_number, demo in enumerate(DEMO_VERSIONS, start=1):
        add_version(
            commitment=commitment, number=version_number, values=demo.values,
            milestones=demo.milestones, contacts=demo.contacts,
            change_note=demo.change_note, author=author,
            created_at=now - timedelta(days=demo.days_ago),
        )
    return len(DEMO_VERSIONS)
