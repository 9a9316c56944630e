"""Loading a page's comments as trees, for the partials ``comments/_proposal_comments.html``
and ``comments/_version_comments.html`` (the slots ``proposal.comments`` and
``commitment.comments``, which the proposal page and the commitment page gather).

Every comment of the page comes in one query with its author and organisation (and, for a
draft, its version) joined; the trees are built in Python from ``parent_id``. A page runs the
same number of SQL statements whatever the number of comments.

A proposal's comments come ``COMMENTS_PER_PAGE`` threads at a time (a thread is a comment of
the first level with its replies, oldest first; ``?comments_page=N``), so a proposal with
thousands of comments costs what one with fifty does: a count and the page's threads, both
read along the index ``ix_comments_proposal_thread``. ``comment_page`` tells which page
holds a comment (for its permalink).

Moderation (``participa.content.visibility``): a hidden comment keeps its place in the
thread, so its replies stay readable, and shows "Comentario oculto por moderación: <reason>"
instead of its text to anyone but its author and moderators; a pending comment (waiting for
approval) is shown only to its author and moderators, or, when it already has replies
someone may see, as a placeholder without its text.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask import request
from flask_babel import gettext as _
from sqlalchemy.orm import aliased, contains_eager, joinedload

from ..assessments.models import AssessmentVersion, SelfAssessment
from ..base.extensions import db
from ..base.roles import can_moderate
from ..base.time import utcnow
from ..consultations.models import ConsultationRound
from ..content.visibility import ModerationState, can_see_item, can_see_text
from ..organizations.permissions import organizations_user_can_act_for
from ..plans.models import Commitment, CommitmentStatus, CommitmentVersion, Milestone
from ..plans.template_sections import SECTION_KEYS, SECTIONS
from ..proposals.models import Proposal
from ..tracking.models import ProgressUpdate
from ..web import args, current, slots
from ..web.pagination import page_arg
from . import permissions
from .forms import CommentForm, anchor_choices
from .models import Comment


@dataclass
class Node:
    comment: Comment
    replies: list[Node] = field(default_factory=list)
    can_reply: bool = False  # "Responder" is offered
    can_edit: bool = False
    edit_until: datetime | None = None
    # For a draft: the comment was made on an earlier version than the one shown.
    earlier_version: int | None = None
    # The person looking reads the text (``visibility.can_see_text``); otherwise the node is
    # a placeholder: hidden by the moderation, or pending with replies.
    readable: bool = True
    # A thread of a proposal shows its first replies; how many more its link opens.
    more_replies: int = 0
    # The slot ``comment.actions`` (the moderation's links), gathered for this comment.
    actions: list[slots.Slot] = field(default_factory=list)


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
    groups: list[Group] = field(default_factory=list)
    earlier_count: int = 0
    newest_number: int | None = None
    # Whether the section is worth showing: a published commitment without comments has
    # nothing to show and takes none.
    show: bool = True
    # A proposal's threads come a page at a time.
    page: int = 1
    pages: int = 1
    # A draft's round, held while the page renders: the session keeps only weak references,
    # and the rest of the commitment page reads the same round (one query, not two).
    round: ConsultationRound | None = None


def _build(comments: list[Comment], *, user, open_: bool, now: datetime,
           shown_number: int | None = None) -> list[Node]:
    """Trees from a list ordered by time: children after their parents. Each node says what
    the person may do with its comment (the rules of ``permissions``; on a page open for
    comments, "Responder" is offered to anonymous visitors too, to sign in first)."""
    nodes: dict[int, Node] = {}
    roots: list[Node] = []
    offer_replies = open_ and (permissions.can_comment(user)
                               or not getattr(user, "is_authenticated", False))
    for comment in comments:
        node = Node(comment, readable=can_see_text(user, comment),
                    actions=slots.gather("comment.actions", comment=comment, user=user))
        node.can_reply = offer_replies and permissions.unpublic_refusal(comment) is None
        if open_ and permissions.edit_refusal(user, comment, now) is None:
            node.can_edit = True
            node.edit_until = permissions.edit_deadline(comment)
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
        statement.options(joinedload(Comment.author), joinedload(Comment.organization),
                 joinedload(Comment.workshop))
        .order_by(Comment.created_at, Comment.id)
    ).unique())


def _form(user, *, anchors=None, with_anchor: bool = False) -> CommentForm:
    return CommentForm(formdata=None).configure(
        organizations=organizations_user_can_act_for(user),
        anchors=anchors if with_anchor else None,
    )


# Threads (first-level comments with their replies) per page of a proposal's comments.
COMMENTS_PER_PAGE = 20
PAGE_ARG = "comments_page"
# Replies of a thread shown on the proposal's page (the earliest, depth first); the rest
# behind a link that opens the thread (``?hilo=<id of its first comment>``).
REPLIES_SHOWN = 3
THREAD_ARG = "hilo"


def requested_page() -> int:
    """``?comments_page=N`` of the request (1 when absent); anything but a positive integer
    is a 400."""
    return page_arg(request.args, PAGE_ARG, maximum=999_999) if request else 1


def requested_thread() -> int | None:
    """``?hilo=N``: the thread shown with all its replies (None when absent); anything but
    one id is a 400."""
    return args.number(request.args, THREAD_ARG) if request else None


def _trim(nodes: list[Node], budget: int) -> int:
    """Keep the first ``budget`` nodes of ``nodes`` and their replies, depth first; the
    budget left."""
    kept = []
    for node in nodes:
        if budget == 0:
            break
        kept.append(node)
        budget = _trim(node.replies, budget - 1)
    nodes[:] = kept
    return budget


def _count(nodes: list[Node]) -> int:
    return sum(1 + _count(node.replies) for node in nodes)


def collapse(roots: list[Node], *, expanded: int | None) -> None:
    """Each thread but ``expanded`` keeps its first ``REPLIES_SHOWN`` replies; its root
    tells how many more there are (of those the person may see: the trees are pruned)."""
    for root in roots:
        total = _count(root.replies)
        if root.comment.id != expanded and total > REPLIES_SHOWN + 1:  # never "1 more"
            _trim(root.replies, REPLIES_SHOWN)
            root.more_replies = total - REPLIES_SHOWN


# Made once: SQLAlchemy memoises each alias's columns, so a new alias per request would
# redo that work every time.
_REPLY = aliased(Comment)


def _shown_condition(user, comment=Comment) -> sa.ColumnElement[bool]:
    """The comments of a proposal that ``user`` is shown, in SQL (``can_see_item``, and a
    pending comment that someone answered is kept as a placeholder, as ``_prune`` does)."""
    if can_moderate(user):
        return sa.true()
    conditions = [
        comment.moderation_state != ModerationState.PENDING,
        sa.exists().where(_REPLY.parent_id == comment.id,
                          _REPLY.moderation_state != ModerationState.PENDING),
    ]
    if getattr(user, "is_authenticated", False):
        conditions.append(comment.author_id == user.id)
    return sa.or_(*conditions)


def _roots(proposal: Proposal, user) -> sa.Select:
    return (sa.select(Comment.id)
            .where(Comment.proposal_id == proposal.id, Comment.parent_id.is_(None),
                   _shown_condition(user))
            .order_by(Comment.created_at, Comment.id))


def _page_comments(proposal: Proposal, user, page: int) -> list[Comment]:
    """The page's threads: its first-level comments and every reply under them (threads are
    three levels deep), in one query."""
    roots = (_roots(proposal, user).offset((page - 1) * COMMENTS_PER_PAGE)
             .limit(COMMENTS_PER_PAGE).cte("page_roots"))
    replies = (sa.select(Comment.id).where(Comment.parent_id.in_(sa.select(roots.c.id)))
               .cte("page_replies"))
    # One list of ids, each part found along an index (an OR of the three made PostgreSQL
    # scan the proposal's every comment: 340 ms for 5,000).
    ids = sa.union_all(
        sa.select(roots.c.id), sa.select(replies.c.id),
        sa.select(Comment.id).where(Comment.parent_id.in_(sa.select(replies.c.id))),
    )
    return _ordered(sa.select(Comment).where(Comment.id.in_(ids)))


def thread_root_id(comment: Comment) -> int:
    """The id of the first comment of ``comment``'s thread (threads are three levels)."""
    if comment.parent_id is None:
        return comment.id
    parent = comment.parent
    return parent.parent_id if parent.parent_id is not None else parent.id


