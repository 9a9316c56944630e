"""Posting, replying to and editing comments. Services flush; views and commands commit.

Refusals: ``PhaseClosed`` (or its subclass ``ProposalCommentsClosed``) when the phase is not
open, answered 409 app-wide by the consultations blueprint; ``CommentError`` for everything
else, with ``field`` naming the form field when it belongs to one.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import ngettext

from ..accounts.blocking import blocked_message
from ..accounts.models import User
from ..base.extensions import db
from ..base.time import utcnow
from ..consultations.phases import PhaseClosed, phase_of, require_open
from ..content.abuse import link_limit_problem
from ..content.text import clean_paragraphs
from ..content.visibility import initial_state, is_hidden, is_pending, is_public
from ..i18n.dates import format_local
from ..organizations.models import Organization
from ..organizations.permissions import can_act_for
from ..plans.models import CommitmentStatus, CommitmentVersion, Milestone
from ..plans.template_sections import SECTION_KEYS
from ..proposals.models import Proposal
from . import permissions
from .models import BODY_MAX, Comment, CommentRevision, Stance


class CommentError(Exception):
    """A refused operation; ``str(error)`` is a translated message and ``field``, when set,
    names the form field it belongs to."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class CommentBlocked(CommentError):
    """The moderation blocked the person's account (the views answer 403)."""


