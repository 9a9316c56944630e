"""The page cache of the shipped deploy/nginx.conf in front of a production gunicorn (issue 20,
item 3; SECURITY.md "Anonymous caching"): a signed-in person's page is never served to anyone
else, a POST is never cached, a change shows once the lifetime has passed, a revalidation is
answered 304, each language has its own copy, and the stale copy is served while the app does
not answer. The lifetime is the app's (PARTICIPA_PUBLIC_CACHE_SECONDS, 1 s here); waits are
deadlines, never assertions on speed."""

from __future__ import annotations

import http.client
import re
import shutil
import time
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
import sqlalchemy as sa

from participa.base.extensions import db
from participa.proposals.models import Proposal

from ..conftest import make_app
from ..factories import PASSWORD, make_open_round, make_organization, make_proposal, make_user
from . import servers

NAME = "Ana Reservada Quixtán"
EMAIL = "ana.reservada@example.org"
LIFETIME = 1  # seconds a public page is kept (PUBLIC_CACHE_SECONDS)
DEADLINE = 30  # seconds to wait for a change to show: a deadline, not a speed
SIGN_IN_COOKIES = ("participa_session", "participa_remember")
_CSRF_RE = re.compile(
    r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')


class Answer:
    def __init__(self, status: int, headers: http.client.HTTPMessage, body: str) -> None:
        self.status, self.headers, self.body = status, headers, body

    @property
    def cache(self) -> str:
        """nginx's $upstream_cache_status: HIT, MISS, EXPIRED, STALE, UPDATING, BYPASS, ..."""
        return self.headers.get("X-Cache-Status", "")


class Browser:
    """Cookies kept like a browser's, over plain http.client."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, data: dict | None = None,
                headers: dict | None = None) -> Answer:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        sent = dict(headers or {})
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    if morsel["max-age"] == "0" or not morsel.value:
                        self.cookies.pop(name, None)
                    else:
                        self.cookies[name] = morsel.value
            return Answer(response.status, response.headers, text)
        finally:
            connection.close()

    def get(self, path: str, **headers: str) -> Answer:
        return self.request("GET", path, headers=headers)

    def log_in(self, email: str) -> None:
        page = self.get("/cuenta/entrar").body
        token = next(g for g in _CSRF_RE.search(page).groups() if g)
        answer = self.request("POST", "/cuenta/entrar",
                              {"email": email, "password": PASSWORD, "csrf_token": token})
        assert answer.status == 302, (answer.status, answer.body[:300])


@pytest.fixture(scope="module")
def world(sqlite_template, tmp_path_factory):
    """A database with a round, a proposal and an organisation, and a named person."""
    folder = tmp_path_factory.mktemp("proxy-cache")
    database = folder / "participa.db"
    shutil.copy(sqlite_template, database)
    app = make_app(f"sqlite:///{database}", folder)
    with app.app_context():
        person = make_user(name=NAME, email_address=EMAIL)
        round_ = make_open_round()
        organization = make_organization()
        # By someone else: nothing public bears the signed-in person's name.
        proposal = make_proposal(round_, make_user(), title="Propuesta de prueba del caché")
        assert person.id
        ids = {"round_id": round_.id, "proposal_id": proposal.id,
               "organization_id": organization.id, "plan_id": round_.plan_id}
        db.engine.dispose()
    return app, database, folder, ids


@pytest.fixture(scope="module")
def served(world):
    """(the app, its database, nginx's port, gunicorn's process): one gunicorn behind nginx
    with the shipped configuration."""
    app, database, folder, ids = world
    env = servers.production_environment(database, folder,
                                         PUBLIC_CACHE_SECONDS=str(LIFETIME),
                                         MAIL_BACKEND="file")
    process, app_port, _ = servers.start_gunicorn(env, folder, "--workers", "2")
    try:
        with servers.running(app_port, folder / "nginx") as (port, _):
            yield app, ids, port, process
    finally:
        servers.stop(process)


def public_paths(app, ids) -> list[str]:
    """Every address read with GET that a visitor may open, its ids those of ``world``: the
    rules without arguments or with ids we have, but the accounts', the administration's, the
    API's downloads and the static files."""
    paths = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        if rule.rule.startswith(("/cuenta", "/admin", "/static", "/moderacion")):
            continue
        if set(rule.arguments) - set(ids):
            continue
        paths.append(re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(ids[m.group(1)]), rule.rule))
    return sorted(set(paths))


