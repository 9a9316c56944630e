"""Read-only queries of moderation: the queue of reports grouped by item, the pending and
hidden items, blocked accounts, one item's file, and the public moderation log. Each page
runs a fixed number of SQL statements whatever the number of items on it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from ..accounts.models import User
from ..assessments.models import SelfAssessment
from ..base.extensions import db
from ..comments.models import Comment
from ..content.visibility import ModerationState
from ..content_translation.models import (
    ContentTranslation,
    TranslationReport,
    TranslationReportStatus,
)
from ..plans.models import CommitmentVersion
from ..proposals.models import Proposal
from ..web.pagination import Page
from .models import ModerationAction, ReasonTemplate, Report, ReportStatus
from .targets import kind_of, token_of

# The queue's orders (an unknown one is a 400).
SORTS = {
    "antiguas": _l("Las más antiguas primero"),
    "mas_denunciadas": _l("Las más denunciadas primero"),
}
DEFAULT_SORT = "antiguas"
# The lists' kinds of content, as they appear in addresses.
CONTENT_KINDS = {"propuestas": "proposal", "comentarios": "comment"}
ITEM_KINDS = {**CONTENT_KINDS, "personas": "user"}
KIND_SEGMENTS = {kind: segment for segment, kind in ITEM_KINDS.items()}
RECENT = 5
HISTORY = 50


def segment_of(target: Any) -> str:
    """"propuestas", "comentarios" or "personas": the item's kind in addresses."""
    return KIND_SEGMENTS[kind_of(target)]


def _by_id(model: type, ids: Iterable[int], *options: Any) -> dict[int, Any]:
    """{id: row} of ``model``'s rows with these ids, loaded with ``options``; no query when
    there are none."""
    ids = set(ids)
    if not ids:
        return {}
    rows = db.session.scalars(sa.select(model).where(model.id.in_(ids)).options(*options))
    return {row.id: row for row in rows.unique()}


def _proposals(ids: Iterable[int]) -> dict[int, Proposal]:
    return _by_id(Proposal, ids, joinedload(Proposal.author), joinedload(Proposal.round))


def _comments(ids: Iterable[int]) -> dict[int, Comment]:
    """Comments with their author, the comment they answer and the page they are on."""
    return _by_id(
        Comment, ids,
        joinedload(Comment.author),
        joinedload(Comment.parent).joinedload(Comment.author),
        joinedload(Comment.proposal),
        joinedload(Comment.version).joinedload(CommitmentVersion.commitment),
        joinedload(Comment.assessment),
    )


def _users(ids: Iterable[int]) -> dict[int, User]:
    return _by_id(User, ids)


def _about(targets: Sequence[Any], model: type) -> list[Any]:
    """The conditions that pick ``model``'s rows (actions, reports) about the targets: one
    ``<kind>_id IN (...)`` for each kind of target there is (proposal, comment, user)."""
    conditions = []
    for kind in ("proposal", "comment", "user"):
        ids = [t.id for t in targets if kind_of(t) == kind]
        if ids:
            conditions.append(getattr(model, f"{kind}_id").in_(ids))
    return conditions


def _newest_actions(targets: Sequence[Any]) -> dict[tuple[str, int], int]:
    """{(kind, id): id of the newest ModerationAction} for the targets, in one query."""
    conditions = _about(targets, ModerationAction)
    if not conditions:
        return {}
    rows = db.session.execute(
        sa.select(ModerationAction.proposal_id, ModerationAction.comment_id,
                  ModerationAction.user_id, sa.func.max(ModerationAction.id))
        .where(sa.or_(*conditions))
        .group_by(ModerationAction.proposal_id, ModerationAction.comment_id,
                  ModerationAction.user_id)
    )
    return {_key(p, c, u): newest for p, c, u, newest in rows}


def _key(proposal_id: int | None, comment_id: int | None, user_id: int | None) -> tuple[str, int]:
    if proposal_id is not None:
        return ("proposal", proposal_id)
    if comment_id is not None:
        return ("comment", comment_id)
    return ("user", user_id)  # type: ignore[return-value]


def _open_reports(targets: Sequence[Any]) -> dict[tuple[str, int], list[Report]]:
    conditions = _about(targets, Report)
    if not conditions:
        return {}
    reports: dict[tuple[str, int], list[Report]] = {}
    for report in db.session.scalars(
        sa.select(Report)
        .where(Report.status == ReportStatus.OPEN, sa.or_(*conditions))
        .order_by(Report.created_at, Report.id)
    ):
        reports.setdefault(_key(report.proposal_id, report.comment_id, report.user_id),
                           []).append(report)
    return reports


