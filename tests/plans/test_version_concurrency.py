"""Moderators saving the same draft at the same moment, through the real HTTP stack (a
threaded werkzeug server): one save wins, every other gets 409 with its text kept, version
numbers never repeat, and nothing answers 500. On SQLite and on PostgreSQL."""

from __future__ import annotations

import http.client
import re
import threading
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
import sqlalchemy as sa
from werkzeug.serving import make_server

from participa.base.extensions import db
from participa.plans.models import CommitmentVersion

from ..factories import PASSWORD, audit_events, make_user
from .drafts import draft_with_versions, form_data

N = 8
_CSRF_RE = re.compile(r'<input[^>]*name="csrf_token"[^>]*value="([^"]+)"')


class Browser:
    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, data: dict | None = None) -> tuple[int, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
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
        assert status == 200, (status, page[:300])
        return _CSRF_RE.search(page).group(1)


@pytest.fixture
def server(app):
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_port
    httpd.shutdown()
    thread.join(timeout=10)
    httpd.server_close()


def test_simultaneous_saves_from_the_same_base(app, server):
    with app.app_context():
        commitment_id = draft_with_versions(1).id
        emails = [make_user(email_address=f"mod{i}@example.org", is_moderator=True).email
                  for i in range(N)]
    path = f"/planes/compromisos/{commitment_id}/editar"
    browsers = []
    for email in emails:
        browser = Browser(server)
        token = browser.csrf("/cuenta/entrar")
        status, _page = browser.request("POST", "/cuenta/entrar", {
            "email": email, "password": PASSWORD, "csrf_token": token})
        assert status == 302
        browsers.append((browser, browser.csrf(path)))

    barrier = threading.Barrier(N)
    results: list = [None] * N

    def save(index: int) -> None:
        browser, token = browsers[index]
        data = {**form_data(base=1, fields={"problem": f"Texto de la persona {index}."}),
                "csrf_token": token}
        barrier.wait(timeout=30)
        try:
            results[index] = browser.request("POST", path, data)
        except Exception as error:  # noqa: BLE001 - shown by the assertion
            results[index] = (repr(error), "")

    threads = [threading.Thread(target=save, args=(i,)) for i in range(N)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    statuses = sorted(status for status, _page in results)
    assert statuses == [303] + [409] * (N - 1), statuses
    for index, (status, page) in enumerate(results):
        if status == 409:
            assert f"Texto de la persona {index}." in page  # the text is kept
    with app.app_context():
        numbers = db.session.scalars(
            sa.select(CommitmentVersion.number)
            .where(CommitmentVersion.commitment_id == commitment_id)
            .order_by(CommitmentVersion.number)
        ).all()
        assert numbers == [1, 2]
        assert len(audit_events("commitment.version")) == 2
