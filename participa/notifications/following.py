"""Following: a person follows a proposal, a commitment (a draft or a published one) or a
round, and the features notify a target's followers (``followers_of``).

A feature registers what may be followed when it is imported, with the function that
loads one for the person (None when it does not exist for her: a 404)::

    register_target("proposal", load=_visible_proposal, link=lambda p: path_for(...))

Writing, supporting or commenting makes her follow (``follow_automatically``) unless she
stopped following that target before: the row stays, inactive, and remembers the stop.
Services flush, never commit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from ..accounts.models import User
from ..base.extensions import db
from ..base.time import utcnow
from .models import Follow

PROPOSAL = "proposal"
COMMITMENT = "commitment"
ROUND = "round"


@dataclass(frozen=True)
class Target:
    name: str
    # The object for the person, or None: it does not exist for her (404).
    load: Callable[[int, Any], Any]
    # The path of its page.
    link: Callable[[Any], str]


TARGETS: dict[str, Target] = {}


def register_target(name: str, *, load: Callable[[int, Any], Any],
                    link: Callable[[Any], str]) -> None:
    if len(name) > Follow.target_type.type.length:
        raise ValueError(f"follow target {name!r} is too long")
    TARGETS[name] = Target(name, load, link)


def _insert(**values: Any):
    dialect = db.session.get_bind(mapper=sa.inspect(Follow)).dialect.name
    return {"postgresql": postgresql.insert, "sqlite": sqlite.insert}[dialect](Follow).values(
        **values)


KEY = ["user_id", "target_type", "target_id"]


def _check(target_type: str) -> None:
    if target_type not in TARGETS:
        raise ValueError(f"unknown follow target {target_type!r}")


def set_following(*, user: User, target_type: str, target_id: int, active: bool) -> None:
    """She follows (``active``) or stops following the target, by her choice: one
    ``INSERT ... ON CONFLICT DO UPDATE``, so two clicks or two tabs make one row."""
    _check(target_type)
    now = utcnow()
    statement = _insert(user_id=user.id, target_type=target_type, target_id=target_id,
                        active=active, automatic=False, created_at=now, updated_at=now)
    db.session.execute(statement.on_conflict_do_update(
        index_elements=KEY, set_={"active": active, "automatic": False, "updated_at": now}))


def follow_automatically(*, user: User | int, target_type: str, target_id: int) -> None:
    """She wrote, supported or commented there: she follows it, unless a row exists already
    (she follows it, or she stopped following it: the stop is remembered)."""
    _check(target_type)
    now = utcnow()
    user_id = user if isinstance(user, int) else user.id
    statement = _insert(user_id=user_id, target_type=target_type, target_id=target_id,
                        active=True, automatic=True, created_at=now, updated_at=now)
    db.session.execute(statement.on_conflict_do_nothing(index_elements=KEY))


# Reading -----------------------------------------------------------------------------------


def is_following(user: Any, target_type: str, target_id: int) -> bool:
    """One statement: whether the signed-in person follows the target now."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(db.session.scalar(
        sa.select(Follow.active).where(Follow.user_id == user.id,
                                       Follow.target_type == target_type,
                                       Follow.target_id == target_id)
    ))


def followers_statement(target_type: str, target_ids: Iterable[int]) -> sa.Select:
    """The ids of the people following one of the targets now (for a feature's own query)."""
    return sa.select(Follow.user_id).where(
        Follow.target_type == target_type, Follow.target_id.in_(list(target_ids)),
        Follow.active.is_(True),
    ).distinct()


def followers_of(target_type: str, target_id: int) -> list[User]:
    """The people following the target now, living accounts only, in one statement: for the
    features that notify them (a commitment's progress, a draft's new version)."""
    _check(target_type)
    return list(db.session.scalars(
        sa.select(User)
        .where(User.id.in_(followers_statement(target_type, [target_id])))
        .where(User.deleted_at.is_(None))
        .order_by(User.id)
    ))


def followers_of_any(targets: dict[str, Iterable[int]]) -> list[User]:
    """The people following now at least one of the targets (target type -> ids), each
    once, living accounts only, in one statement: for an event that concerns several
    targets at once (a plan published: its round and each of its commitments)."""
    conditions = []
    for target_type, ids in targets.items():
        _check(target_type)
        ids = list(ids)
        if ids:
            conditions.append(sa.and_(Follow.target_type == target_type,
                                      Follow.target_id.in_(ids)))
    if not conditions:
        return []
    followers = sa.select(Follow.user_id).where(sa.or_(*conditions),
                                               Follow.active.is_(True))
    return list(db.session.scalars(
        sa.select(User).where(User.id.in_(followers), User.deleted_at.is_(None))
        .order_by(User.id)
    ))


def stopped(user: User, target_type: str, target_id: int) -> bool:
    """Whether she stopped following the target (for a notification that goes to people
    who took part: a stop silences that target for her)."""
    return db.session.scalar(
        sa.select(Follow.active).where(Follow.user_id == user.id,
                                       Follow.target_type == target_type,
                                       Follow.target_id == target_id)
    ) is False