def tokens(targets: Sequence[Any]) -> dict[tuple[str, int], str]:
    """``services.state_token`` of many targets in two queries."""
    reports = _open_reports(targets)
    actions = _newest_actions(targets)
    result = {}
    for target in targets:
        key = (kind_of(target), target.id)
        newest = max((r.id for r in reports.get(key, [])), default=None)
        result[key] = token_of(target, newest, actions.get(key))
    return result


# The queue ------------------------------------------------------------------------------------


@dataclass
class Recent:
    proposals: list[Proposal] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)


@dataclass
class Group:
    """One reported item and its open reports (never who made them)."""

    kind: str
    target: Any
    count: int
    first_at: datetime
    last_at: datetime
    reports: list[Report]
    recent: Recent | None = None

    @property
    def segment(self) -> str:
        return KIND_SEGMENTS[self.kind]

    @property
    def reasons(self) -> list[tuple[str, int]]:
        """(label, number of reports) for each reason given, most given first."""
        counts = Counter(report.reason for report in self.reports)
        return [(reason.label, n) for reason, n in counts.most_common()]


def _grouped() -> sa.Select:
    return (
        sa.select(
            Report.proposal_id, Report.comment_id, Report.user_id,
            sa.func.count(Report.id).label("n"),
            sa.func.min(Report.created_at).label("first_at"),
            sa.func.max(Report.created_at).label("last_at"),
        )
        .where(Report.status == ReportStatus.OPEN)
        .group_by(Report.proposal_id, Report.comment_id, Report.user_id)
    )


def open_group_count() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(_grouped().subquery())) or 0


def recent_contributions(user_ids: Sequence[int], limit: int = RECENT) -> dict[int, Recent]:
    """The newest ``limit`` proposals and comments of each person, in two queries."""
    recent = {user_id: Recent() for user_id in user_ids}
    if not user_ids:
        return recent
    for model, attribute, options in (
        (Proposal, "proposals", ()),
        (Comment, "comments", (joinedload(Comment.proposal),
                               joinedload(Comment.version)
                               .joinedload(CommitmentVersion.commitment))),
    ):
        rank = sa.func.row_number().over(
            partition_by=model.author_id, order_by=(model.created_at.desc(), model.id.desc())
        ).label("rank")
        ranked = sa.select(model.id, rank).where(model.author_id.in_(user_ids)).subquery()
        rows = db.session.scalars(
            sa.select(model).join(ranked, ranked.c.id == model.id)
            .where(ranked.c.rank <= limit)
            .options(*options)
            .order_by(model.author_id, model.created_at.desc(), model.id.desc())
        ).unique()
        for row in rows:
            getattr(recent[row.author_id], attribute).append(row)
    return recent


def queue(sort: str, page: int, per_page: int) -> Page:
    """Open reports grouped by item, oldest report first or most reported first."""
    grouped = _grouped()
    if sort == "mas_denunciadas":
        grouped = grouped.order_by(sa.desc("n"), sa.asc("first_at"))
    else:
        grouped = grouped.order_by(sa.asc("first_at"), sa.desc("n"))
    total = open_group_count()
    rows = db.session.execute(grouped.limit(per_page).offset((page - 1) * per_page)).all()
    proposals = _proposals(r.proposal_id for r in rows if r.proposal_id is not None)
    comments = _comments(r.comment_id for r in rows if r.comment_id is not None)
    users = _users(r.user_id for r in rows if r.user_id is not None)
    targets: list[Any] = []
    for row in rows:
        kind, target_id = _key(row.proposal_id, row.comment_id, row.user_id)
        targets.append({"proposal": proposals, "comment": comments, "user": users}[kind]
                       [target_id])
    reports = _open_reports(targets)
    recent = recent_contributions([t.id for t in targets if kind_of(t) == "user"])
    groups = [
        Group(kind=kind_of(target), target=target, count=row.n, first_at=row.first_at,
              last_at=row.last_at, reports=reports.get((kind_of(target), target.id), []),
              recent=recent.get(target.id) if kind_of(target) == "user" else None)
        for row, target in zip(rows, targets, strict=True)
    ]
    return Page(items=groups, total=total, page=page, per_page=per_page)


# Pending and hidden content, blocked accounts ---------------------------------------------------


def content_in_state(kind: str, state: ModerationState) -> sa.Select:
    """Proposals or comments in ``state``: pending ones oldest first (the order they wait
    in), hidden ones most recently hidden first."""
    if kind == "proposal":
        statement = sa.select(Proposal).options(joinedload(Proposal.author),
                                                joinedload(Proposal.round))
        model: Any = Proposal
    else:
        statement = sa.select(Comment).options(
            joinedload(Comment.author),
            joinedload(Comment.parent).joinedload(Comment.author),
            joinedload(Comment.proposal),
            joinedload(Comment.version).joinedload(CommitmentVersion.commitment),
            joinedload(Comment.assessment),
        )
        model = Comment
    statement = statement.where(model.moderation_state == state)
    if state == ModerationState.PENDING:
        return statement.order_by(model.created_at, model.id)
    return statement.order_by(model.hidden_at.desc(), model.id.desc())


