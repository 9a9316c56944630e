"""The append-only audit log of every moderator and admin action."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from ..base.extensions import db
from ..base.time import moment_column


class AuditEvent(db.Model):
    """Targets are named by (type, id): the log must outlive and span every table, so it
    holds no foreign key to its targets; ``target_label`` keeps a readable name."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = moment_column(now=True, index=True)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)
    action: Mapped[str] = mapped_column(sa.String(64), index=True)
    target_type: Mapped[str] = mapped_column(sa.String(40), index=True)
    target_id: Mapped[int | None] = mapped_column()
    target_label: Mapped[str | None] = mapped_column(sa.String(255))
    before: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)
    ip_address: Mapped[str | None] = mapped_column(sa.String(45))

    # The person who acted (``accounts.models.User``), named through the mapper registry: the
    # audit log sits below accounts, whose services record events.
    actor = relationship("User")


class AuditLogIsAppendOnly(Exception):
    pass


@event.listens_for(Session, "before_flush")
def _refuse_audit_changes(session: Session, flush_context, instances) -> None:  # noqa: ARG001
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, AuditEvent) and (obj in session.deleted or session.is_modified(obj)):
            raise AuditLogIsAppendOnly("audit events cannot be changed or deleted")


_PG_APPEND_ONLY = sa.DDL(
    """
    CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'audit_events is append-only';
    END;
    $$ LANGUAGE plpgsql;
    CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
    """
)
_SQLITE_APPEND_ONLY = [
    sa.DDL(
        f"CREATE TRIGGER audit_events_no_{verb.lower()} BEFORE {verb} ON audit_events "
        "BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END"
    )
    for verb in ("UPDATE", "DELETE")
]
event.listen(
    AuditEvent.__table__, "after_create", _PG_APPEND_ONLY.execute_if(dialect="postgresql")
)
for _ddl in _SQLITE_APPEND_ONLY:
    event.listen(AuditEvent.__table__, "after_create", _ddl.execute_if(dialect="sqlite"))
