"""Write audit events. Every service that a moderator or admin uses calls ``record``."""

from __future__ import annotations

from typing import Any, Protocol

from flask import has_request_context, request

from ..base.extensions import db
from .models import AuditEvent


class Actor(Protocol):
    """Who acts: a person (``accounts.models.User``; the audit log sits below accounts, whose
    own services record events)."""

    id: int


def record(
    *,
    actor: Actor | None,
    action: str,
    target: Any,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    label: str | None = None,
    from_request: bool = True,
) -> AuditEvent:
    """Add one event for ``action`` on ``target`` (a model instance) and flush.
    ``from_request=False``: the system acts (an automatic hide after reports), and the
    address of the request that set it off is not recorded."""
    if target.id is None:
        db.session.flush()
    event = AuditEvent(
        actor_id=actor.id if actor is not None else None,
        action=action,
        target_type=target.__tablename__,
        target_id=target.id,
        target_label=(label or _label_of(target))[:255],
        before=before,
        after=after,
        ip_address=request.remote_addr if from_request and has_request_context() else None,
    )
    db.session.add(event)
    db.session.flush()
    return event


def _label_of(target: Any) -> str:
    for attribute in ("label", "title", "name", "email"):
        value = getattr(target, attribute, None)
        if isinstance(value, str) and value:
            return value
    return f"{target.__tablename__} {target.id}"