def state_counts() -> dict[str, int]:
    """For the tabs: open report groups, pending and hidden items, blocked accounts."""
    def count(model: Any, state: ModerationState) -> sa.ScalarSelect:
        return (sa.select(sa.func.count(model.id))
                .where(model.moderation_state == state).scalar_subquery())

    pending_p, pending_c, hidden_p, hidden_c, blocked, translations = db.session.execute(
        sa.select(
            count(Proposal, ModerationState.PENDING), count(Comment, ModerationState.PENDING),
            count(Proposal, ModerationState.HIDDEN), count(Comment, ModerationState.HIDDEN),
            sa.select(sa.func.count(User.id)).where(User.blocked_at.is_not(None))
            .scalar_subquery(),
            sa.select(sa.func.count(ContentTranslation.id)).where(translations_to_moderate())
            .scalar_subquery(),
        )).one()
    return {"reports": open_group_count(), "pending": pending_p + pending_c,
            "hidden": hidden_p + hidden_c, "blocked": blocked, "translations": translations}


def translations_to_moderate() -> sa.ColumnElement[bool]:
    """A translation the MTGA should look at: reported (open reports) or hidden."""
    return sa.or_(
        ContentTranslation.moderation_state == ModerationState.HIDDEN,
        sa.exists().where(TranslationReport.translation_id == ContentTranslation.id,
                          TranslationReport.status == TranslationReportStatus.OPEN))


def blocked_accounts() -> sa.Select:
    return (sa.select(User).where(User.blocked_at.is_not(None))
            .order_by(User.blocked_at.desc(), User.id.desc()))


def active_templates() -> list[ReasonTemplate]:
    return list(db.session.scalars(
        sa.select(ReasonTemplate).where(ReasonTemplate.is_active.is_(True))
        .order_by(ReasonTemplate.title)
    ))


def templates_in_use() -> set[int]:
    """Ids of the templates some decision used (those cannot be deleted)."""
    return set(db.session.scalars(
        sa.select(ModerationAction.template_id)
        .where(ModerationAction.template_id.is_not(None)).distinct()
    ))


def all_templates() -> list[ReasonTemplate]:
    return list(db.session.scalars(
        sa.select(ReasonTemplate).order_by(ReasonTemplate.is_active.desc(),
                                           ReasonTemplate.title)
    ))


# One item's file ------------------------------------------------------------------------------


@dataclass
class File:
    kind: str
    target: Any
    reports: list[Report]
    closed_reports: int
    history: list[ModerationAction]
    token: str
    recent: Recent | None = None

    @property
    def segment(self) -> str:
        return KIND_SEGMENTS[self.kind]


def load_target(segment: str, item_id: int) -> Any | None:
    kind = ITEM_KINDS[segment]
    if kind == "proposal":
        return _proposals([item_id]).get(item_id)
    if kind == "comment":
        return _comments([item_id]).get(item_id)
    return db.session.get(User, item_id)


def item_file(target: Any) -> File:
    kind = kind_of(target)
    column = getattr(Report, f"{kind}_id")
    reports = _open_reports([target]).get((kind, target.id), [])
    closed = db.session.scalar(
        sa.select(sa.func.count(Report.id))
        .where(column == target.id, Report.status != ReportStatus.OPEN)
    ) or 0
    history = list(db.session.scalars(
        sa.select(ModerationAction)
        .where(getattr(ModerationAction, f"{kind}_id") == target.id)
        .options(joinedload(ModerationAction.moderator), joinedload(ModerationAction.template))
        .order_by(ModerationAction.created_at.desc(), ModerationAction.id.desc())
        .limit(HISTORY)
    ))
    newest_action = max((action.id for action in history), default=None)
    newest_report = max((report.id for report in reports), default=None)
    recent = recent_contributions([target.id], limit=10)[target.id] if kind == "user" else None
    return File(kind=kind, target=target, reports=reports, closed_reports=closed,
                history=history, token=token_of(target, newest_report, newest_action),
                recent=recent)


# The public log -------------------------------------------------------------------------------


def public_log() -> sa.Select:
    """Every decision, newest first, with what it was about (never who reported)."""
    return (
        sa.select(ModerationAction)
        .options(
            joinedload(ModerationAction.proposal),
            joinedload(ModerationAction.comment).joinedload(Comment.proposal),
            joinedload(ModerationAction.comment).joinedload(Comment.version)
            .joinedload(CommitmentVersion.commitment),
            joinedload(ModerationAction.comment).joinedload(Comment.assessment)
            .joinedload(SelfAssessment.plan),
            joinedload(ModerationAction.translation),
        )
        .order_by(ModerationAction.created_at.desc(), ModerationAction.id.desc())
    )

