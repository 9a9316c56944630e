"""Simultaneous requests through the real HTTP stack: a threaded werkzeug server on a free
port of 127.0.0.1, people logged in through it (CSRF token from the page, session cookie),
and a barrier that releases all the requests at once. On PostgreSQL and on SQLite.

The database must hold the line: one support per person (UNIQUE + savepoint), counts moved
by SQL increments (support_count == COUNT(*)), the round's limit under the round's lock,
reference codes unique (UNIQUE + retry), and never a 500."""

from __future__ import annotations

import http.client
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
import sqlalchemy as sa
from werkzeug.serving import make_server

from participa.accounts.models import User
from participa.base.extensions import db
from participa.consultations.models import PhaseKind
from participa.proposals.models import Proposal, Support

from ..factories import PASSWORD, make_open_round, make_proposal, make_user

N = 40
_CSRF_RE = re.compile(r'<input[^>]*name="csrf_token"[^>]*>')


class Browser:
    """One person's cookies, over plain http.client (a new connection per request)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, data: dict | None = None,
                headers: dict | None = None) -> tuple[int, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        sent = dict(headers or {})
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            text = response.read().decode("utf-8")
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status, text
        finally:
            connection.close()

    def csrf(self, path: str) -> str:
        status, page = self.request("GET", path)
        assert status == 200, (status, page[:500])
        tag = _CSRF_RE.search(page).group(0)
        return re.search(r'value="([^"]+)"', tag).group(1)

    def log_in(self, email: str) -> None:
        token = self.csrf("/cuenta/entrar")
        status, page = self.request("POST", "/cuenta/entrar", {
            "email": email, "password": PASSWORD, "csrf_token": token,
        })
        assert status == 302, (status, page[:500])


@pytest.fixture
def server(app):
    """The app served by a threaded werkzeug server on a free port, in a thread."""
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_port
    httpd.shutdown()
    thread.join(timeout=10)
    httpd.server_close()


def _people(app, port: int, count: int) -> list[tuple[Browser, str]]:
    """``count`` confirmed people logged in through the server, each with a CSRF token."""
    with app.app_context():
        emails = [make_user(email_address=f"gente{i}@example.org").email for i in range(count)]

    def log_in(email: str) -> tuple[Browser, str]:
        browser = Browser(port)
        browser.log_in(email)
        return browser, browser.csrf("/mi-participacion")

    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(log_in, emails))


def _all_at_once(calls) -> list[int]:
    """Run every call in its own thread, released together; their statuses."""
    barrier = threading.Barrier(len(calls))
    statuses: list[int | str] = [0] * len(calls)

    def run(index, call):
        barrier.wait(timeout=30)
        try:
            statuses[index] = call()
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            statuses[index] = repr(error)

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return statuses


def _counts(app, proposal_id: int) -> tuple[int, int]:
    """(COUNT(*) of supports, the stored support_count)."""
    with app.app_context():
        rows = db.session.scalar(
            sa.select(sa.func.count(Support.id)).where(Support.proposal_id == proposal_id))
        stored = db.session.scalar(
            sa.select(Proposal.support_count).where(Proposal.id == proposal_id))
        return rows, stored


@pytest.fixture
def target(app) -> int:
    with app.app_context():
        return make_proposal(make_open_round(), make_user(email_address="autora@example.org")).id


def test_one_person_many_identical_requests(app, server, target):
    [(browser, token)] = _people(app, server, 1)
    path = f"/propuestas/{target}/apoyar"

    def support(index: int):
        # Half like the plain form, half like support.js.
        headers = {"Accept": "application/json"} if index % 2 else {}
        return lambda: browser.request("POST", path, {"csrf_token": token}, headers)[0]

    statuses = _all_at_once([support(i) for i in range(N)])
    assert set(statuses) <= {200, 303}, statuses
    assert _counts(app, target) == (1, 1)


def test_many_people_at_once(app, server, target):
    people = _people(app, server, N)
    path = f"/propuestas/{target}/apoyar"
    statuses = _all_at_once([
        (lambda b=browser, t=token: b.request("POST", path, {"csrf_token": t},
                                              {"Accept": "application/json"})[0])
        for browser, token in people
    ])
    assert statuses == [200] * N, statuses
    assert _counts(app, target) == (N, N)


def test_support_and_withdrawal_racing(app, server, target):
    """Supports and withdrawals of the same people interleaved: whatever wins, the count
    equals the rows."""
    people = _people(app, server, 10)
    calls = []
    for browser, token in people:
        for action in ("apoyar", "retirar-apoyo", "apoyar", "retirar-apoyo", "apoyar"):
            calls.append(lambda b=browser, t=token, a=action: b.request(
                "POST", f"/propuestas/{target}/{a}", {"csrf_token": t},
                {"Accept": "application/json"})[0])
    statuses = _all_at_once(calls)
    assert set(statuses) == {200}, statuses
    rows, stored = _counts(app, target)
    assert rows == stored and 0 <= rows <= 10


def test_the_rounds_limit_holds_under_concurrency(app, server):
    with app.app_context():
        round_ = make_open_round(PhaseKind.PROPOSALS, max_supports_per_user=3)
        author = make_user(email_address="autora@example.org")
        ids = [make_proposal(round_, author).id for _ in range(12)]
    [(browser, token)] = _people(app, server, 1)
    statuses = _all_at_once([
        (lambda i=i: browser.request("POST", f"/propuestas/{i}/apoyar", {"csrf_token": token},
                                     {"Accept": "application/json"})[0])
        for i in ids
    ])
    assert sorted(statuses) == [200] * 3 + [409] * 9, statuses
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Support.id))) == 3
        assert db.session.scalar(sa.select(sa.func.sum(Proposal.support_count))) == 3


def test_simultaneous_submissions_get_distinct_reference_codes(app, server):
    with app.app_context():
        round_id = make_open_round().id
    people = _people(app, server, 12)
    path = f"/consultas/{round_id}/propuestas/nueva"

    def submit(browser, token, n):
        return browser.request("POST", path, {
            "csrf_token": token, "accion": "publicar", "title": f"Propuesta simultánea {n}",
            "problem": "p", "proposed_commitment": "c", "benefit": "b",
            "institution": "i", "values": ["transparencia"],
        })[0]

    statuses = _all_at_once([
        (lambda b=b, t=t, n=n: submit(b, t, n)) for n, (b, t) in enumerate(people)
    ])
    assert statuses == [302] * len(people), statuses
    with app.app_context():
        numbers = sorted(db.session.scalars(sa.select(Proposal.reference_number)))
        assert numbers == list(range(1, len(people) + 1))
        assert db.session.scalar(sa.select(sa.func.count(sa.distinct(Proposal.author_id)))) \
            == len(people)
        assert all(u.is_confirmed for u in db.session.scalars(sa.select(User)))
