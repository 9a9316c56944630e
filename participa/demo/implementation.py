"""A plan in implementation, for ``flask demo load`` (issue 16): a demonstration plan
2024-2026 (the historical 4th plan is finished) with three published commitments whose
milestones stand at every step of the IRM's scale, reported by the lead institutions (GPAT
and INFOM) through the demo's institutional account and published by the MTGA, with
evidence links and PDF files written in code; a citizen's comment on one update; and the
plan's mid-term self-assessment open for public comment (for 30 days from the load), with a
question from a civil society organisation and the MTGA's answer. The texts are written for
the demo. Rows are added directly, once (a second load adds nothing), without audit events:
loading demo data is not anyone's action."""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from ..accounts.models import User
from ..assessments.models import (
    AssessmentKind,
    AssessmentState,
    AssessmentVersion,
    SelfAssessment,
)
from ..assessments.queries import tracking_data
from ..base.extensions import db
from ..base.time import utcnow
from ..comments.models import Comment
from ..files.services import store_bytes
from ..files.sniffing import sniff
from ..organizations.models import Organization
from ..plans.models import ActionPlan, Axis, Commitment, CommitmentStatus, PlanStatus
from ..plans.versions import ContactData, MilestoneData, add_version, version_values
from ..tracking.models import CompletionStatus as S
from ..tracking.models import (
    Evidence,
    LeadOrganization,
    MilestoneStatus,
    ProgressUpdate,
    UpdateState,
)
from ..tracking.queries import tracked_version_id
from ..tracking.services import FILE_OWNER
from .pdf import text_pdf
from .tracking import GPAT, INFOM, _at, _member

PLAN_NUMBER = 6
PLAN_TITLE = "Plan de Acción de demostración en implementación 2024-2026"
AXES = ("Transparencia y acceso a la información", "Participación ciudadana")


# (number, title, axis, lead, [(milestone, start, end)])
COMMITMENTS = (
    (1, "Portal único de datos abiertos de compras públicas", 0, GPAT, (
        ("Inventario de los conjuntos de datos de compras de las instituciones.",
         date(2024, 9, 1), date(2025, 3, 31)),
        ("Publicación de los datos de compras del primer año en formato abierto.",
         date(2025, 1, 1), date(2025, 9, 30)),
        ("Guía de uso de los datos para organizaciones de sociedad civil.",
         date(2025, 6, 1), date(2026, 6, 30)),
        ("Actualización mensual automática de los datos.",
         date(2025, 10, 1), date(2026, 12, 31)),
    )),
    (2, "Mesas municipales de participación ciudadana", 1, INFOM, (
        ("Guía para instalar mesas municipales de gobierno abierto.",
         date(2024, 9, 1), date(2025, 2, 28)),
        ("Instalación de mesas en diez municipalidades.",
         date(2025, 3, 1), date(2026, 3, 31)),
        ("Informe de las propuestas recibidas por las mesas.",
         date(2026, 1, 1), date(2026, 11, 30)),
    )),
    (3, "Solicitudes de información pública en idiomas mayas", 0, GPAT, (
        ("Formularios de solicitud traducidos al k'iche', q'eqchi', kaqchikel y mam.",
         date(2024, 10, 1), date(2025, 6, 30)),
        ("Capacitación del personal de las unidades de información pública.",
         date(2025, 3, 1), date(2026, 6, 30)),
        ("Ventanilla telefónica de solicitudes en idiomas mayas.",
         date(2025, 9, 1), date(2026, 12, 31)),
    )),
)

