"""Loading a page's comments as trees, for the partials ``comments/_proposal_comments.html``
and ``comments/_version_comments.html`` (template globals ``proposal_comments`` and
``version_comments``).

Every comment of the page comes in one query with its author and organisation (and, for a
draft, its version) joined; the trees are built in Python from ``parent_id``. A page runs the
same number of SQL statements whatever the number of comments.

Moderation (``participa.visibility``): a hidden comment keeps its place in the thread, so its
replies stay readable, and shows "Comentario oculto por moderación: <reason>" instead of its
text to anyone but its author and moderators; a pending comment (waiting for approval) is
shown only to its author and moderators, or, when it already has replies someone may see, as
a placeholder without its text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import contains_eager, joinedload

from ..accounts.blocking import blocked_message
from ..consultations.phases import PhaseClosed
from ..extensions import db
from ..organizations.permissions import organizations_user_can_act_for
from ..plans.models import Commitment, CommitmentStatus, CommitmentVersion, Milestone
from ..plans.template_sections import SECTION_KEYS, SECTIONS
from ..proposals.models import Proposal
from ..timeutil import utcnow
from ..visibility import can_see_item, can_see_text, is_hidden
from . import permissions, services
from .forms import CommentForm, anchor_choices
from .models import Comment


@dataclass
class Node:
    comment: Comment
    replies: list[Node] = field(default_factory=list)
    can_edit: bool = False
    edit_until: datetime | None = None
    # For a draft: the comment was made on an earlier version than the one shown.
    earlier_version: int | None = None
    # The person looking reads the text (``visibility.can_see_text``); otherwise the node is
    # a placeholder: hidden by the moderation, or pending with replies.
    readable: bool = True


@dataclass
class Group:
    """The comments of a draft about one part: everything ("general"), a section of the
    template, or a milestone. ``target`` is the id of that part on the commitment page."""

    key: str
    heading: str
    target: str | None
    roots: list[Node]
    # A milestone that the version shown does not have (it was removed or renumbered).
    missing: bool = False


@dataclass
class Thread:
    roots: list[Node]
    count: int
    # New comments may be written here by this person (the form is offered).
    form: CommentForm | None
    # Comments are open on the page (replies may be offered), whoever is looking.
    open: bool
    # Why the form is not offered (None: it is, or the person has to sign in first).
    closed_reason: str | None
    can_participate: bool
    groups: list[Group] = field(default_factory=list)
    earlier_count: int = 0
    newest_number: int | None = None
    # Whether the section is worth showing: a published commitment without comments has
    # nothing to show and takes none.
    show: bool = True


def _user():
    return current_user._get_current_object()


def _build(comments: list[Comment], *, user, open_: bool, now: datetime,
           shown_number: int | None = None) -> list[Node]:
    """Trees from a list ordered by time: children after their parents."""
    nodes: dict[int, Node] = {}
    roots: list[Node] = []
    user_id = getattr(user, "id", None) if permissions.can_comment(user) else None
    for comment in comments:
        deadline = permissions.edit_deadline(comment)
        node = Node(comment, readable=can_see_text(user, comment))
        if (open_ and user_id is not None and comment.author_id == user_id and now < deadline
                and not is_hidden(comment)):
            node.can_edit = True
            node.edit_until = deadline
        if (shown_number is not None and comment.version is not None
                and comment.version.number != shown_number):
            node.earlier_version = comment.version.number
        nodes[comment.id] = node
        parent = nodes.get(comment.parent_id) if comment.parent_id is not None else None
        (parent.replies if parent is not None else roots).append(node)
    return _prune(roots, user)


def _prune(nodes: list[Node], user) -> list[Node]:
    """Leave out the pending comments the person may not see, unless replies they may see
    hang from them (then the node stays, as a placeholder, to keep the thread's shape)."""
    kept = []
    for node in nodes:
        node.replies = _prune(node.replies, user)
        if node.replies or can_see_item(user, node.comment):
            kept.append(node)
    return kept


def _shown(nodes: list[Node]) -> list[Comment]:
    """The comments of the trees (placeholders included), depth first."""
    found = []
    for node in nodes:
        found.append(node.comment)
        found.extend(_shown(node.replies))
    return found


def _ordered(statement: sa.Select) -> list[Comment]:
    return list(db.session.scalars(
        statement.options(joinedload(Comment.author), joinedload(Comment.organization))
        .order_by(Comment.created_at, Comment.id)
    ).unique())


def _form(user, *, anchors=None, with_anchor: bool = False) -> CommentForm:
    return CommentForm(formdata=None).configure(
        organizations=organizations_user_can_act_for(user),
        anchors=anchors if with_anchor else None,
    )


def proposal_thread(proposal: Proposal, now: datetime | None = None) -> Thread:
    now = now or utcnow()
    user = _user()
    comments = _ordered(sa.select(Comment).where(Comment.proposal_id == proposal.id))
    open_ = permissions.proposal_comments_open(proposal, now)
    can = permissions.can_comment(user)
    reason = None
    if not open_:
        reason = _closed_reason(lambda: services.require_proposal_open(proposal, now))
    elif user is not None and user.is_authenticated and not can:
        reason = _cannot_comment_reason(user)
    roots = _build(comments, user=user, open_=open_, now=now)
    return Thread(
        roots=roots,
        count=len(_shown(roots)),
        form=_form(user) if open_ and can else None,
        open=open_,
        closed_reason=reason,
        can_participate=can,
    )


def _cannot_comment_reason(user) -> str:
    if getattr(user, "is_blocked", False):
        return blocked_message(user)
    return _("Confirme su correo electrónico para poder comentar.")


def _closed_reason(check) -> str:
    try:
        check()
    except (PhaseClosed, services.CommentError) as error:
        return str(error)
    return _("Los comentarios están cerrados.")


def _milestones(version: CommitmentVersion) -> list[Milestone]:
    return list(version.milestones)


def _newest_number(commitment: Commitment) -> int | None:
    """From the commitment's versions when the page loaded them, else one query."""
    if "versions" not in sa.inspect(commitment).unloaded:
        return max((v.number for v in commitment.versions), default=None)
    return permissions.newest_version_number(commitment)


def version_thread(
    commitment: Commitment, version: CommitmentVersion, now: datetime | None = None
) -> Thread:
    """The comments of ``version`` and of the earlier versions of the commitment, grouped by
    the part they are about (in the template's order, then milestones by number)."""
    now = now or utcnow()
    user = _user()
    comments = _ordered(
        sa.select(Comment)
        .join(Comment.version)
        .options(contains_eager(Comment.version))
        .where(
            CommitmentVersion.commitment_id == commitment.id,
            CommitmentVersion.number <= version.number,
        )
    )
    round = permissions.round_of(commitment)
    open_ = permissions.draft_comments_open(commitment, round, now)
    newest = _newest_number(commitment)
    is_newest = version.number == newest
    can = permissions.can_comment(user)
    milestones = _milestones(version)
    reason = None
    if not open_:
        reason = _closed_reason(lambda: services.require_draft_open(version, now))
    elif not is_newest:
        reason = _(
            "Está viendo la versión %(shown)d. Los comentarios nuevos se escriben sobre la "
            "versión vigente (versión %(newest)d).", shown=version.number, newest=newest,
        )
    elif user is not None and user.is_authenticated and not can:
        reason = _cannot_comment_reason(user)
    roots = _build(comments, user=user, open_=open_, now=now, shown_number=version.number)
    shown = _shown(roots)
    form = None
    if open_ and is_newest and can:
        form = _form(user, anchors=anchor_choices(milestones), with_anchor=True)
    return Thread(
        roots=roots,
        count=len(shown),
        form=form,
        open=open_,
        closed_reason=reason,
        can_participate=can,
        groups=group_by_anchor(roots, {m.number for m in milestones}),
        earlier_count=sum(1 for c in shown if c.version_id != version.id),
        newest_number=newest,
        show=bool(shown) or commitment.status == CommitmentStatus.DRAFT,
    )


def group_by_anchor(roots: list[Node], milestone_numbers: set[int]) -> list[Group]:
    general: list[Node] = []
    by_section: dict[str, list[Node]] = {}
    by_milestone: dict[int, list[Node]] = {}
    for node in roots:
        comment = node.comment
        if comment.milestone_number is not None:
            by_milestone.setdefault(comment.milestone_number, []).append(node)
        elif comment.section in SECTION_KEYS:
            by_section.setdefault(comment.section, []).append(node)
        else:
            general.append(node)
    groups = []
    if general:
        groups.append(Group("general", _("Sobre todo el compromiso"), None, general))
    for key, label in SECTIONS:
        if key in by_section:
            groups.append(Group(f"seccion-{key}", str(label), f"seccion-{key}",
                                by_section[key]))
    for number in sorted(by_milestone):
        present = number in milestone_numbers
        groups.append(Group(
            f"hito-{number}", _("Hito %(number)d", number=number),
            f"hito-{number}" if present else None, by_milestone[number], missing=not present,
        ))
    return groups
