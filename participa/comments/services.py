"""Posting, replying to and editing comments. Services flush; the request (or the command)
commits.

Refusals are ``base.errors`` errors: the rules of ``permissions`` (who, where, when), enforced
here as the views ask them, and ``Invalid`` with ``field`` for what was typed.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _

from ..accounts.models import User
from ..assessments.models import SelfAssessment
from ..audit.services import record
from ..base.errors import Invalid, enforce
from ..base.extensions import db
from ..base.time import local_zone, utcnow
from ..content.abuse import link_limit_problem
from ..content.language import checked_language
from ..content.text import checked, clean_paragraphs
from ..content.visibility import ModerationState, initial_state, is_public
from ..notifications import following
from ..notifications.services import notify, path_for
from ..organizations.models import Organization
from ..organizations.permissions import acting_for_refusal
from ..plans.models import Commitment, CommitmentVersion, Milestone
from ..plans.template_sections import SECTION_KEYS
from ..proposals.models import Proposal
from ..tracking.models import ProgressUpdate
from ..tracking.queries import tracked_version_id
from ..workshops.models import Workshop
from . import permissions
from .models import BODY_MAX, Comment, CommentRevision, Stance
from .threads import comment_place

# Notifications (rendered by notification_kinds).
COMMENT_REPLY = "comment_reply"
PROPOSAL_COMMENT = "proposal_comment"

# Checks -----------------------------------------------------------------------------------


def _check_links(user: User, text: str, now: datetime) -> None:
    """New accounts may put only a few links in a comment (``participa.content.abuse``)."""
    problem = link_limit_problem(user, [("body", text)], now)
    if problem is not None:
        field, message = problem
        raise Invalid(message, field=field)


def _clean_body(body: str | None) -> str:
    return checked(clean_paragraphs(body or ""), field="body", maximum=BODY_MAX,
                   missing=_("Escriba su comentario."))


def _language(code: str | None) -> str | None:
    """An enabled language (else the refusal on the form's field), or None: not said."""
    return checked_language(code) if code is not None else None


def _round_of_comment(comment: Comment):
    if comment.assessment_id is not None:
        return None
    if comment.proposal_id is not None:
        return comment.proposal.round
    return permissions.round_of(comment.version.commitment)


def _anchor(
    version: CommitmentVersion, section: str | None, milestone_number: int | None
) -> tuple[str | None, int | None]:
    if section is not None and milestone_number is not None:
        raise Invalid(
            _("Elija una sección o un hito, no los dos."), field="anchor"
        )
    if section is not None and section not in SECTION_KEYS:
        raise Invalid(_("Elija una de las secciones del borrador."), field="anchor")
    if milestone_number is not None:
        exists = db.session.scalar(
            sa.select(Milestone.id).where(
                Milestone.version_id == version.id, Milestone.number == milestone_number
            )
        )
        if exists is None:
            raise Invalid(
                _("Elija uno de los hitos de esta versión del borrador."), field="anchor"
            )
    return section, milestone_number


def reply_parent(comment: Comment) -> Comment:
    """Where a reply to ``comment`` attaches: the comment itself, or, when it is already at
    the deepest level, its parent (the reply then sits beside it, at the same depth)."""
    while comment.depth >= permissions.MAX_DEPTH and comment.parent is not None:
        comment = comment.parent
    return comment


def _follow(comment: Comment, round) -> None:
    """Who comments follows what she commented on (the proposal, or the draft commitment)
    and its round, unless she stopped following it. A self-assessment is not followed (she
    hears of the answers to her comment)."""
    if comment.assessment_id is not None:
        return
    if comment.proposal_id is not None:
        target = (following.PROPOSAL, comment.proposal_id)
    else:
        target = (following.COMMITMENT, comment.version.commitment_id)
    following.follow_automatically(user=comment.author_id, target_type=target[0],
                                   target_id=target[1])
    if round is not None:
        following.follow_automatically(user=comment.author_id, target_type=following.ROUND,
                                       target_id=round.id)


# Operations -------------------------------------------------------------------------------


def post_comment(
    *,
    author: User,
    body: str,
    proposal: Proposal | None = None,
    version: CommitmentVersion | None = None,
    update: ProgressUpdate | None = None,
    assessment: SelfAssessment | None = None,
    organization: Organization | None = None,
    stance: Stance | str | None = None,
    section: str | None = None,
    milestone_number: int | None = None,
    language: str | None = None,
    now: datetime | None = None,
) -> Comment:
    """A new comment (not a reply) on a proposal, on the newest version of a draft
    commitment, optionally anchored there to a section of the template or a milestone, or on
    a published progress update (``update``), or on a self-assessment open for comment
    (``assessment``);
    ``language``, the one it is written in (an enabled one), or None: not said."""
    if sum(target is not None for target in (proposal, version, update, assessment)) != 1:
        raise ValueError("a comment goes on a proposal, a version, an update or a "
                         "self-assessment, exactly one")
    now = now or utcnow()
    if assessment is not None:
        enforce(permissions.assessment_comment_refusal(author, assessment, now))
        if section is not None or milestone_number is not None:
            raise Invalid(_("Los comentarios a una autoevaluación no se anclan a una "
                            "sección."), field="anchor")
        round = None
    elif update is not None:
        enforce(permissions.update_comment_refusal(author, update))
        if section is not None or milestone_number is not None:
            raise Invalid(_("Los comentarios a un avance no se anclan a una sección."),
                          field="anchor")
        version = db.session.get(CommitmentVersion, tracked_version_id(update.commitment_id))
        round = permissions.round_of(update.commitment)
    elif proposal is not None:
        enforce(permissions.comment_refusal(author, proposal, now))
        if section is not None or milestone_number is not None:
            raise Invalid(_("Los comentarios a una propuesta no se anclan a una sección."),
                          field="anchor")
        round = proposal.round
    else:
        enforce(permissions.version_comment_refusal(author, version, now))
        section, milestone_number = _anchor(version, section, milestone_number)
        round = permissions.round_of(version.commitment)
    text = _clean_body(body)
    _check_links(author, text, now)
    enforce(acting_for_refusal(author, organization))
    language = _language(language)
    comment = Comment(
        proposal=proposal,
        version=version,
        update=update,
        assessment=assessment,
        parent=None,
        depth=0,
        author=author,
        organization=organization,
        stance=Stance(stance) if stance else None,
        section=section,
        milestone_number=milestone_number,
        body=text,
        language=language,
        created_at=now,
        moderation_state=initial_state(author, round, now),
    )
    db.session.add(comment)
    db.session.flush()
    _follow(comment, round)
    if is_public(comment):
        tell_published(comment, actor=author)
    return comment


def workshop_version(workshop: Workshop, commitment: Commitment) -> CommitmentVersion | None:
    """The version of ``commitment`` that was discussed at ``workshop``: the newest one
    saved by the end of the workshop's day in Guatemala (a later version did not exist)."""
    end = datetime.combine(workshop.held_on + timedelta(days=1), time(0), tzinfo=local_zone())
    return db.session.scalar(
        sa.select(CommitmentVersion)
        .where(CommitmentVersion.commitment_id == commitment.id,
               CommitmentVersion.created_at < end)
        .order_by(CommitmentVersion.number.desc()).limit(1))


def enter_workshop_comment(
    *,
    staff: User,
    workshop: Workshop,
    commitment: Commitment | None,
    body: str,
    stance: Stance | str | None = None,
    section: str | None = None,
    language: str | None = None,
    now: datetime | None = None,
) -> Comment:
    """A comment on a draft commitment gathered at ``workshop``, typed in by ``staff`` on
    the workshop's behalf: on the version discussed there, public at once (the MTGA typed
    it), in the same threads, moderation and consideration report as one written online,
    and the staff member who typed it in the audit log."""
    now = now or utcnow()
    enforce(permissions.workshop_comments_refusal(staff, workshop))
    enforce(permissions.workshop_draft_refusal(workshop, commitment))
    version = workshop_version(workshop, commitment)
    if version is None:
        raise Invalid(_("Este borrador no tenía ninguna versión el día del taller."),
                      field="commitment")
    section, _milestone = _anchor(version, section, None)
    text = _clean_body(body)
    language = _language(language)
    try:
        stance = Stance(stance) if stance else None
    except ValueError:
        raise Invalid(_("Elija una de las posturas de la lista."), field="stance") from None
    comment = Comment(
        version=version, parent=None, depth=0, author=staff, workshop=workshop,
        stance=stance, section=section, body=text, language=language, created_at=now,
        moderation_state=ModerationState.VISIBLE,
    )
    db.session.add(comment)
    db.session.flush()
    record(actor=staff, action="comment.enter_from_workshop", target=comment, after={
        "workshop_id": workshop.id, "version_id": version.id, "section": section,
        "stance": stance.value if stance else None, "language": language,
    })
    return comment


def post_reply(
    *,
    author: User,
    parent: Comment,
    body: str,
    organization: Organization | None = None,
    language: str | None = None,
    now: datetime | None = None,
) -> Comment:
    """A reply in the thread of ``parent``: on the same proposal or version (an answer to a
    comment about version 1 stays with version 1), with its anchor, one level deeper, up to
    ``MAX_DEPTH`` (deeper replies attach beside their parent, see ``reply_parent``). Replies
    take no stance."""
    now = now or utcnow()
    enforce(permissions.reply_refusal(author, parent, now))
    text = _clean_body(body)
    _check_links(author, text, now)
    enforce(acting_for_refusal(author, organization))
    language = _language(language)
    attach_to = reply_parent(parent)
    enforce(permissions.unpublic_refusal(attach_to))
    reply = Comment(
        proposal_id=attach_to.proposal_id,
        version_id=attach_to.version_id,
        update_id=attach_to.update_id,
        assessment_id=attach_to.assessment_id,
        parent=attach_to,
        depth=attach_to.depth + 1,
        author=author,
        organization=organization,
        stance=None,
        section=attach_to.section,
        milestone_number=attach_to.milestone_number,
        body=text,
        language=language,
        created_at=now,
        moderation_state=initial_state(author, _round_of_comment(attach_to), now),
    )
    db.session.add(reply)
    db.session.flush()
    _follow(reply, _round_of_comment(attach_to))
    if is_public(reply):
        tell_published(reply, actor=author, replied_to=parent)
    return reply


def tell_published(comment: Comment, *, actor: User, replied_to: Comment | None = None) -> None:
    """Tell those a comment concerns that it is public: the author of the comment it answers
    (``replied_to``, else its parent), or, for a comment on a proposal, the proposal's author.
    Called once, when the comment becomes public: at posting, or when a moderator approves a
    pre-moderated one (``actor``, the moderator, is not told, and neither is the comment's
    own author, who hears of the approval itself)."""
    author = comment.author
    if comment.parent_id is not None:
        parent = replied_to or comment.parent
        if parent.author.is_deleted or parent.author_id == author.id:
            return
        notify(user=parent.author, kind=COMMENT_REPLY, actor=actor,
               params={"author": author.name, "comment_id": parent.id},
               link=_link(comment))
    elif comment.proposal_id is not None:
        proposal = comment.proposal
        owner = proposal.author
        if owner is None or owner.is_deleted or owner.id == author.id:
            return
        notify(user=owner, kind=PROPOSAL_COMMENT, actor=actor,
               params={"proposal_id": proposal.id, "reference": proposal.reference,
                       "title": proposal.title, "author": author.name},
               link=_link(comment))


def _link(comment: Comment) -> str:
    """The comment on its page, for a notification (``threads.comment_place``)."""
    endpoint, values = comment_place(comment)
    return path_for(endpoint, **values)


def edit_comment(
    *, editor: User, comment: Comment, body: str, language: str | None = None,
    now: datetime | None = None,
) -> bool:
    """Replace the text of one's own comment within the edit window, keeping the earlier
    text as a ``CommentRevision``, and the language it is written in (None: as it was).
    False when neither changed (nothing is stored)."""
    now = now or utcnow()
    # Re-read the row locked (PostgreSQL; SQLite's write transactions are serialised), so
    # two edits at once both keep the text they replace; then ask the rule.
    db.session.scalars(
        sa.select(Comment)
        .where(Comment.id == comment.id)
        .with_for_update(of=Comment)
        .execution_options(populate_existing=True)
    ).one()
    enforce(permissions.edit_refusal(editor, comment, now))
    text = _clean_body(body)
    _check_links(editor, text, now)
    language = _language(language) or comment.language
    if text == comment.body:
        if language == comment.language:
            return False
        comment.language = language
        db.session.flush()
        return True
    comment.language = language
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
