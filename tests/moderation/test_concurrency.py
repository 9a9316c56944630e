"""Simultaneous reports and decisions through the real HTTP stack (the threaded server and
the barrier of tests/proposals/test_concurrency.py), on SQLite and on PostgreSQL.

The database holds the line: one report per person and item (UNIQUE + savepoint: a 409,
never a 500), the automatic hide happens exactly once, when exactly the threshold of reports
is in (the item's row is locked before the count), and of several moderators deciding on
the same item at once exactly one succeeds (the others get a 409)."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa

from participa.audit.models import AuditEvent
from participa.base.extensions import db
from participa.comments.models import Comment
from participa.content.visibility import ModerationState
from participa.moderation.models import ModerationAction, Report
from participa.notifications.models import Notification

from ..factories import make_open_round, make_proposal, make_user
from ..proposals.test_concurrency import Browser, _all_at_once, _people, server  # noqa: F401
from .conftest import make_comment

N = 12


@pytest.fixture
def app_config() -> dict:
    # Many simultaneous reports from one address and one person: the rate limits are not
    # what these tests are about.
    return {"RATELIMIT_REPORTS": "1000 per minute",
            "RATELIMIT_REPORTS_PER_ADDRESS": "1000 per minute"}


@pytest.fixture
def target(app) -> int:
    with app.app_context():
        author = make_user(email_address="autora@example.org")
        proposal = make_proposal(make_open_round(), author)
        return make_comment(author, proposal=proposal, body="Un comentario denunciado.").id


def _count(app, model, **where) -> int:
    with app.app_context():
        statement = sa.select(sa.func.count(model.id))
        for name, value in where.items():
            statement = statement.where(getattr(model, name) == value)
        return db.session.scalar(statement)


def test_many_people_report_at_once_and_the_item_is_hidden_exactly_once(app, server, target):  # noqa: F811
    people = _people(app, server, N)
    path = f"/denunciar/comentario/{target}"
    statuses = _all_at_once([
        (lambda b=browser, t=token: b.request(
            "POST", path, {"csrf_token": t, "reason": "ofensivo"})[0])
        for browser, token in people
    ])
    # The first three get in; once hidden, the item is in the moderators' hands.
    assert sorted(statuses) == [303] * 3 + [409] * (N - 3), statuses
    assert _count(app, Report, comment_id=target) == 3
    assert _count(app, ModerationAction, comment_id=target) == 1
    assert _count(app, AuditEvent, action="moderation.auto_hide") == 1
    assert _count(app, Notification, kind="content_hidden") == 1
    with app.app_context():
        assert db.session.get(Comment, target).moderation_state == ModerationState.HIDDEN


def test_one_person_many_identical_reports(app, server, target):  # noqa: F811
    [(browser, token)] = _people(app, server, 1)
    path = f"/denunciar/comentario/{target}"
    statuses = _all_at_once([
        (lambda: browser.request("POST", path, {"csrf_token": token, "reason": "spam"})[0])
        for _ in range(N)
    ])
    assert sorted(statuses) == [303] + [409] * (N - 1), statuses
    assert _count(app, Report, comment_id=target) == 1
    assert _count(app, ModerationAction) == 0


_STATE = re.compile(r'name="state" value="([0-9a-f]+)"')


def test_simultaneous_decisions_on_one_item(app, server, target):  # noqa: F811
    with app.app_context():
        emails = [make_user(email_address=f"mod{i}@example.org", is_moderator=True).email
                  for i in range(6)]
    page = f"/moderacion/contenido/comentarios/{target}"

    def ready(email: str):
        browser = Browser(server)
        browser.log_in(email)
        status, text = browser.request("GET", page)
        assert status == 200, text[:500]
        token = re.search(r'name="csrf_token" value="([^"]+)"', text).group(1)
        return browser, token, _STATE.search(text).group(1)

    with ThreadPoolExecutor(max_workers=6) as pool:
        moderators = list(pool.map(ready, emails))
    statuses = _all_at_once([
        (lambda b=b, t=t, s=s, i=i: b.request(
            "POST", f"{page}/ocultar",
            {"csrf_token": t, "state": s, "template": "", "reason": f"Motivo {i}"})[0])
        for i, (b, t, s) in enumerate(moderators)
    ])
    assert sorted(statuses) == [303] + [409] * 5, statuses
    assert _count(app, ModerationAction, comment_id=target) == 1
    assert _count(app, AuditEvent, action="moderation.hide") == 1
