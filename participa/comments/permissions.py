"""Who may comment, reply and edit, and when. Each rule is one function of the user, the thing
commented on and the time (``now``, default the present) that answers with its refusal (a
``base.errors`` error: its status and the one copy of its message) or None; views ask it,
the thread partials show why a form is not offered, services ``enforce`` it.

- Comments on a **proposal** are open while its round is in the proposals phase or in the
  MTGA's review phase (``PROPOSAL_COMMENT_PHASES``), unless the proposal was withdrawn.
- Comments on a **draft commitment** are open in its round's comments phase, on commitments
  still in ``borrador`` of that round. New comments go on the newest version; replies go on
  the version of the comment they answer (see ``docs/decisions.md``, "Comments").
- Comments on a **published progress update** of a commitment are open as long as it is
  published (``update_comment_refusal``).
- Comments on a **self-assessment** are open during its public comment period
  (``assessment_closed_refusal``); the MTGA may still answer them after the period, until the
  self-assessment is published (``assessment_answer_refusal``).
- Only people who may participate (signed in, confirmed address, not deleted, not blocked)
  comment.
- Hidden and pending proposals take no comments; hidden and pending comments take no
  replies, and a hidden comment is not edited any more (``participa.content.visibility``).
- The author may edit a comment for ``COMMENT_EDIT_SECONDS`` (default 900) after posting it,
  while comments on its page are open. Nobody deletes comments (moderation hides them).
"""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from ..accounts.blocking import blocked_message
from ..assessments.models import AssessmentState, SelfAssessment
from ..assessments.permissions import can_write as can_write_assessments
from ..base.errors import Conflict, DomainError, NotAllowed, allows
from ..base.extensions import db
from ..base.time import utcnow
from ..consultations.models import ConsultationRound, PhaseKind
from ..consultations.permissions import can_participate, is_blocked
from ..consultations.phases import PhaseClosed, is_open, phase_of, require_open
from ..content.visibility import is_hidden, is_pending, is_public
from ..i18n.dates import format_local
from ..plans.models import Commitment, CommitmentStatus, CommitmentVersion
from ..proposals.models import Proposal
from ..tracking.models import ProgressUpdate, UpdateState
from ..workshops.models import Workshop
from ..workshops.permissions import entry_refusal
from .models import Comment

PROPOSAL_COMMENT_PHASES = (PhaseKind.PROPOSALS, PhaseKind.REVIEW)
DRAFT_COMMENT_PHASE = PhaseKind.COMMENTS
# Depths 0 (a comment), 1 (a reply) and 2 (a reply to a reply): three levels.
MAX_DEPTH = 2
EDIT_SECONDS_DEFAULT = 900

# The titles of the 409 pages: the page takes no comments, the comment no more edits.
CLOSED = _l("Los comentarios están cerrados aquí")
NOT_EDITABLE = _l("Ya no se puede modificar")


def _now(now: datetime | None) -> datetime:
    return now if now is not None else utcnow()


def edit_seconds() -> int:
    return int(current_app.config.get("COMMENT_EDIT_SECONDS", EDIT_SECONDS_DEFAULT))


def edit_deadline(comment: Comment) -> datetime:
    return comment.created_at + timedelta(seconds=edit_seconds())


def round_of(commitment: Commitment) -> ConsultationRound | None:
    """The consultation round a draft commitment is co-created in (None for the record)."""
    if commitment.round_id is None:
        return None
    return db.session.get(ConsultationRound, commitment.round_id)


def newest_version_number(commitment: Commitment) -> int | None:
    return db.session.scalar(
        sa.select(sa.func.max(CommitmentVersion.number)).where(
            CommitmentVersion.commitment_id == commitment.id
        )
    )


class ProposalCommentsClosed(PhaseClosed):
    """Comments on proposals are open in two phases (proposals and review): the message
    names both, with their dates."""

    def __str__(self) -> str:
        phases = [
            phase for kind in PROPOSAL_COMMENT_PHASES
            if (phase := phase_of(self.round, kind)) is not None
        ]
        if not phases:
            return _("Esta consulta no tiene fases en las que se comenten las propuestas.")
        dates = "; ".join(
            _("«%(phase)s», del %(start)s al %(end)s", phase=phase.kind.label,
              start=format_local(phase.starts_at), end=format_local(phase.ends_at))
            for phase in phases
        )
        return _(
            "Las propuestas se pueden comentar durante estas fases de la consulta: %(dates)s.",
            dates=dates,
        )


# Who takes part ---------------------------------------------------------------------------


