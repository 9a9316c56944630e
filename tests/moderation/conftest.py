"""People, a round in its proposals phase with a proposal, a comment and a reply, and
helpers shared by the moderation tests."""

from __future__ import annotations

import click
import pytest
import sqlalchemy as sa

from participa.audit.models import AuditEvent
from participa.base.extensions import db
from participa.base.time import utcnow
from participa.comments.models import Comment
from participa.consultations.models import PhaseKind
from participa.i18n import cli as translate_cli
from participa.moderation.models import ModerationAction, Report

from ..factories import make_open_round, make_proposal, make_user

REPORTERS = ("rep1", "rep2", "rep3", "rep4")


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogs():
    """Notifications and e-mails are rendered in the reader's language: compile the
    catalogs (as ``make test`` does; the .mo files are not in git)."""
    for code in ("cak", "quc", "kek", "mam"):
        if translate_cli.catalog_path(code).exists():
            try:
                translate_cli.compile_catalog(code)
            except click.ClickException:
                pass


def make_comment(author, *, proposal, body: str, parent=None) -> Comment:
    comment = Comment(proposal_id=proposal.id, author_id=author.id, body=body,
                      parent_id=parent.id if parent is not None else None,
                      depth=(parent.depth + 1) if parent is not None else 0)
    db.session.add(comment)
    db.session.commit()
    return comment


@pytest.fixture
def world(app) -> dict:
    """Ids of: people (log in as <key>@example.org), a round in its proposals phase, a
    proposal by ``author`` (who reads Kaqchikel), a comment on it by ``commenter`` and
    the author's reply to that comment."""
    with app.app_context():
        people = {
            "admin": make_user(email_address="admin@example.org", is_admin=True,
                               name="Admin Istradora"),
            "moderator": make_user(email_address="moderator@example.org", is_moderator=True,
                                   name="Moderadora MTGA"),
            "moderator2": make_user(email_address="moderator2@example.org", is_moderator=True,
                                    name="Segunda Moderadora"),
            "participant": make_user(email_address="participant@example.org"),
            "translator": make_user(email_address="translator@example.org",
                                    translates=("quc",)),
            "author": make_user(email_address="author@example.org", name="Ana Autora",
                                preferred_language="cak"),
            "commenter": make_user(email_address="commenter@example.org",
                                   name="Carlos Comenta"),
            "unconfirmed": make_user(email_address="unconfirmed@example.org",
                                     confirmed=False),
            "blocked": make_user(email_address="blocked@example.org", name="Berta Bloqueada"),
            **{key: make_user(email_address=f"{key}@example.org", name=f"Denunciante {key}")
               for key in REPORTERS},
        }
        people["blocked"].blocked_at = utcnow()
        people["blocked"].block_reason = "Spam repetido."
        db.session.commit()
        round_ = make_open_round(PhaseKind.PROPOSALS, title="Consulta del Quinto Plan")
        proposal = make_proposal(round_, people["author"], title="Compras municipales abiertas",
                                 problem="Las compras no se publican.")
        comment = make_comment(people["commenter"], proposal=proposal,
                               body="Esto ya existe en Guatecompras, no hace falta.")
        reply = make_comment(people["author"], proposal=proposal, parent=comment,
                             body="No para las municipalidades pequeñas.")
        return {
            **{key: user.id for key, user in people.items()},
            "round": round_.id,
            "proposal": proposal.id,
            "comment": comment.id,
            "reply": reply.id,
        }


def logout(client) -> None:
    client.post("/cuenta/salir")


def actions() -> list[ModerationAction]:
    return list(db.session.scalars(sa.select(ModerationAction).order_by(ModerationAction.id)))


def reports() -> list[Report]:
    return list(db.session.scalars(sa.select(Report).order_by(Report.id)))


def events(prefix: str = "") -> list[AuditEvent]:
    return [e for e in db.session.scalars(sa.select(AuditEvent).order_by(AuditEvent.id))
            if e.action.startswith(prefix)]


def report(client, kind: str, target_id: int, reason: str = "ofensivo", details: str = "",
           **extra):
    return client.post(f"/denunciar/{kind}/{target_id}",
                       data={"reason": reason, "details": details, **extra})