def comment_place(comment: Comment) -> tuple[str, dict[str, Any]]:
    """The page a comment stands on, as an endpoint and its values, the comment's anchor
    included: its self-assessment, the commitment of its progress update, its proposal, or
    the commitment at its version. The permalink (``views.comment_url``) adds a proposal's
    page of threads; a notification's link (``services``) is built from it outside requests
    too."""
    anchor = f"comentario-{comment.id}"
    if comment.assessment_id is not None:
        assessment = comment.assessment
        return "assessments.show", {"plan_id": assessment.plan_id,
                                    "kind": assessment.kind.value, "_anchor": anchor}
    if comment.update_id is not None:
        return "plans.commitment", {"commitment_id": comment.update.commitment_id,
                                    "_anchor": anchor}
    if comment.proposal_id is not None:
        return "proposals.show", {"proposal_id": comment.proposal_id, "_anchor": anchor}
    version = comment.version
    return "plans.commitment", {"commitment_id": version.commitment_id,
                                "version": version.number, "_anchor": anchor}


def comment_page(comment: Comment, user=None) -> int:
    """The page of its proposal's comments that shows ``comment`` (to ``user``, or whoever
    is looking)."""
    user = current.user() if user is None else user
    root = db.session.get(Comment, thread_root_id(comment))
    before_root = sa.tuple_(Comment.created_at, Comment.id) < sa.tuple_(
        sa.literal(root.created_at, Comment.created_at.type), sa.literal(root.id, Comment.id.type))
    earlier = db.session.scalar(
        sa.select(sa.func.count()).select_from(Comment)
        .where(Comment.proposal_id == comment.proposal_id, Comment.parent_id.is_(None),
               _shown_condition(user), before_root))
    return earlier // COMMENTS_PER_PAGE + 1