class ProposalCommentsClosed(PhaseClosed):
    """Comments on proposals are open in two phases (proposals and review): the message
    names both, with their dates."""

    def __str__(self) -> str:
        phases = [
            phase for kind in permissions.PROPOSAL_COMMENT_PHASES
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


# Checks -----------------------------------------------------------------------------------


def _check_participant(user: User) -> None:
    if user.is_deleted:
        raise CommentError(_("Esta cuenta fue eliminada."))
    if not user.is_confirmed:
        raise CommentError(
            _("Confirme su correo electrónico para poder participar en la consulta.")
        )
    if user.is_blocked:
        raise CommentBlocked(blocked_message(user))


def _check_links(user: User, text: str, now: datetime) -> None:
    """New accounts may put only a few links in a comment (``participa.content.abuse``)."""
    problem = link_limit_problem(user, [("body", text)], now)
    if problem is not None:
        field, message = problem
        raise CommentError(message, field=field)


def _clean_body(body: str | None) -> str:
    text = clean_paragraphs(body or "")
    if not text:
        raise CommentError(_("Escriba su comentario."), field="body")
    if len(text) > BODY_MAX:
        raise CommentError(
            _("No puede tener más de %(max)d caracteres.", max=BODY_MAX), field="body"
        )
    return text


def _check_organization(user: User, organization: Organization | None) -> None:
    if organization is not None and not can_act_for(user, organization):
        raise CommentError(
            _("Solo puede hablar en nombre de una organización verificada de la que es "
              "integrante."),
            field="organization",
        )


def require_proposal_open(proposal: Proposal, now: datetime | None = None) -> None:
    """Raise unless the proposal takes comments now (PhaseClosed answers 409)."""
    now = now or utcnow()
    if proposal.is_withdrawn:
        raise CommentError(_("La propuesta fue retirada: ya no recibe comentarios."))
    if is_hidden(proposal):
        raise CommentError(_("La moderación ocultó la propuesta: ya no recibe comentarios."))
    if is_pending(proposal):
        raise CommentError(
            _("La propuesta espera la aprobación de la moderación: todavía no recibe "
              "comentarios.")
        )
    if not permissions.proposal_phases_open(proposal.round, now):
        raise ProposalCommentsClosed(proposal.round, permissions.PROPOSAL_COMMENT_PHASES[0],
                                     now)


def require_draft_open(version: CommitmentVersion, now: datetime | None = None) -> None:
    """Raise unless the version's commitment is a draft of a round whose comments phase is
    open now."""
    commitment = version.commitment
    if commitment.status != CommitmentStatus.DRAFT:
        raise CommentError(_("Solo se pueden comentar los borradores de compromiso."))
    round = permissions.round_of(commitment)
    if round is None:
        raise CommentError(_("Este borrador no está en ninguna consulta."))
    require_open(round, permissions.DRAFT_COMMENT_PHASE, now or utcnow())


def require_newest(version: CommitmentVersion) -> None:
    newest = permissions.newest_version_number(version.commitment)
    if newest is not None and version.number != newest:
        raise CommentError(_(
            "Esta versión del borrador ya fue reemplazada por la versión %(number)d: "
            "comente la versión vigente.", number=newest,
        ))


def require_open_for(comment: Comment, now: datetime | None = None) -> None:
    """Raise unless the page the comment is on takes comments now."""
    if comment.proposal_id is not None:
        require_proposal_open(comment.proposal, now)
    else:
        require_draft_open(comment.version, now)


def require_public(comment: Comment) -> None:
    """Replies go under visible comments only (a hidden one keeps its place, closed; a
    pending one is not public yet)."""
    if is_public(comment):
        return
    if is_hidden(comment):
        raise CommentError(_("La moderación ocultó este comentario: ya no recibe respuestas."))
    raise CommentError(
        _("Este comentario espera la aprobación de la moderación: todavía no recibe "
          "respuestas.")
    )


def _round_of_comment(comment: Comment):
    if comment.proposal_id is not None:
        return comment.proposal.round
    return permissions.round_of(comment.version.commitment)


def _anchor(
    version: CommitmentVersion, section: str | None, milestone_number: int | None
) -> tuple[str | None, int | None]:
    if section is not None and milestone_number is not None:
        raise CommentError(
            _("Elija una sección o un hito, no los dos."), field="anchor"
        )
    if section is not None and section not in SECTION_KEYS:
        raise CommentError(_("Elija una de las secciones del borrador."), field="anchor")
    if milestone_number is not None:
        exists = db.session.scalar(
            sa.select(Milestone.id).where(
                Milestone.version_id == version.id, Milestone.number == milestone_number
            )
        )
        if exists is None:
            raise CommentError(
                _("Elija uno de los hitos de esta versión del borrador."), field="anchor"
            )
    return section, milestone_number


def reply_parent(comment: Comment) -> Comment:
    """Where a reply to ``comment`` attaches: the comment itself, or, when it is already at
    the deepest level, its parent (the reply then sits beside it, at the same depth)."""
    while comment.depth >= permissions.MAX_DEPTH and comment.parent is not None:
        comment = comment.parent
    return comment


# Operations -------------------------------------------------------------------------------


def post_comment(
    *,
    author: User,
    body: str,
    proposal: Proposal | None = None,
    version: CommitmentVersion | None = None,
    organization: Organization | None = None,
    stance: Stance | str | None = None,
    section: str | None = None,
    milestone_number: int | None = None,
    now: datetime | None = None,
) -> Comment:
    """A new comment (not a reply) on a proposal, or on the newest version of a draft
    commitment, optionally anchored there to a section of the template or a milestone."""
    if (proposal is None) == (version is None):
        raise ValueError("a comment goes on a proposal or on a version, exactly one")
    now = now or utcnow()
    if proposal is not None:
        require_proposal_open(proposal, now)
        if section is not None or milestone_number is not None:
            raise CommentError(_("Los comentarios a una propuesta no se anclan a una sección."),
                               field="anchor")
        round = proposal.round
    else:
        require_draft_open(version, now)
        require_newest(version)
        section, milestone_number = _anchor(version, section, milestone_number)
        round = permissions.round_of(version.commitment)
    _check_participant(author)
    text = _clean_body(body)
    _check_links(author, text, now)
    _check_organization(author, organization)
    comment = Comment(
        proposal=proposal,
        version=version,
        parent=None,
        depth=0,
        author=author,
        organization=organization,
        stance=Stance(stance) if stance else None,
        section=section,
        milestone_number=milestone_number,
        body=text,
        created_at=now,
        moderation_state=initial_state(author, round, now),
    )
    db.session.add(comment)
    db.session.flush()
    return comment


def post_reply(
    *,
    author: User,
    parent: Comment,
    body: str,
    organization: Organization | None = None,
    now: datetime | None = None,
) -> Comment:
    """A reply in the thread of ``parent``: on the same proposal or version (an answer to a
    comment about version 1 stays with version 1), with its anchor, one level deeper, up to
    ``MAX_DEPTH`` (deeper replies attach beside their parent, see ``reply_parent``). Replies
    take no stance."""
    now = now or utcnow()
    require_open_for(parent, now)
    require_public(parent)
    _check_participant(author)
    text = _clean_body(body)
    _check_links(author, text, now)
    _check_organization(author, organization)
    attach_to = reply_parent(parent)
    require_public(attach_to)
    reply = Comment(
        proposal_id=attach_to.proposal_id,
        version_id=attach_to.version_id,
        parent=attach_to,
        depth=attach_to.depth + 1,
        author=author,
        organization=organization,
        stance=None,
        section=attach_to.section,
        milestone_number=attach_to.milestone_number,
        body=text,
        created_at=now,
        moderation_state=initial_state(author, _round_of_comment(attach_to), now),
    )
    db.session.add(reply)
    db.session.flush()
    return reply


def edit_comment(
    *, editor: User, comment: Comment, body: str, now: datetime | None = None
) -> bool:
    """Replace the text of one's own comment within the edit window, keeping the earlier
    text as a ``CommentRevision``. False when the text did not change (nothing is stored)."""
    now = now or utcnow()
    if editor.id != comment.author_id:
        raise CommentError(_("Solo quien escribió el comentario puede modificarlo."))
    _check_participant(editor)
    # Re-read the row locked (PostgreSQL; SQLite's write transactions are serialised), so
    # two edits at once both keep the text they replace.
    db.session.scalars(
        sa.select(Comment)
        .where(Comment.id == comment.id)
        .with_for_update(of=Comment)
        .execution_options(populate_existing=True)
    ).one()
    if not permissions.within_edit_window(comment, now):
        raise CommentError(edit_window_message())
    if is_hidden(comment):
        raise CommentError(_("La moderación ocultó el comentario: ya no se puede modificar."))
    require_open_for(comment, now)
    text = _clean_body(body)
    _check_links(editor, text, now)
    if text == comment.body:
        return False
    db.session.add(CommentRevision(
        comment_id=comment.id,
        body=comment.body,
        created_at=comment.edited_at or comment.created_at,
        replaced_at=now,
    ))
    comment.body = text
    comment.edited_at = now
    db.session.flush()
    return True


def edit_window_message() -> str:
    minutes = max(permissions.edit_seconds() // 60, 1)
    return ngettext(
        "Un comentario solo se puede modificar durante %(num)d minuto después de publicarlo.",
        "Un comentario solo se puede modificar durante %(num)d minutos después de publicarlo.",
        minutes,
    )

