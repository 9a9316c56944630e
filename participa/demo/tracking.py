"""Demo data of implementation tracking, for ``flask demo load``: the 4th plan's GT0099 and
GT0094, whose official templates (``plans.template_data``) give their milestones, are
reported by the institutions named in them (GPAT and INFOM) through the demo's institutional
account: some updates published by the MTGA (with evidence links and a citizen's comment),
one waiting for review, one returned with a note. The texts are written for the demo. Rows
are added directly, once (a second load adds nothing), and nothing is written to the audit
log: loading demo data is not anyone's action."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa

from ..accounts.models import User
from ..base.extensions import db
from ..comments.models import Comment
from ..organizations.models import Membership, MembershipStatus, Organization
from ..plans.models import Commitment
from ..tracking.models import (
    CompletionStatus as S,
)
from ..tracking.models import (
    Evidence,
    LeadOrganization,
    MilestoneStatus,
    ProgressUpdate,
    UpdateState,
)
from ..tracking.queries import tracked_version_id

GPAT = "Comisión Presidencial de Gestión Pública Abierta y Transparencia"
INFOM = "Instituto de Fomento Municipal"


def _at(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, 16, 0, tzinfo=UTC)


# (OGP code, milestone, status, state, text, links, sent, decided, note)
UPDATES = (
    ("GT0099", 1, S.COMPLETE, UpdateState.PUBLISHED,
     "La mesa de trabajo interinstitucional quedó instalada y aprobó su hoja de ruta en su "
     "primera sesión. El acta está publicada en el portal de la Comisión.",
     (("https://www.gobiernoabierto.gob.gt", "Portal de Gobierno Abierto"),),
     _at(2019, 3, 4), _at(2019, 3, 11), ""),
    ("GT0099", 2, S.SUBSTANTIAL, UpdateState.PUBLISHED,
     "El borrador de la estrategia se consultó en tres talleres regionales; falta incorporar "
     "los aportes de la última consulta antes de su aprobación.",
     (("https://www.gobiernoabierto.gob.gt", "Memoria de los talleres"),),
     _at(2019, 9, 2), _at(2019, 9, 9), ""),
    ("GT0099", 3, S.LIMITED, UpdateState.IN_REVIEW,
     "Se elaboró la propuesta de indicadores de seguimiento; su validación con las "
     "instituciones está pendiente.", (), _at(2020, 2, 3), None, ""),
    ("GT0094", 1, S.COMPLETE, UpdateState.PUBLISHED,
     "La guía de gobierno abierto municipal se publicó y se distribuyó a las municipalidades "
     "participantes.",
     (("https://www.infom.gob.gt", "Guía de gobierno abierto municipal"),),
     _at(2019, 6, 3), _at(2019, 6, 10), ""),
    ("GT0094", 2, S.COMPLETE, UpdateState.RETURNED,
     "Las capacitaciones se realizaron.", (), _at(2019, 11, 4), _at(2019, 11, 8),
     "Indique cuántas municipalidades participaron y enlace la lista de asistencia o el "
     "informe de las capacitaciones."),
)
COMMENT = ("¿Se publicarán también las memorias de los talleres en idiomas mayas? En "
           "Sololá varias organizaciones participaron en k'iche' y kaqchikel.")


def _member(user: User, organization: Organization) -> None:
    if db.session.scalar(sa.select(Membership.id).where(
            Membership.user_id == user.id, Membership.organization_id == organization.id)):
        return
    db.session.add(Membership(user_id=user.id, organization_id=organization.id,
                              status=MembershipStatus.ACCEPTED, decided_at=_at(2019, 1, 7)))


def load_tracking(*, reporter: User, moderator: User | None, commenter: User | None) -> int:
    """The demo's progress updates (once); how many were added."""
    commitments = {c.ogp_code: c for c in db.session.scalars(
        sa.select(Commitment).where(Commitment.ogp_code.in_(["GT0099", "GT0094"])))}
    organizations = {o.name: o for o in db.session.scalars(
        sa.select(Organization).where(Organization.name.in_([GPAT, INFOM])))}
    if len(commitments) < 2 or len(organizations) < 2 or moderator is None:
        return 0
    if db.session.scalar(sa.select(ProgressUpdate.id).where(
            ProgressUpdate.commitment_id.in_([c.id for c in commitments.values()])).limit(1)):
        return 0
    leads = {"GT0099": organizations[GPAT], "GT0094": organizations[INFOM]}
    for code, organization in leads.items():
        _member(reporter, organization)
        if db.session.get(LeadOrganization, commitments[code].id) is None:
            db.session.add(LeadOrganization(commitment_id=commitments[code].id,
                                            organization_id=organization.id,
                                            set_at=_at(2019, 1, 7), set_by_id=moderator.id))
    added = 0
    first_published = None
    for code, number, status, state, text, links, sent, decided, note in UPDATES:
        commitment = commitments[code]
        update = ProgressUpdate(
            commitment_id=commitment.id, milestone_number=number, status=status, body=text,
            state=state, author_id=reporter.id, organization_id=leads[code].id,
            created_at=sent, updated_at=decided or sent, submitted_at=sent,
            reviewed_at=decided, reviewer_id=moderator.id if decided else None,
            review_note=note, published_at=decided if state == UpdateState.PUBLISHED else None,
        )
        update.evidence = [Evidence(url=url, title=title, position=position, created_at=sent)
                           for position, (url, title) in enumerate(links)]
        db.session.add(update)
        db.session.flush()
        if state == UpdateState.PUBLISHED:
            db.session.merge(MilestoneStatus(
                commitment_id=commitment.id, milestone_number=number, status=status,
                withdrawn_reason="", update_id=update.id, changed_at=decided))
            first_published = first_published or update
        added += 1
    if commenter is not None and first_published is not None:
        db.session.add(Comment(
            update_id=first_published.id,
            version_id=tracked_version_id(first_published.commitment_id),
            author_id=commenter.id, body=COMMENT, language="es", depth=0,
            created_at=_at(2019, 3, 20)))
    db.session.flush()
    return added
