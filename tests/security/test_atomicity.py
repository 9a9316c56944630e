"""Nothing half-written (ASVS 2.3.3): a crash in the middle of a consolidation, a version save
or a moderation decision leaves the database exactly as it was.

Each operation goes through its real page (log-in, form, CSRF, view, services, commit). A
crash is injected before the n-th write statement of the request (INSERT, UPDATE or DELETE,
whether from a flush or from an SQL increment), for n = 1, 2, ... until the operation gets
through to its commit: every write before the crash ran inside the request's transaction
and must be gone. The request answers the 500 page; every table must be as before, row for
row, and no e-mail has gone out. The last, undisturbed run must change the database (so
the crashes did interrupt something), and after its commit only the record of the e-mails
sent may follow (so no commit split the operation).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine

from participa.accounts.models import User
from participa.base.extensions import db
from participa.consolidation import services as consolidation
from participa.consultations.models import PhaseKind
from participa.moderation.models import Report, ReportReason
from participa.notifications.models import Notification, OutboxMessage, OutboxStatus
from participa.plans.models import Commitment
from participa.proposals.models import Proposal, Response, ResponseDecision

from ..factories import login, mails, make_open_round, make_proposal, make_support, make_user
from ..plans.drafts import draft_with_versions, form_data
from .authz_world import changed_tables, fingerprint

WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture
def app_config() -> dict:
    # The injected crash answers the 500 page instead of reaching the test.
    return {"PROPAGATE_EXCEPTIONS": False}


class InjectedCrash(RuntimeError):
    pass


@contextmanager
def crash_before_write(n: int) -> Iterator[dict[str, int]]:
    """Raise before the n-th write statement sent to the database while inside, unless the
    operation's transaction has committed by then (what follows a commit, such as recording
    which e-mails went out, is another transaction)."""
    seen: dict = {"writes": 0, "crashed": 0, "committed": 0, "later": []}

    def before(conn, cursor, statement, parameters, context, executemany):  # noqa: ARG001
        if not statement.lstrip().upper().startswith(WRITES):
            return
        if seen["committed"]:
            seen["later"].append(statement)
            return
        seen["writes"] += 1
        if seen["writes"] == n:
            seen["crashed"] = 1
            raise InjectedCrash(f"crash before write {n}: {statement[:60]}")

    def committed(conn) -> None:  # noqa: ARG001
        seen["committed"] = 1

    event.listen(Engine, "before_cursor_execute", before)
    event.listen(Engine, "commit", committed)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", before)
        event.remove(Engine, "commit", committed)


def database() -> dict[str, tuple[int, str]]:
    with db.engine.connect() as connection:
        return fingerprint(connection)


def crash_everywhere(app, post) -> int:
    """Run ``post`` (one request) with a crash before its 1st, 2nd, ... write until it
    runs without one; check each crash left nothing behind. Returns how many writes the
    operation makes."""
    n = 1
    while True:
        sent = len(mails(app))  # the outbox sent first, so that "before" stays as it is
        with app.app_context():
            before = database()
        with crash_before_write(n) as seen:
            response = post()
        if not seen["crashed"]:
            break
        assert response.status_code == 500, (n, response.status_code)
        with app.app_context():
            after = database()
            assert after == before, (f"crash before write {n} left rows behind in "
                                     f"{changed_tables(before, after)}")
            assert len(mails(app)) == sent
        n += 1
    assert response.status_code in (200, 302, 303), response.status_code
    # One transaction, its e-mails in the outbox with it: nothing is written after it.
    assert seen["later"] == [], seen["later"]
    with app.app_context():
        assert database() != before, "the operation wrote nothing"
    writes = n - 1
    assert writes >= 3, "an operation of several writes, so that crashes fall in between"
    return writes


@pytest.fixture
def moderator(app, client) -> int:
    with app.app_context():
        user = make_user(email_address="mtga@example.org", is_moderator=True)
        user_id = user.id
    login(client, "mtga@example.org")
    return user_id


def test_a_crash_in_the_middle_of_creating_a_draft(app, client, moderator):
    with app.app_context():
        round_ = make_open_round(PhaseKind.REVIEW)
        ids = [make_proposal(round_).id for _ in range(3)]
        round_id = round_.id
    url = f"/moderacion/consultas/{round_id}/borradores/nuevo"
    writes = crash_everywhere(app, lambda: client.post(url, data={
        "p": [str(i) for i in ids], "title": "Compras abiertas", "volver": url}))
    with app.app_context():
        [draft] = db.session.scalars(sa.select(Commitment).where(
            Commitment.round_id == round_id)).all()
        assert draft.title == "Compras abiertas"
    assert writes >= 5  # the commitment, its version, three links, the audit event


def test_a_crash_in_the_middle_of_publishing_responses(app, client, moderator):
    with app.app_context():
        actor = db.session.get(User, moderator)
        round_ = make_open_round(PhaseKind.REVIEW)
        proposals = [make_proposal(round_) for _ in range(2)]
        for proposal in proposals:
            make_support(proposal)
            consolidation.prepare_response(
                actor=actor, proposal=proposal, decision=ResponseDecision.NOT_INCORPORATED,
                reason="No corresponde a este plan.", commitment=None)
        db.session.commit()
        round_id = round_.id
    crash_everywhere(app, lambda: client.post(f"/moderacion/consultas/{round_id}/publicar"))
    with app.app_context():
        assert all(r.published_at is not None for r in db.session.scalars(
            sa.select(Response)))
    assert len(mails(app)) >= 2  # the authors and supporters were told, once


def test_a_crash_in_the_middle_of_saving_a_version(app, client, moderator):
    with app.app_context():
        commitment = draft_with_versions(2)
        commitment_id = commitment.id
    url = f"/planes/compromisos/{commitment_id}/editar"
    data = form_data({"problem": "Un problema descrito de nuevo."}, base=2,
                     note="Cambio tras los comentarios.")
    crash_everywhere(app, lambda: client.post(url, data=data))
    with app.app_context():
        numbers = [v.number for v in db.session.get(Commitment, commitment_id).versions]
        assert numbers == [1, 2, 3]


def test_a_crash_in_the_middle_of_a_moderation_decision(app, client, moderator):
    with app.app_context():
        proposal = make_proposal(make_open_round())
        for _ in range(2):
            db.session.add(Report(reporter_id=make_user().id, proposal_id=proposal.id,
                                  reason=ReportReason.PERSONAL_DATA, details="Datos"))
        db.session.commit()
        proposal_id = proposal.id
    page = client.get(f"/moderacion/contenido/propuestas/{proposal_id}").get_data(as_text=True)
    [state] = set(re.findall(r'name="state" value="([0-9a-f]+)"', page))
    url = f"/moderacion/contenido/propuestas/{proposal_id}/ocultar"
    crash_everywhere(app, lambda: client.post(url, data={
        "state": state, "template": "", "reason": "Publica datos personales."}))
    with app.app_context():
        assert db.session.get(Proposal, proposal_id).moderation_state.value == "oculto"


def test_the_decisions_mail_waits_in_the_outbox_of_its_transaction(app, client, moderator):
    """The decision's e-mail is a row of the outbox written in the decision's transaction:
    the request sends nothing (a mail server that is down cannot fail it), and the worker
    sends it once (issue 17, item 4)."""
    with app.app_context():
        proposal = make_proposal(make_open_round())
        proposal_id, author = proposal.id, proposal.author.email
    page = client.get(f"/moderacion/contenido/propuestas/{proposal_id}").get_data(as_text=True)
    [state] = set(re.findall(r'name="state" value="([0-9a-f]+)"', page))
    response = client.post(f"/moderacion/contenido/propuestas/{proposal_id}/ocultar",
                           data={"state": state, "template": "", "reason": "Datos."})
    assert response.status_code in (302, 303), response.status_code
    assert mails(app, send=False) == []
    with app.app_context():
        assert db.session.get(Proposal, proposal_id).moderation_state.value == "oculto"
        [row] = db.session.scalars(sa.select(OutboxMessage)).all()
        assert row.status == OutboxStatus.PENDING
    assert [m["To"] for m in mails(app)] == [author]
    assert [m["To"] for m in mails(app)] == [author]
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Notification).where(
            Notification.emailed_at.is_(None))) == 0