def proposal_thread(proposal: Proposal, user=None, now: datetime | None = None,
                    page: int | None = None) -> Thread:
    """The proposal page's slot ``proposal.comments``: the page of threads it shows (the
    request's ``?comments_page`` unless ``page``) with the form or the reason there is none."""
    now = now or utcnow()
    user = current.user() if user is None else user
    page = requested_page() if page is None else page
    count, roots_total = db.session.execute(
        sa.select(sa.func.count(),
                  sa.func.coalesce(sa.func.sum(sa.case((Comment.parent_id.is_(None), 1),
                                                       else_=0)), 0))
        .where(Comment.proposal_id == proposal.id, _shown_condition(user))).one()
    comments = _page_comments(proposal, user, page)
    closed = permissions.proposal_closed_refusal(proposal, now)
    open_ = closed is None
    refusal = permissions.participant_refusal(user)
    can = refusal is None
    reason = None
    if closed is not None:
        reason = str(closed)
    elif user is not None and user.is_authenticated and not can:
        reason = str(refusal)
    roots = _build(comments, user=user, open_=open_, now=now)
    collapse(roots, expanded=requested_thread())
    return Thread(
        roots=roots,
        count=count,
        form=_form(user) if open_ and can else None,
        open=open_,
        closed_reason=reason,
        page=page,
        pages=max(1, -(-roots_total // COMMENTS_PER_PAGE)),
    )


def _milestones(version: CommitmentVersion) -> list[Milestone]:
    return list(version.milestones)


def _newest_number(commitment: Commitment) -> int | None:
    """From the commitment's versions when the page loaded them, else one query."""
    if "versions" not in sa.inspect(commitment).unloaded:
        return max((v.number for v in commitment.versions), default=None)
    return permissions.newest_version_number(commitment)


def version_thread(
    commitment: Commitment, version: CommitmentVersion | None, user=None,
    now: datetime | None = None,
) -> Thread | None:
    """The commitment page's slot ``commitment.comments``: the comments of ``version`` and of
    the earlier versions of the commitment, grouped by the part they are about (in the
    template's order, then milestones by number); None without a version."""
    if version is None:
        return None
    now = now or utcnow()
    user = current.user() if user is None else user
    comments = _ordered(
        sa.select(Comment)
        .join(Comment.version)
        .options(contains_eager(Comment.version))
        .where(
            CommitmentVersion.commitment_id == commitment.id,
            CommitmentVersion.number <= version.number,
            Comment.update_id.is_(None),  # those on its progress updates are theirs
        )
    )
    round = permissions.round_of(commitment)
    closed = permissions.draft_closed_refusal(commitment, round, now)
    open_ = closed is None
    newest = _newest_number(commitment)
    is_newest = version.number == newest
    refusal = permissions.participant_refusal(user)
    can = refusal is None
    milestones = _milestones(version)
    reason = None
    if closed is not None:
        reason = str(closed)
    elif not is_newest:
        reason = _(
            "Está viendo la versión %(shown)d. Los comentarios nuevos se escriben sobre la "
            "versión vigente (versión %(newest)d).", shown=version.number, newest=newest,
        )
    elif user is not None and user.is_authenticated and not can:
        reason = str(refusal)
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
        groups=group_by_anchor(roots, {m.number for m in milestones}),
        earlier_count=sum(1 for c in shown if c.version_id != version.id),
        newest_number=newest,
        show=bool(shown) or commitment.status == CommitmentStatus.DRAFT,
        round=round,
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


@dataclass
class UpdateThreads:
    """The comments of each published progress update of a commitment (the slot
    ``progress.comments`` on the commitment page): update id -> its thread. The form is on a
    page of its own (``comments.new_on_update``): one per update would repeat its fields."""

    threads: dict[int, Thread]


def update_threads(commitment: Commitment, updates: list[ProgressUpdate], user=None,
                   now: datetime | None = None) -> UpdateThreads | None:
    """Every comment of the commitment's published updates in one query, as trees."""
    if not updates:
        return None
    now = now or utcnow()
    user = current.user() if user is None else user
    ids = [update.id for update in updates]
    comments = _ordered(sa.select(Comment).where(Comment.update_id.in_(ids)))
    by_update: dict[int, list[Comment]] = {update_id: [] for update_id in ids}
    for comment in comments:
        by_update[comment.update_id].append(comment)
    refusal = permissions.participant_refusal(user)
    signed_in = getattr(user, "is_authenticated", False)
    threads = {}
    for update in updates:
        closed = permissions.update_closed_refusal(update)
        roots = _build(by_update[update.id], user=user, open_=closed is None, now=now)
        threads[update.id] = Thread(
            roots=roots, count=len(_shown(roots)), form=None, open=closed is None,
            closed_reason=str(closed) if closed is not None else (
                str(refusal) if signed_in and refusal is not None else None),
        )
    return UpdateThreads(threads)


def assessment_thread(assessment: SelfAssessment, version: AssessmentVersion | None = None,
                      user=None, now: datetime | None = None) -> Thread:
    """The self-assessment page's slot ``assessment.comments``: the public's comments on it,
    in one query, with the form during the comment period (or why there is none). The MTGA
    may answer after the period, until the self-assessment is published."""
    now = now or utcnow()
    user = current.user() if user is None else user
    comments = _ordered(sa.select(Comment).where(Comment.assessment_id == assessment.id))
    closed = permissions.assessment_closed_refusal(assessment, now)
    answering = permissions.assessment_answer_refusal(user, assessment, now) is None
    refusal = permissions.participant_refusal(user)
    reason = None
    if closed is not None:
        reason = str(closed)
    elif getattr(user, "is_authenticated", False) and refusal is not None:
        reason = str(refusal)
    roots = _build(comments, user=user, open_=answering, now=now)
    return Thread(
        roots=roots, count=len(_shown(roots)),
        form=_form(user) if closed is None and refusal is None else None,
        open=closed is None, closed_reason=reason,
    )


def assessment_comment_counts(assessment_ids: Collection[int]) -> dict[int, int]:
    """The visible comments and answers on each self-assessment that has any (for its
    document and its open data), in one statement."""
    return {assessment_id: count for assessment_id, count in db.session.execute(
        sa.select(Comment.assessment_id, sa.func.count(Comment.id))
        .where(Comment.assessment_id.in_(list(assessment_ids)),
               Comment.moderation_state == ModerationState.VISIBLE)
        .group_by(Comment.assessment_id))}