# (commitment number, milestone, status, text, links, (pdf file name, title, lines) or None,
#  published at, withdrawn reason)
UPDATES = (
    (1, 1, S.COMPLETE,
     "Las 42 instituciones del Organismo Ejecutivo entregaron el inventario de sus conjuntos "
     "de datos de compras. El acta de cierre resume lo recibido.",
     (("https://www.guatecompras.gt", "Guatecompras"),),
     ("acta-inventario-datos-compras.pdf", "Acta de cierre del inventario",
      ("Acta de cierre del inventario de datos de compras",
       "Documento de demostración de Participa.",
       "42 instituciones entregaron su inventario.")),
     _at(2025, 4, 8), ""),
    (1, 2, S.SUBSTANTIAL,
     "Se publicaron los datos de compras de ocho meses del primer año; faltan los de cuatro "
     "instituciones, que los entregarán en el próximo trimestre.",
     (("https://www.guatecompras.gt", "Datos publicados"),), None, _at(2025, 10, 14), ""),
    (2, 1, S.COMPLETE,
     "La guía para instalar mesas municipales se aprobó y se envió a las municipalidades.",
     (("https://www.infom.gob.gt", "Guía de mesas municipales"),),
     ("guia-mesas-municipales.pdf", "Guía aprobada (resumen)",
      ("Guía para instalar mesas municipales de gobierno abierto",
       "Documento de demostración de Participa.",
       "Aprobada por la junta directiva del INFOM.")),
     _at(2025, 3, 18), ""),
    (2, 2, S.LIMITED,
     "Se instalaron mesas en tres de las diez municipalidades previstas: Totonicapán, Sololá "
     "y Cobán.", (), None, _at(2025, 11, 20), ""),
    (3, 1, S.WITHDRAWN,
     "Los formularios se sustituyen por la ventanilla telefónica del hito 3, que las "
     "organizaciones mayas consultadas prefirieron.", (), None, _at(2025, 7, 2),
     "Las organizaciones consultadas pidieron atención oral en lugar de formularios "
     "escritos."),
)
COMMENT = ("¿Los datos de compras publicados incluyen las compras por excepción durante la "
           "emergencia? Sería útil que la guía del hito 3 explique cómo encontrarlas.")
NARRATIVES = {
    "implementation": "Borrador de demostración. La MTGA revisó cada avance informado por las "
                      "instituciones antes de publicarlo; dos avances volvieron con "
                      "observaciones antes de publicarse.",
    "co_creation": "Borrador de demostración. Las organizaciones de sociedad civil "
                   "comentaron los avances publicados en la plataforma y en dos sesiones de "
                   "la Mesa Técnica.",
    "lessons": "Borrador de demostración. Los hitos con fechas verificables se informaron a "
               "tiempo; los que dependían de varias municipalidades se atrasaron.",
}
ASSESSMENT_COMMENT = ("La autoevaluación debería explicar por qué se retiró el hito de los "
                      "formularios en idiomas mayas y cómo se medirá la ventanilla telefónica.")
ASSESSMENT_ANSWER = ("Gracias: la versión que se publique incluirá la razón del retiro, "
                     "acordada con las organizaciones consultadas, y los indicadores de la "
                     "ventanilla.")


def _plan() -> ActionPlan:
    plan = ActionPlan(number=PLAN_NUMBER, title=PLAN_TITLE, start_year=2024, end_year=2026,
                      status=PlanStatus.IN_IMPLEMENTATION)
    db.session.add(plan)
    db.session.flush()
    for position, name in enumerate(AXES, start=1):
        db.session.add(Axis(plan_id=plan.id, name=name, position=position))
    db.session.flush()
    return plan