def test_a_signed_in_persons_pages_are_never_served_to_anyone_else(served):
    app, ids, port, _ = served
    paths = public_paths(app, ids)
    assert len(paths) >= 10, paths
    ana = Browser(port)
    ana.log_in(EMAIL)
    assert any(name in ana.cookies for name in SIGN_IN_COOKIES)
    tokens = set()
    for path in paths:
        answer = ana.get(path)
        if answer.status != 200:
            continue
        assert "no-store" in answer.headers.get("Cache-Control", ""), path
        assert answer.cache == "BYPASS", (path, answer.cache)
        tokens.update(g for match in _CSRF_RE.finditer(answer.body)
                      for g in match.groups() if g)
    assert tokens and NAME in ana.get("/cuenta/").body
    seen = 0
    for path in paths:
        for _ in range(2):  # the second from the cache, if the page is public
            visitor = Browser(port)
            answer = visitor.get(path)
            traces = [trace for trace in (NAME, EMAIL, "Cerrar sesión", "Mi participación",
                                          "Notificaciones", *tokens) if trace in answer.body]
            assert not traces, (path, traces)
            if answer.status == 200 and path != "/healthz":  # asks the app, never kept
                # A page (not a way to sign in): nothing of the visitor either.
                assert not visitor.cookies, (path, visitor.cookies)
                # Kept a few seconds, or revalidated every time (the open data: web.api's
                # no-cache and an ETag); never private.
                assert answer.headers["Cache-Control"].startswith(("public", "no-cache")), \
                    (path, answer.headers["Cache-Control"])
                seen += answer.cache == "HIT"
    assert seen >= 10, "public pages came from the cache"


def test_a_public_page_is_kept_and_revalidated(served):
    _, ids, port, _ = served
    path = f"/consultas/{ids['round_id']}/propuestas"
    visitor = Browser(port)
    first = visitor.get(path)
    assert first.status == 200
    assert first.headers["Cache-Control"] == f"public, max-age={LIFETIME}"
    assert first.headers["ETag"] and first.headers["Last-Modified"]
    assert "Cookie" in first.headers["Vary"]
    again = visitor.get(path, **{"If-None-Match": first.headers["ETag"]})
    assert again.status == 304 and again.body == ""
    other = visitor.get(path, **{"If-None-Match": '"something-else"'})
    assert other.status == 200 and other.body == first.body


def test_each_language_has_its_own_copy(served):
    _, ids, port, _ = served
    path = f"/consultas/{ids['round_id']}"
    english = Browser(port)
    english.get(f"{path}?lang=en")
    assert english.cookies.get("participa_lang") == "en"
    for _ in range(2):
        assert 'lang="en"' in english.get(path).body.split(">", 2)[1]
        assert 'lang="es"' in Browser(port).get(path).body.split(">", 2)[1]


def test_a_post_is_never_cached(served):
    _, _, port, _ = served
    answers = [Browser(port).request("POST", "/cuenta/entrar",
                                     {"email": EMAIL, "password": "wrong", "csrf_token": "x"})
               for _ in range(3)]
    assert all(answer.cache in ("", "BYPASS") for answer in answers), \
        [a.cache for a in answers]
    assert all(answer.status == 400 for answer in answers)


def test_a_change_shows_once_the_lifetime_has_passed(served):
    app, ids, port, _ = served
    path = f"/propuestas/{ids['proposal_id']}"
    before = Browser(port).get(path)
    assert before.status == 200 and "Título cambiado en la base" not in before.body
    with app.app_context():
        db.session.execute(sa.update(Proposal).where(Proposal.id == ids["proposal_id"])
                           .values(title="Título cambiado en la base"))
        db.session.commit()
        db.engine.dispose()
    deadline = time.monotonic() + DEADLINE
    while "Título cambiado en la base" not in Browser(port).get(path).body:
        assert time.monotonic() < deadline, "the change never showed"
        time.sleep(LIFETIME / 2)


def test_the_stale_copy_is_served_while_the_app_does_not_answer(served):
    """Last: it stops the app."""
    _, ids, port, process = served
    path = f"/consultas/{ids['round_id']}"
    fresh = Browser(port).get(path)
    assert fresh.status == 200
    servers.stop(process)
    time.sleep(LIFETIME + 0.5)  # the copy is now stale (its lifetime has passed)
    stale = Browser(port).get(path)
    assert stale.status == 200 and stale.cache == "STALE", stale.cache
    assert stale.body == fresh.body
    signed_in = Browser(port)
    signed_in.cookies["participa_session"] = "whatever"
    assert signed_in.get(path).status == 502  # never the cache for a sign-in cookie
