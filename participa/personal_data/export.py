"""Everything Participa keeps about one person, as a ZIP archive: ``datos.json`` (all of it)
and one CSV per list, for spreadsheets. Built in memory for each download, never stored.

This package reads every feature's models (nothing imports it), like ``admin``.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import ScalarResult
from sqlalchemy.orm import InstrumentedAttribute, joinedload

from ..accounts.models import User
from ..base.extensions import db
from ..base.time import iso_utc
from ..comments.models import Comment, CommentRevision
from ..moderation.models import Report
from ..notifications.models import Follow, Notification, Preference
from ..notifications.services import message_for
from ..organizations.models import Membership
from ..plans.models import CommitmentVersion
from ..proposals.models import Proposal, Support
from ..translation.models import Suggestion, TranslatorRequest, TranslatorRole
from ..voting.models import Vote
from ..web.api import csv_text

FORMAT_VERSION = 1


def _time(value: datetime | None) -> str | None:
    return iso_utc(value) if value else None


def _value(enum_member: Any) -> str | None:
    return enum_member.value if enum_member is not None else None


def _theirs(owner: InstrumentedAttribute, user: User, *options: Any,
            order_by: Any = None) -> ScalarResult[Any]:
    """The person's rows of ``owner``'s model (``owner``: its column that names her), loaded
    with ``options``, in the order they were made (the id) unless ``order_by``."""
    model = owner.class_
    return db.session.scalars(
        sa.select(model).where(owner == user.id).options(*options)
        .order_by(model.id if order_by is None else order_by)
    )


def account(user: User) -> dict[str, Any]:
    return {
        "id": user.id,
        "name": user.name,
        "email": user.email,
        "sector": _value(user.sector),
        "preferred_language": user.preferred_language,
        "department": user.department_code,
        "municipality": user.municipality_code,
        "notify_by_email": user.notify_by_email,
        "roles": [role for role, on in (("admin", user.is_admin),
                                        ("moderator", user.is_moderator)) if on],
        "created_at": _time(user.created_at),
        "email_confirmed_at": _time(user.email_confirmed_at),
        "last_login_at": _time(user.last_login_at),
        "password_changed_at": _time(user.password_changed_at),
        "two_factor_enabled_at": _time(user.totp_enabled_at),
        "blocked_at": _time(user.blocked_at),
        "blocked_until": _time(user.blocked_until),
        "block_reason": user.block_reason,
    }


def memberships(user: User) -> list[dict[str, Any]]:
    rows = _theirs(Membership.user_id, user, joinedload(Membership.organization))
    return [{
        "organization": m.organization.name,
        "acronym": m.organization.acronym,
        "status": _value(m.status),
        "is_manager": m.is_manager,
        "requested_at": _time(m.created_at),
        "decided_at": _time(m.decided_at),
    } for m in rows]


def proposals(user: User) -> list[dict[str, Any]]:
    rows = _theirs(Proposal.author_id, user, joinedload(Proposal.round),
                   joinedload(Proposal.axis), joinedload(Proposal.organization))
    return [{
        "reference": p.reference,
        "round": p.round.title,
        "title": p.title,
        "problem": p.problem,
        "proposed_commitment": p.proposed_commitment,
        "benefit": p.benefit,
        "institution": p.institution,
        "ogp_values": [value.value for value in p.ogp_values],
        "axis": p.axis.name if p.axis else None,
        "organization": p.organization.name if p.organization else None,
        "status": _value(p.status),
        "withdrawn_at": _time(p.withdrawn_at),
        "withdrawal_reason": p.withdrawal_reason,
        "support_count": p.support_count,
        "moderation_state": _value(p.moderation_state),
        "hidden_reason": p.hidden_reason,
        "created_at": _time(p.created_at),
        "updated_at": _time(p.updated_at),
    } for p in rows]


def supports(user: User) -> list[dict[str, Any]]:
    rows = _theirs(Support.user_id, user, joinedload(Support.proposal))
    return [{"proposal": s.proposal.reference, "proposal_title": s.proposal.title,
             "created_at": _time(s.created_at)} for s in rows]


def votes(user: User) -> list[dict[str, Any]]:
    rows = _theirs(Vote.user_id, user, joinedload(Vote.round), joinedload(Vote.commitment))
    return [{"round": v.round.title, "commitment_number": v.commitment.number,
             "commitment": v.commitment.title, "created_at": _time(v.created_at)}
            for v in rows]


def comments(user: User) -> list[dict[str, Any]]:
    rows = _theirs(Comment.author_id, user, joinedload(Comment.proposal),
                   joinedload(Comment.version).joinedload(CommitmentVersion.commitment))
    result = []
    for c in rows:
        if c.proposal is not None:
            on = f"propuesta {c.proposal.reference}"
        elif c.assessment is not None:
            on = f"autoevaluación {c.assessment.kind.value} del plan {c.assessment.plan.number}"
        else:
            on = f"compromiso {c.version.commitment.number}, versión {c.version.number}"
        result.append({
            "id": c.id,
            "on": on,
            "reply_to": c.parent_id,
            "stance": _value(c.stance),
            "section": c.section,
            "milestone": c.milestone_number,
            "body": c.body,
            "moderation_state": _value(c.moderation_state),
            "hidden_reason": c.hidden_reason,
            "created_at": _time(c.created_at),
            "edited_at": _time(c.edited_at),
        })
    return result


def comment_revisions(user: User) -> list[dict[str, Any]]:
    rows = db.session.scalars(
        sa.select(CommentRevision).join(Comment, CommentRevision.comment_id == Comment.id)
        .where(Comment.author_id == user.id).order_by(CommentRevision.id)
    )
    return [{"comment": r.comment_id, "body": r.body, "written_at": _time(r.created_at),
             "replaced_at": _time(r.replaced_at)} for r in rows]


def reports(user: User) -> list[dict[str, Any]]:
    rows = _theirs(Report.reporter_id, user, joinedload(Report.proposal))
    result = []
    for r in rows:
        if r.proposal_id is not None:
            target = f"propuesta {r.proposal.reference}"
        elif r.comment_id is not None:
            target = f"comentario {r.comment_id}"
        else:
            target = f"cuenta {r.user_id}"
        result.append({"target": target, "reason": _value(r.reason), "details": r.details,
                       "status": _value(r.status), "created_at": _time(r.created_at),
                       "resolved_at": _time(r.resolved_at)})
    return result


def notifications(user: User) -> list[dict[str, Any]]:
    rows = _theirs(Notification.user_id, user)
    return [{"kind": n.kind, "text": message_for(n.kind, n.params), "link": n.link,
             "created_at": _time(n.created_at), "read_at": _time(n.read_at),
             "emailed_at": _time(n.emailed_at)} for n in rows]


def follows(user: User) -> list[dict[str, Any]]:
    rows = _theirs(Follow.user_id, user)
    return [{"target": f.target_type, "target_id": f.target_id, "following": f.active,
             "automatic": f.automatic, "created_at": _time(f.created_at),
             "updated_at": _time(f.updated_at)} for f in rows]


def notification_preferences(user: User) -> list[dict[str, Any]]:
    rows = _theirs(Preference.user_id, user, order_by=Preference.kind)
    return [{"kind": p.kind, "delivery": _value(p.delivery),
             "updated_at": _time(p.updated_at)} for p in rows]


def translator_roles(user: User) -> list[dict[str, Any]]:
    rows = _theirs(TranslatorRole.user_id, user)
    return [{"language": r.language, "can_review": r.can_review, "credit": _value(r.credit),
             "granted_at": _time(r.granted_at), "revoked_at": _time(r.revoked_at)}
            for r in rows]


def translator_requests(user: User) -> list[dict[str, Any]]:
    rows = _theirs(TranslatorRequest.user_id, user)
    return [{"language": r.language, "motivation": r.motivation, "status": _value(r.status),
             "created_at": _time(r.created_at), "decided_at": _time(r.decided_at),
             "decision_note": r.decision_note} for r in rows]


def translation_suggestions(user: User) -> list[dict[str, Any]]:
    rows = _theirs(Suggestion.author_id, user, joinedload(Suggestion.message))
    return [{"language": s.language, "context": s.message.context,
             "source": s.message.msgid, "forms": list(s.forms), "origin": _value(s.origin),
             "status": _value(s.status), "created_at": _time(s.created_at),
             "reviewed_at": _time(s.reviewed_at), "review_note": s.review_note}
            for s in rows]


LISTS = {
    "organizaciones": memberships,
    "propuestas": proposals,
    "apoyos": supports,
    "votos": votes,
    "comentarios": comments,
    "revisiones_de_comentarios": comment_revisions,
    "denuncias": reports,
    "avisos": notifications,
    "seguimientos": follows,
    "preferencias_de_avisos": notification_preferences,
    "roles_de_traduccion": translator_roles,
    "solicitudes_de_traduccion": translator_requests,
    "sugerencias_de_traduccion": translation_suggestions,
}


def collect(user: User) -> dict[str, Any]:
    data: dict[str, Any] = {"format_version": FORMAT_VERSION,
                            "exported_at": _time(datetime.now(UTC)),
                            "cuenta": account(user)}
    for name, rows_of in LISTS.items():
        data[name] = rows_of(user)
    return data


def archive(user: User) -> bytes:
    """The ZIP: ``datos.json``, ``cuenta.csv`` and ``<list>.csv`` for each list that has
    rows (the JSON has every list, empty ones too)."""
    data = collect(user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("datos.json", json.dumps(data, ensure_ascii=False, indent=2))
        zf.writestr("cuenta.csv", csv_text(list(data["cuenta"]), [data["cuenta"]]))
        for name in LISTS:
            if rows := data[name]:
                zf.writestr(f"{name}.csv", csv_text(list(rows[0]), rows))
    return buffer.getvalue()