def load_plan_in_implementation(*, reporter: User, moderator: User | None,
                                commenter: User | None) -> str:
    """Once: the plan in implementation, its tracking and its mid-term self-assessment."""
    organizations = {o.name: o for o in db.session.scalars(
        sa.select(Organization).where(Organization.name.in_([GPAT, INFOM])))}
    if moderator is None or len(organizations) < 2 or db.session.scalar(
            sa.select(ActionPlan.id).where(ActionPlan.number == PLAN_NUMBER)) is not None:
        return "Plan en implementación: nada nuevo."
    plan = _plan()
    axes = list(db.session.scalars(sa.select(Axis).where(Axis.plan_id == plan.id)
                                   .order_by(Axis.position)))
    commitments: dict[int, Commitment] = {}
    for number, title, axis, lead, milestones in COMMITMENTS:
        commitment = Commitment(plan_id=plan.id, number=number, title=title,
                                axis_id=axes[axis].id, lead_institution=lead,
                                status=CommitmentStatus.ACTIVE)
        db.session.add(commitment)
        db.session.flush()
        add_version(
            commitment=commitment, number=1, author=None, is_final=True,
            created_at=_at(2024, 8, 30),
            values={**version_values(None), "title": title, "lead_institution": lead,
                    "start_date": date(2024, 9, 1), "end_date": date(2026, 12, 31),
                    "problem": f"Texto de demostración: el problema que atiende «{title}».",
                    "commitment_text": f"Texto de demostración: qué hará «{title}».",
                    "contribution": "Texto de demostración: cómo contribuye a resolverlo.",
                    "ogp_relevance": "Transparencia; participación ciudadana."},
            milestones=[MilestoneData(n, text, lead, True, start, end)
                        for n, (text, start, end) in enumerate(milestones, start=1)],
            contacts=[ContactData(f"Enlace de gobierno abierto ({lead})")],
            change_note="Versión final del plan de demostración.")
        organization = organizations[lead]
        _member(reporter, organization)
        db.session.add(LeadOrganization(commitment_id=commitment.id,
                                        organization_id=organization.id,
                                        set_at=_at(2024, 9, 2), set_by_id=moderator.id))
        commitments[number] = commitment
    db.session.flush()
    first = None
    for number, milestone, status, text, links, pdf, published, reason in UPDATES:
        commitment = commitments[number]
        sent = published - timedelta(days=7)
        update = ProgressUpdate(
            commitment_id=commitment.id, milestone_number=milestone, status=status, body=text,
            withdrawn_reason=reason, state=UpdateState.PUBLISHED, author_id=reporter.id,
            organization_id=organizations[commitment.lead_institution].id, created_at=sent,
            updated_at=published, submitted_at=sent, reviewed_at=published,
            reviewer_id=moderator.id, review_note="", published_at=published)
        evidence = [Evidence(url=url, title=title, position=position, created_at=sent)
                    for position, (url, title) in enumerate(links)]
        if pdf is not None:
            name, title, lines = pdf
            data = text_pdf(lines)
            stored = store_bytes(data, sniff(data), name=name, user=reporter, owner=FILE_OWNER)
            evidence.append(Evidence(file_id=stored.id, title=title, position=len(evidence),
                                     created_at=sent))
        update.evidence = evidence
        db.session.add(update)
        db.session.flush()
        db.session.add(MilestoneStatus(
            commitment_id=commitment.id, milestone_number=milestone, status=status,
            withdrawn_reason=reason, update_id=update.id, changed_at=published))
        first = first or update
    if commenter is not None and first is not None:
        db.session.add(Comment(
            update_id=first.id, version_id=tracked_version_id(first.commitment_id),
            author_id=commenter.id, body=COMMENT, language="es", depth=0,
            created_at=_at(2025, 4, 21)))
    db.session.flush()
    # The mid-term self-assessment, open for comment now, built from the tracking above.
    now = utcnow()
    assessment = SelfAssessment(plan_id=plan.id, kind=AssessmentKind.MID_TERM,
                                state=AssessmentState.IN_COMMENTS, created_at=now,
                                created_by_id=moderator.id, comments_from=now,
                                comments_until=now + timedelta(days=30))
    db.session.add(assessment)
    db.session.flush()
    db.session.add(AssessmentVersion(assessment_id=assessment.id, number=1,
                                     author_id=moderator.id, created_at=now,
                                     tracking=tracking_data(plan, now), **NARRATIVES))
    if commenter is not None:
        question = Comment(assessment_id=assessment.id, author_id=commenter.id,
                           body=ASSESSMENT_COMMENT, language="es", depth=0, created_at=now)
        db.session.add(question)
        db.session.flush()
        db.session.add(Comment(assessment_id=assessment.id, parent_id=question.id, depth=1,
                               author_id=moderator.id, body=ASSESSMENT_ANSWER, language="es",
                               created_at=now))
    db.session.flush()
    return (f"Plan en implementación «{PLAN_TITLE}»: {len(COMMITMENTS)} compromisos, "
            f"{len(UPDATES)} avances publicados, autoevaluación de medio término abierta a "
            "comentarios por 30 días.")
