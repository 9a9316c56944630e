"""One small world per database for the authorisation tests, and the machinery to walk it.

The world holds a real object for every parameter of every route: rounds open in each phase
that matters, a proposal by someone else with a comment and a reply, hidden and pending
content, a draft commitment with two versions and a comment on the newest one, a prepared
response, an organisation with a membership request, a reason template, a blocked person,
and valid confirmation and reset tokens. It is built once per database (``sec_app``); every
request that may change something runs inside a transaction that is rolled back afterwards
(``isolated``), so each cell of the matrix sees the same world.

People log in as ``<key>@example.org`` with ``factories.PASSWORD``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

import flask_sqlalchemy.session
import pytest
import sqlalchemy as sa
from sqlalchemy import event

from participa.accounts import tokens
from participa.accounts.models import Sector
from participa.assessments import services as assessments
from participa.assessments.models import AssessmentKind
from participa.base.extensions import db
from participa.base.time import local_zone, utcnow
from participa.comments.models import Comment
from participa.consolidation import services as consolidation
from participa.consultations.models import ConsultationRound, PhaseKind
from participa.content.visibility import ModerationState
from participa.content_translation import services as content_translation
from participa.forum.models import ForumMeeting
from participa.moderation import services as moderation
from participa.notifications import outbox
from participa.organizations.models import MembershipStatus
from participa.plans import versions
from participa.plans.models import Commitment, CommitmentStatus, PlanStatus
from participa.tracking import services as tracking
from participa.tracking.models import LeadOrganization
from participa.translation import glossary
from participa.translation import services as translation
from participa.translation import template as workspace_template
from participa.translation.catalog import message_key
from participa.translation.models import SourceMessage, TermStatus, TranslatorRequest
from participa.workshops.models import Workshop, WorkshopParticipants

from ..client import Client
from ..conftest import DBS, create_pg_database, drop_pg_database, make_app
from ..factories import (
    consecutive_phases,
    login,
    make_axis,
    make_membership,
    make_open_round,
    make_organization,
    make_plan,
    make_proposal,
    make_round,
    make_user,
)

# The roles of the matrix, in the order of its columns.
ROLES = ("anonymous", "participant", "blocked", "member", "translator", "moderator", "admin")
WRITES = ("INSERT", "UPDATE", "DELETE", "MERGE", "TRUNCATE", "DROP", "ALTER", "CREATE")


def _comment(author, body: str, *, proposal=None, version=None, parent=None) -> Comment:
    comment = Comment(
        proposal_id=proposal.id if proposal is not None else None,
        version_id=version.id if version is not None else None,
        parent_id=parent.id if parent is not None else None,
        depth=parent.depth + 1 if parent is not None else 0,
        author_id=author.id, body=body,
    )
    db.session.add(comment)
    db.session.commit()
    return comment


def build_world() -> dict[str, Any]:
    """Ids (and a few tokens) of everything the routes need; call in an app context."""
    people = {
        "participant": make_user(email_address="participant@example.org"),
        "blocked": make_user(email_address="blocked@example.org", name="Berta Bloqueada"),
        "member": make_user(email_address="member@example.org", name="Mónica Miembro"),
        "translator": make_user(email_address="translator@example.org", translates=("quc",)),
        "moderator": make_user(email_address="moderator@example.org", is_moderator=True),
        "admin": make_user(email_address="admin@example.org", is_admin=True),
        "author": make_user(email_address="author@example.org", name="Ana Autora"),
        "commenter": make_user(email_address="commenter@example.org", name="Carlos Comenta"),
        "manager2": make_user(email_address="manager2@example.org"),
        "applicant": make_user(email_address="applicant@example.org"),
        "applicant2": make_user(email_address="applicant2@example.org"),
        "newcomer": make_user(email_address="newcomer@example.org", confirmed=False),
        "resetter": make_user(email_address="resetter@example.org"),
        "plain": make_user(email_address="plain@example.org", name="Pablo Integrante"),
    }
    moderator = people["moderator"]

    # Organisations: the member is an accepted manager of a verified CSO that has a pending
    # request; another organisation has its own manager and request.
    cso = make_organization(name="Acción Ciudadana", acronym="AC")
    other_org = make_organization(name="Red Ciudadana")
    make_membership(people["member"], cso, manager=True)
    make_membership(people["plain"], cso)
    request_ = make_membership(people["applicant"], cso, status=MembershipStatus.PENDING)
    make_membership(people["manager2"], other_org, manager=True)
    request2 = make_membership(people["applicant2"], other_org, status=MembershipStatus.PENDING)
    # A request to translate Q'eqchi', waiting for the administrators.
    translator_request = TranslatorRequest(user_id=people["participant"].id, language="kek",
                                           motivation="Lo hablo en casa.")
    db.session.add(translator_request)

    plan = make_plan(number=5, status=PlanStatus.IN_CONSULTATION, start_year=2026)
    axis = make_axis(plan, name="Transparencia fiscal")
    foreign_axis = make_axis(make_plan(number=6), name="Eje de otro plan")

    # A round in its proposals phase: a proposal by someone else with a comment and the
    # author's reply, a hidden proposal, a pending one, a hidden comment, an open report.
    round_ = make_open_round(PhaseKind.PROPOSALS, plan=plan, title="Consulta abierta")
    proposal = make_proposal(round_, people["author"], title="Compras municipales abiertas")
    second = make_proposal(round_, people["commenter"], title="Datos abiertos de salud")
    hidden = make_proposal(round_, people["author"], title="Propuesta que se ocultó")
    pending = make_proposal(round_, people["author"], title="Propuesta que espera")
    # A workshop held today in Totonicapán, in the open round's proposals phase.
    workshop = Workshop(round=round_, title="Taller de Totonicapán",
                        held_on=utcnow().astimezone(local_zone()).date(),
                        department_code="08", municipality_code="0801", place="Escuela",
                        languages="es quc", facilitators="", created_by=moderator,
                        participants=[WorkshopParticipants(sector=Sector.CIUDADANIA,
                                                           total=10)])
    db.session.add(workshop)
    # A meeting of the Mesa Técnica, with minutes.
    meeting = ForumMeeting(held_on=date(2026, 6, 1), place="SEGEPLAN", agenda="Agenda",
                           minutes="Acta", created_by_id=moderator.id)
    db.session.add(meeting)
    pending.moderation_state = ModerationState.PENDING
    db.session.commit()
    comment = _comment(people["commenter"], "Esto ya existe en Guatecompras.",
                       proposal=proposal)
    reply = _comment(people["author"], "No para las municipalidades pequeñas.",
                     proposal=proposal, parent=comment)
    hidden_comment = _comment(people["commenter"], "Un comentario que se ocultó.",
                              proposal=proposal)
    pending_comment = _comment(people["commenter"], "Un comentario que espera.",
                               proposal=proposal)
    pending_comment.moderation_state = ModerationState.PENDING
    moderation.hide(moderator=moderator, target=hidden, reason="Datos personales.")
    moderation.hide(moderator=moderator, target=hidden_comment, reason="Insultos.")
    moderation.report(reporter=people["commenter"], target=proposal, reason="spam")
    moderation.block_user(moderator=moderator, user=people["blocked"], reason="Spam repetido.")
    template = moderation.create_template(moderator=moderator, title="Datos personales",
                                          body="Publica datos personales de otra persona.")
    retired = moderation.create_template(moderator=moderator, title="Motivo retirado",
                                         body="Un motivo que ya no se ofrece.")
    moderation.update_template(moderator=moderator, template=retired, title=retired.title,
                               body=retired.body, is_active=False)
    consolidation.prepare_response(actor=moderator, proposal=second, decision="no_incorporada",
                                   reason="No corresponde al plan.", commitment=None,
                                   expected_version="")
    db.session.commit()

    # A round in its comments phase with a draft made from one of its proposals, two
    # versions and a comment on the newest.
    comments_round = make_open_round(PhaseKind.COMMENTS, plan=plan,
                                     title="Consulta en comentarios")
    fed = make_proposal(comments_round, people["author"], title="Presupuesto abierto")
    draft = consolidation.create_draft(actor=moderator, round=comments_round, proposals=[fed],
                                       title="Presupuesto abierto municipal")
    db.session.commit()
    versions.save_version(actor=moderator, commitment=draft, base_number=1,
                          fields={"problem": "El presupuesto municipal no se publica."},
                          milestones=(), contacts=(), change_note="Problema escrito.")
    db.session.commit()
    newest = versions.get_version(draft, 2)
    draft_comment = _comment(people["commenter"], "Falta un hito.", version=newest)

    # A round in its prioritisation vote with a draft to vote for.
    vote_round = make_open_round(PhaseKind.VOTE, plan=plan, title="Consulta en votación")
    ballot_draft = Commitment(plan_id=plan.id, round_id=vote_round.id, number=20,
                              title="Borrador para votar", status=CommitmentStatus.DRAFT)
    db.session.add(ballot_draft)

    # An earlier round of the plan, published: the plan's document exists.
    start = utcnow() - timedelta(days=400)
    published_round = make_round(plan, consecutive_phases(start), title="Consulta publicada")
    published = Commitment(plan_id=plan.id, round_id=published_round.id, number=30,
                           title="Compromiso publicado", status=CommitmentStatus.ACTIVE)
    db.session.add(published)
    db.session.flush()
    versions.add_version(
        commitment=published, number=1, author=None, is_final=True,
        values={**versions.version_values(None), "title": "Compromiso publicado"},
        milestones=(versions.MilestoneData(1, "Publicar los datos."),
                    versions.MilestoneData(2, "Auditarlos.")),
        contacts=(), change_note="Versión final.",
    )
    db.session.get(ConsultationRound, published_round.id).published_at = start
    # Its progress (tracking): the member's organisation reports it; a draft update, one in
    # the MTGA's review, one published.
    db.session.add(LeadOrganization(commitment_id=published.id, organization_id=cso.id))
    db.session.commit()
    updates = {}
    for key, state in (("update_draft", 0), ("update_review", 1), ("update_published", 2)):
        updates[key] = tracking.draft_update(
            author=people["member"], commitment=published, milestone_number=1,
            status="limitado", body=f"Avance de prueba ({key}).")
        if state:
            tracking.submit_update(actor=people["member"], update=updates[key])
        if state == 2:
            tracking.publish_update(actor=moderator, update=updates[key])
    db.session.commit()
    # The plan's mid-term self-assessment, a draft; its end-of-term one, open for comment.
    assessment = assessments.open_assessment(
        actor=moderator, plan=plan, kind=AssessmentKind.MID_TERM,
        narratives={"lessons": "Lecciones del plan."})
    assessment_open = assessments.open_assessment(
        actor=moderator, plan=plan, kind=AssessmentKind.END_OF_TERM, narratives={})
    assessments.open_comments(actor=moderator, assessment=assessment_open, days=30)
    db.session.commit()

    # The translation workspace: "translator" translates and reviews K'iche' (quc); the
    # author translates it too and has a suggestion pending; the glossary has a term. The
    # template is synced now, as the workspace's first visit would (a GET then writes nothing).
    workspace_template.in_step()
    translation.grant(actor=people["admin"], user=people["translator"], language="quc",
                      can_review=True)
    translation.grant(actor=people["admin"], user=people["author"], language="quc")
    message = db.session.scalar(sa.select(SourceMessage).where(
        SourceMessage.key == message_key(None, "Consultas")))
    suggestion = translation.suggest(author=people["author"], message=message, language="quc",
                                     forms=["[quc] Consultas"])
    term = glossary.add_term(actor=people["translator"], language="quc", term="consulta",
                             translation="[quc] consulta", status=TermStatus.PREFERRED)
    db.session.commit()
    # Content translation (issue 18): the MTGA asked for the second proposal in K'iche' (an
    # open request); the author translated the first into K'iche' (waiting for review).
    ct_request = content_translation.request_translation(
        requester=moderator, kind="proposal", item_id=second.id, language="quc")
    ct_pending = content_translation.deliver_translation(
        translator=people["author"], kind="proposal", item_id=proposal.id, language="quc",
        texts={"title": "[prueba quc] Título", "problem": "[prueba quc] Problema",
               "proposed_commitment": "[prueba quc] Compromiso",
               "benefit": "[prueba quc] Beneficio"})
    db.session.commit()

    world = {
        **{key: user.id for key, user in people.items()},
        "message": message.id, "suggestion": suggestion.id, "term": term.id,
        "ct_request": ct_request.id, "ct_pending": ct_pending.id,
        "cso": cso.id, "other_org": other_org.id,
        "request": request_.id, "request2": request2.id,
        "translator_request": translator_request.id,
        "plan": plan.id, "axis": axis.id, "foreign_axis": foreign_axis.id,
        "assessment": assessment.id, "assessment_open": assessment_open.id,
        "workshop": workshop.id, "meeting": meeting.id,
        "round": round_.id, "comments_round": comments_round.id,
        "vote_round": vote_round.id, "published_round": published_round.id,
        "proposal": proposal.id, "second": second.id, "hidden": hidden.id,
        "pending": pending.id, "fed": fed.id,
        "comment": comment.id, "reply": reply.id, "hidden_comment": hidden_comment.id,
        "pending_comment": pending_comment.id,
        "draft": draft.id, "draft_v1": versions.get_version(draft, 1).id, "draft_v2": newest.id,
        "draft_comment": draft_comment.id, "ballot_draft": ballot_draft.id,
        "published": published.id, "template": template.id,
        **{key: update.id for key, update in updates.items()},
        "retired_template": retired.id,
        "confirm_token": tokens.make(people["newcomer"], tokens.CONFIRM),
        "reset_token": tokens.make(people["resetter"], tokens.RESET),
        "unsubscribe_token": outbox.unsubscribe_token(people["author"].id, ["comment_reply"]),
    }
    # The moderators' forms carry the item's fingerprint; with it, a decision is taken.
    for key, target in [("proposal", proposal), ("second", second), ("hidden", hidden),
                        ("pending", pending),
                        ("comment", comment), ("hidden_comment", hidden_comment),
                        ("author", people["author"]), ("blocked", people["blocked"]),
                        ("admin", people["admin"]), ("moderator", moderator)]:
        world[f"state_{key}"] = moderation.state_token(target)
    return world


# The app, the world and the clients, once per database ------------------------------------


@pytest.fixture(scope="module", params=DBS)
def sec_app(request, tmp_path_factory):
    """An app with the world built, on each database; rate limits off (the matrix sends
    many requests as each person)."""
    tmp_path = tmp_path_factory.mktemp("security")
    if request.param == "sqlite":
        url, pg_name = f"sqlite:///{tmp_path / 'participa.db'}", None
    else:
        pg_name = "participa_security_authz"
        url = create_pg_database(request.getfixturevalue("pg_admin_url"), pg_name)
    app = make_app(url, tmp_path, RATELIMIT_ENABLED=False)
    app.test_client_class = Client
    with app.app_context():
        db.create_all()
        app.extensions["security_world"] = build_world()
        db.session.remove()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    if pg_name is not None:
        drop_pg_database(request.getfixturevalue("pg_admin_url"), pg_name)


def world_of(app) -> dict[str, Any]:
    return app.extensions["security_world"]


def signed_in_client(app, role: str):
    """A client of ``role`` (``anonymous`` stays out)."""
    client = app.test_client()
    if role != "anonymous":
        response = login(client, f"{role}@example.org")
        assert response.status_code == 302, response.get_data(as_text=True)
    return client


@pytest.fixture(scope="module")
def clients(sec_app) -> dict[str, Any]:
    return {role: signed_in_client(sec_app, role) for role in ROLES}


# Isolation: a transaction rolled back after each request ----------------------------------


class _BoundSession(flask_sqlalchemy.session.Session):
    """A session that always uses the connection it was given (Flask-SQLAlchemy's own picks
    the engine by bind key)."""

    def get_bind(self, *args, **kwargs):  # noqa: ARG002
        return self.bind


class Isolated:
    """What happened inside ``isolated``: the write statements sent to the database."""

    def __init__(self, connection) -> None:
        self.connection = connection
        self.writes: list[str] = []

    def take_writes(self) -> list[str]:
        writes, self.writes = self.writes, []
        return writes


@contextmanager
def isolated(app) -> Iterator[Isolated]:
    """Run requests inside one outer transaction on one connection, rolled back at the end.
    The views' commits become savepoints; every INSERT/UPDATE/DELETE sent is recorded (a GET
    must send none)."""
    with app.app_context():
        engine = db.engine
    connection = engine.connect()
    outer = connection.begin()
    state = Isolated(connection)

    def spy(conn, cursor, statement, parameters, context, executemany):  # noqa: ARG001
        if statement.lstrip().split(None, 1)[0].upper() in WRITES:
            state.writes.append(" ".join(statement.split())[:160])

    event.listen(connection, "before_cursor_execute", spy)
    original = db.session
    db.session = db._make_scoped_session({
        "class_": _BoundSession, "bind": connection,
        "join_transaction_mode": "create_savepoint",
    })
    try:
        yield state
    finally:
        with app.app_context():
            db.session.remove()
        db.session = original
        event.remove(connection, "before_cursor_execute", spy)
        outer.rollback()
        connection.close()


@contextmanager
def kept_cookies(client) -> Iterator[None]:
    """Whatever a request does to the client's cookies (log out, a new session) is undone."""
    saved = dict(client._cookies)
    try:
        yield
    finally:
        client._cookies.clear()
        client._cookies.update(saved)


# A fingerprint of the whole database --------------------------------------------------------


def fingerprint(connection) -> dict[str, tuple[int, str]]:
    """{table: (row count, digest of every row in primary-key order)}."""
    result = {}
    for table in db.metadata.sorted_tables:
        order = list(table.primary_key.columns) or list(table.columns)
        rows = connection.execute(sa.select(table).order_by(*order)).all()
        digest = hashlib.sha256(repr([tuple(row) for row in rows]).encode()).hexdigest()[:16]
        result[table.name] = (len(rows), digest)
    return result


def changed_tables(before: dict, after: dict) -> list[str]:
    return sorted(name for name in before if before[name] != after.get(name))