def participant_refusal(user: object) -> DomainError | None:
    """Signed in, with a confirmed address, not deleted and not blocked (whatever the
    page): the moderation's block says why and until when."""
    if can_participate(user):
        return None
    if is_blocked(user):
        return NotAllowed(blocked_message(user))  # type: ignore[arg-type]
    if getattr(user, "is_deleted", False):
        return NotAllowed(_l("Esta cuenta fue eliminada."))
    return NotAllowed(_l(
        "Confirme su correo electrónico para poder comentar. Si no recibió el correo, puede "
        "pedir que se lo enviemos de nuevo desde su perfil."))


can_comment = allows(participant_refusal)


# Is the page open for comments? -----------------------------------------------------------


def proposal_phases_open(round: ConsultationRound, now: datetime | None = None) -> bool:
    now = _now(now)
    return any(is_open(round, kind, now) for kind in PROPOSAL_COMMENT_PHASES)


def proposal_closed_refusal(proposal: Proposal, now: datetime | None = None
                            ) -> DomainError | None:
    """The proposal takes comments now: not withdrawn, public, in one of its round's
    comment phases (``ProposalCommentsClosed`` names them)."""
    if proposal.is_withdrawn:
        return Conflict(_l("La propuesta fue retirada: ya no recibe comentarios."),
                        title=CLOSED)
    if is_hidden(proposal):
        return Conflict(_l("La moderación ocultó la propuesta: ya no recibe comentarios."),
                        title=CLOSED)
    if is_pending(proposal):
        return Conflict(_l("La propuesta espera la aprobación de la moderación: todavía no "
                           "recibe comentarios."), title=CLOSED)
    now = _now(now)
    if not proposal_phases_open(proposal.round, now):
        return ProposalCommentsClosed(proposal.round, PROPOSAL_COMMENT_PHASES[0], now)
    return None



def draft_closed_refusal(commitment: Commitment, round: ConsultationRound | None,
                         now: datetime | None = None) -> DomainError | None:
    """A draft commitment of a round whose comments phase is open now. ``round`` is
    ``round_of(commitment)`` (given, so a page asks for it once)."""
    if commitment.status != CommitmentStatus.DRAFT:
        return Conflict(_l("Solo se pueden comentar los borradores de compromiso."),
                        title=CLOSED)
    if round is None or commitment.round_id != round.id:
        return Conflict(_l("Este borrador no está en ninguna consulta."), title=CLOSED)
    try:
        require_open(round, DRAFT_COMMENT_PHASE, _now(now))
    except PhaseClosed as closed:
        return closed
    return None


draft_comments_open = allows(draft_closed_refusal)


def update_closed_refusal(update: ProgressUpdate) -> DomainError | None:
    """A progress update takes comments once the MTGA published it, for as long as it is
    public (the dialogue of the implementation has no phase)."""
    if update.state != UpdateState.PUBLISHED:
        return Conflict(_l("Solo se pueden comentar los avances publicados."), title=CLOSED)
    return None


def update_comment_refusal(user: object, update: ProgressUpdate) -> DomainError | None:
    """A new comment on a published progress update."""
    return participant_refusal(user) or update_closed_refusal(update)


def assessment_closed_refusal(assessment: SelfAssessment, now: datetime | None = None
                              ) -> DomainError | None:
    """A self-assessment takes comments during its public comment period only: not while
    it is a draft, nor once the period is over."""
    now = _now(now)
    if assessment.comments_open(now):
        return None
    if assessment.state == AssessmentState.DRAFT or assessment.comments_until is None:
        return Conflict(_l("Esta autoevaluación todavía no está abierta a comentarios del "
                           "público."), title=CLOSED)
    return Conflict(_("El período de comentarios de esta autoevaluación terminó el "
                      "%(date)s.", date=format_local(assessment.comments_until)),
                    title=CLOSED)


def assessment_comment_refusal(user: object, assessment: SelfAssessment,
                               now: datetime | None = None) -> DomainError | None:
    """A new comment on a self-assessment: anyone who may participate, in the period."""
    return participant_refusal(user) or assessment_closed_refusal(assessment, now)


def assessment_answer_refusal(user: object, assessment: SelfAssessment,
                              now: datetime | None = None) -> DomainError | None:
    """Replies to (and edits of) the comments on a self-assessment: anyone during the
    period; the MTGA also after it, until the self-assessment is published."""
    if (can_write_assessments(user) and assessment.state == AssessmentState.IN_COMMENTS):
        return None
    return assessment_closed_refusal(assessment, now)


def closed_refusal_on(comment: Comment, now: datetime | None = None,
                      user: object = None) -> DomainError | None:
    """Replies and edits: the page the comment is on still takes comments (from ``user``)."""
    if comment.assessment_id is not None:
        return assessment_answer_refusal(user, comment.assessment, now)
    if comment.update_id is not None:
        return update_closed_refusal(comment.update)
    if comment.proposal_id is not None:
        return proposal_closed_refusal(comment.proposal, now)
    commitment = comment.version.commitment
    return draft_closed_refusal(commitment, round_of(commitment), now)



def not_newest_refusal(version: CommitmentVersion) -> DomainError | None:
    """New comments on a draft go on its newest version."""
    newest = newest_version_number(version.commitment)
    if newest is not None and version.number != newest:
        return Conflict(_(
            "Esta versión del borrador ya fue reemplazada por la versión %(number)d: "
            "comente la versión vigente.", number=newest,
        ), title=CLOSED)
    return None


# What a person may do ---------------------------------------------------------------------


def comment_refusal(user: object, proposal: Proposal, now: datetime | None = None
                    ) -> DomainError | None:
    """A new comment on a proposal."""
    return participant_refusal(user) or proposal_closed_refusal(proposal, now)


def version_comment_refusal(user: object, version: CommitmentVersion,
                            now: datetime | None = None) -> DomainError | None:
    """A new comment on the newest version of an open draft."""
    commitment = version.commitment
    return (participant_refusal(user)
            or draft_closed_refusal(commitment, round_of(commitment), now)
            or not_newest_refusal(version))


# Comments gathered at a workshop ----------------------------------------------------------

WORKSHOP_OUTSIDE_COMMENTS = _l(
    "Este taller no se realizó durante la fase de comentarios a los borradores de su "
    "consulta: sus comentarios a los borradores no se pueden registrar.")
WORKSHOP_ROUND_PUBLISHED = _l(
    "El plan de esta consulta ya se publicó: no entran más comentarios a sus borradores.")


def workshop_comments_refusal(user: object, workshop: Workshop) -> DomainError | None:
    """The MTGA enters the comments on draft commitments gathered at a workshop held during
    its round's comments phase, until the round's plan is published
    (``workshops.permissions.entry_refusal``)."""
    return entry_refusal(user, workshop, DRAFT_COMMENT_PHASE,
                         published=WORKSHOP_ROUND_PUBLISHED, outside=WORKSHOP_OUTSIDE_COMMENTS)


def workshop_draft_refusal(workshop: Workshop, commitment: Commitment | None
                           ) -> DomainError | None:
    """The comment is on a draft commitment of the workshop's round."""
    if (commitment is None or commitment.round_id != workshop.round_id
            or commitment.status != CommitmentStatus.DRAFT):
        return Conflict(_l("Elija uno de los borradores de compromiso de esta consulta."),
                        field="commitment")
    return None


can_comment_on_proposal = allows(comment_refusal)


can_comment_on_version = allows(version_comment_refusal)


def unpublic_refusal(comment: Comment) -> DomainError | None:
    """Replies go under visible comments only (a hidden one keeps its place, closed; a
    pending one is not public yet)."""
    if is_public(comment):
        return None
    if is_hidden(comment):
        return Conflict(_l("La moderación ocultó este comentario: ya no recibe respuestas."),
                        title=CLOSED)
    return Conflict(_l("Este comentario espera la aprobación de la moderación: todavía no "
                       "recibe respuestas."), title=CLOSED)


def reply_refusal(user: object, comment: Comment, now: datetime | None = None
                  ) -> DomainError | None:
    return (participant_refusal(user) or closed_refusal_on(comment, now, user)
            or unpublic_refusal(comment))


can_reply = allows(reply_refusal)



def within_edit_window(comment: Comment, now: datetime | None = None) -> bool:
    return _now(now) < edit_deadline(comment)


def edit_window_message() -> str:
    minutes = max(edit_seconds() // 60, 1)
    return ngettext(
        "Un comentario solo se puede modificar durante %(num)d minuto después de publicarlo.",
        "Un comentario solo se puede modificar durante %(num)d minutos después de publicarlo.",
        minutes,
    )


def edit_refusal(user: object, comment: Comment, now: datetime | None = None
                 ) -> DomainError | None:
    """The author, within the edit window, while the comment is not hidden and the page
    still takes comments."""
    if comment.workshop_id is not None:
        return Conflict(_l("Un comentario recogido en un taller no se modifica en línea: la "
                           "moderación lo oculta y se registra de nuevo."), title=NOT_EDITABLE)
    if getattr(user, "id", None) != comment.author_id:
        return NotAllowed(_l("Solo quien escribió el comentario puede modificarlo."))
    if (refusal := participant_refusal(user)) is not None:
        return refusal
    if is_hidden(comment):
        return Conflict(_l("La moderación ocultó el comentario: ya no se puede modificar."),
                        title=NOT_EDITABLE)
    if not within_edit_window(comment, now):
        return Conflict(edit_window_message(), title=NOT_EDITABLE)
    return closed_refusal_on(comment, now, user)


can_edit_comment = allows(edit_refusal)
