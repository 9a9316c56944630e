"""Every route of ``app.url_map``, walked as every role (SECURITY.md classes 4 and 10):

- each answer is the one the table of ``matrix.py`` declares (function-level authorisation);
- a route missing from the table, or a row for a route that no longer exists, fails;
- methods a route does not declare answer 405;
- no GET changes the database (the statements sent are watched, and a fingerprint of every
  table is compared before and after each role's walk);
- no POST is accepted without a valid CSRF token: missing, forged, or another session's;
- every answer to a GET carries the headers of SECURITY.md (the CSP to the letter, without
  nonces since issue 20, so every script is a file of ours), and every one to a signed-in
  person ``Cache-Control: no-store`` (but our static files, the same for everyone: see
  participa/web/static_files.py).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from werkzeug.exceptions import MethodNotAllowed, NotFound

from participa.accounts.two_factor_views import OPEN_BLUEPRINTS
from participa.web import static_files

from ..conftest import make_app
from .authz_world import (
    ROLES,
    changed_tables,
    clients,  # noqa: F401  (fixture)
    fingerprint,
    isolated,
    kept_cookies,
    sec_app,  # noqa: F401  (fixture)
    signed_in_client,
    world_of,
)
from .matrix import CLASSES, TABLE, Row

LETTERS = {name: letter for letter, name in CLASSES.items()}
STATUS_CLASSES = {400: "invalid", 422: "invalid", 403: "forbidden", 404: "notfound",
                  405: "method", 409: "conflict"}
IGNORED_METHODS = {"HEAD", "OPTIONS"}
LOGIN_PATH = "/cuenta/entrar"
SECOND_STEP_PATH = "/cuenta/dos-pasos"
CSRF_REFUSAL = "El formulario caducó"


def is_csrf_refusal(response) -> bool:
    return response.status_code == 400 and CSRF_REFUSAL in response.get_data(as_text=True)


def outcome(response, method: str = "GET") -> str:
    """The class of an answer (see matrix.py); any other status is its number (and a CSRF
    refusal is no class: the matrix's posts carry a valid token)."""
    status = response.status_code
    if is_csrf_refusal(response):
        return "csrf"
    if 300 <= status < 400:
        location = urlsplit(response.headers["Location"])
        if location.path == LOGIN_PATH and "next=" in location.query:
            return "login"
        return "redirect" if method == "GET" else "ok"
    if 200 <= status < 300:
        return "ok"
    return STATUS_CLASSES.get(status, str(status))


def letter(name: str) -> str:
    return LETTERS.get(name, "?")


def path_of(row: Row, world: dict) -> str:
    return row.path.format(**world)


def data_of(row: Row, world: dict) -> dict[str, str]:
    return {key: value.format(**world) for key, value in (row.data or {}).items()}


def send(client, method: str, path: str, data: dict | None = None, **kwargs):
    """One request whose cookies are put back afterwards, its body read while the
    transaction is still open."""
    with kept_cookies(client):
        response = client.open(path, method=method, data=data, **kwargs) if method != "POST" \
            else client.post(path, data=data or {}, **kwargs)
        response.get_data()
        response.close()
    return response


# SECURITY.md "Headers", to the letter, without a nonce: a page a proxy keeps for every
# visitor holds none (SECURITY.md "Anonymous caching"; issue 20).
CSP = re.compile(
    r"default-src 'self'; script-src 'self'; style-src 'self'; "
    r"img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
    r"frame-ancestors 'none'"
)


def header_problems(response, role: str) -> list[str]:
    """What is wrong with an answer's security headers (and its scripts: files of ours)."""
    headers, problems = response.headers, []
    csp = CSP.fullmatch(headers.get("Content-Security-Policy", ""))
    if csp is None:
        problems.append(f"CSP {headers.get('Content-Security-Policy')!r}")
    if headers.get("X-Content-Type-Options") != "nosniff":
        problems.append("no nosniff")
    if headers.get("Referrer-Policy") not in ("same-origin", "strict-origin-when-cross-origin",
                                               "no-referrer"):
        problems.append(f"Referrer-Policy {headers.get('Referrer-Policy')!r}")
    if "Strict-Transport-Security" in headers:
        problems.append("HSTS outside production")
    if urlsplit(response.request.url).path.startswith("/static/"):
        # Our own files, the same for everyone: kept a year when versioned, else checked.
        if headers.get("Cache-Control") not in (static_files.IMMUTABLE, static_files.REVALIDATE):
            problems.append(f"static file, Cache-Control {headers.get('Cache-Control')!r}")
    elif role != "anonymous" and "no-store" not in headers.get("Cache-Control", ""):
        problems.append(f"signed in, Cache-Control {headers.get('Cache-Control')!r}")
    if response.mimetype == "text/html" and csp is not None:
        page = response.get_data(as_text=True)
        for tag in re.findall(r"<script\b[^>]*>", page, re.I):
            if not re.search(r'\ssrc="/static/', tag):
                problems.append(f"script that is not a file of ours: {tag}")
    return problems


def mismatch_report(results: dict[int, dict[str, str]], rows: list[Row]) -> list[str]:
    """One line per row whose answers differ from the table: expected and got, as letters."""
    lines = []
    for index, answers in results.items():
        row = rows[index]
        got = "".join(letter(answers[role]) for role in ROLES)
        if got != row.expected:
            odd = {role: answers[role] for role in ROLES if letter(answers[role]) == "?"}
            lines.append(f"{row.endpoint} {row.method} {row.path}: expected {row.expected}, "
                         f"got {got}{' ' + str(odd) if odd else ''}")
    return lines


GET_ROWS = [row for row in TABLE if row.method == "GET"]
POST_ROWS = [row for row in TABLE if row.method == "POST"]
# The one route a POST reaches without this session's CSRF token: the one-click stop of a
# mail (RFC 8058), which a mail program posts and whose signed link is the authority
# (tests/notifications/test_mail_kinds.py: a forged or altered link is refused).
CSRF_EXEMPT = {"notifications.unsubscribe"}


def test_every_route_is_in_the_table(tmp_path):
    app = make_app(f"sqlite:///{tmp_path / 'unused.db'}", tmp_path)
    routes = {
        (rule.endpoint, method)
        for rule in app.url_map.iter_rules()
        for method in rule.methods - IGNORED_METHODS
    }
    declared = {(row.endpoint, row.method) for row in TABLE}
    assert not routes - declared, (
        f"routes missing from tests/security/matrix.py: {sorted(routes - declared)}")
    assert not declared - routes, f"rows for routes that do not exist: {sorted(declared - routes)}"
    # Each row's address reaches its own route.
    adapter = app.url_map.bind("localhost")
    for row in TABLE:
        path = re.sub(r"\{[^}]+\}", "1", row.path).split("?")[0]
        endpoint, _ = adapter.match(path, method=row.method)
        assert endpoint == row.endpoint, row
        assert len(row.expected) == len(ROLES) and set(row.expected) <= set(CLASSES), row


def test_get_answers_match_the_table_and_change_nothing(sec_app, clients):  # noqa: F811
    world = world_of(sec_app)
    results: dict[int, dict[str, str]] = {i: {} for i in range(len(GET_ROWS))}
    writes, changed, headers, scripts = [], {}, [], 0
    for role in ROLES:
        with isolated(sec_app) as transaction:
            before = fingerprint(transaction.connection)
            for index, row in enumerate(GET_ROWS):
                response = send(clients[role], "GET", path_of(row, world))
                results[index][role] = outcome(response)
                if problems := header_problems(response, role):
                    headers.append((role, row.path, problems))
                if response.mimetype == "text/html":  # not the .docx and .odt downloads
                    scripts += response.get_data(as_text=True).count("<script")
                if sent := transaction.take_writes():
                    writes.append((role, row.endpoint, sent))
            if tables := changed_tables(before, fingerprint(transaction.connection)):
                changed[role] = tables
    assert not mismatch_report(results, GET_ROWS), "\n".join(mismatch_report(results, GET_ROWS))
    assert not writes, f"GET requests wrote to the database: {writes}"
    assert not changed, f"GET requests changed tables: {changed}"
    assert not headers, headers
    assert scripts > len(ROLES), "the walk met pages with scripts (their sources were checked)"


def test_post_answers_match_the_table(sec_app, clients):  # noqa: F811
    world = world_of(sec_app)
    results: dict[int, dict[str, str]] = {i: {} for i in range(len(POST_ROWS))}
    for index, row in enumerate(POST_ROWS):
        for role in ROLES:
            with isolated(sec_app):
                response = send(clients[role], "POST", path_of(row, world), data_of(row, world))
            results[index][role] = outcome(response, "POST")
    report = mismatch_report(results, POST_ROWS)
    assert not report, "\n".join(report)


def _undeclared_methods(app, world) -> list[tuple[str, str]]:
    """(method, path) for GET and POST on every address of the table where no route
    takes that method."""
    adapter = app.url_map.bind("localhost")
    found = []
    for path in sorted({path_of(row, world).split("?")[0] for row in TABLE}):
        for method in ("GET", "POST"):
            try:
                adapter.match(path, method=method)
            except MethodNotAllowed:
                found.append((method, path))
            except NotFound:  # pragma: no cover - every row's path is routed (checked above)
                raise
    return found


def test_other_methods_answer_405(sec_app, clients):  # noqa: F811
    world = world_of(sec_app)
    cells = _undeclared_methods(sec_app, world)
    assert len(cells) > 40
    wrong = []
    for role in ROLES:
        with isolated(sec_app) as transaction:
            for method, path in cells:
                response = send(clients[role], method, path)
                if response.status_code != 405:
                    wrong.append((role, method, path, response.status_code))
            assert not transaction.take_writes()
    assert not wrong


# CSRF ------------------------------------------------------------------------------------


def _other_sessions_token(app) -> str:
    """A valid token, but of someone else's session."""
    other = app.test_client()
    other.get("/")
    return other.csrf_token()


@pytest.mark.parametrize("token", ["missing", "forged", "other_session"])
def test_no_post_is_accepted_without_this_sessions_csrf_token(sec_app, clients, token):  # noqa: F811
    """Every state-changing route (every POST row of the table, with the data that makes
    it succeed) answers 400 and writes nothing, for every role."""
    world = world_of(sec_app)
    tokens = {"missing": None, "forged": "forged-token",
              "other_session": _other_sessions_token(sec_app)}
    roles = ROLES if token == "missing" else ("anonymous", "moderator", "admin")
    accepted, writes, changed = [], [], {}
    for role in roles:
        clients[role].csrf_token()  # the session holds its own secret: a token is compared
        with isolated(sec_app) as transaction:
            before = fingerprint(transaction.connection)
            for row in POST_ROWS:
                if row.endpoint in CSRF_EXEMPT:
                    continue
                data = data_of(row, world)
                if tokens[token] is not None:
                    data["csrf_token"] = tokens[token]
                response = send(clients[role], "POST", path_of(row, world), data, csrf=False)
                if not is_csrf_refusal(response):
                    accepted.append((role, row.endpoint, row.path, response.status_code))
                if sent := transaction.take_writes():
                    writes.append((role, row.endpoint, sent))
            if tables := changed_tables(before, fingerprint(transaction.connection)):
                changed[role] = tables
    assert not accepted, accepted
    assert not writes, writes
    assert not changed, changed


def test_the_harness_sees_writes_and_rolls_them_back(sec_app, clients):  # noqa: F811
    """The walks above prove something only if a write is seen and undone."""
    world = world_of(sec_app)
    with isolated(sec_app) as transaction:
        before = fingerprint(transaction.connection)
        response = send(clients["participant"], "POST", f"/propuestas/{world['proposal']}/apoyar")
        assert response.status_code == 303
        assert any(sql.startswith("INSERT INTO supports") for sql in transaction.take_writes())
        assert "supports" in changed_tables(before, fingerprint(transaction.connection))
    with isolated(sec_app) as transaction:
        assert fingerprint(transaction.connection) == before


def test_the_clients_are_who_they_claim(sec_app, clients):  # noqa: F811
    """The matrix means something only if each client is signed in as its role."""
    for role in ROLES:
        response = send(clients[role], "GET", "/cuenta/")
        assert outcome(response) == ("login" if role == "anonymous" else "ok"), role
    assert signed_in_client(sec_app, "anonymous").get("/cuenta/").status_code == 302


def test_an_admin_without_the_second_step_reaches_only_the_open_pages(sec_app, clients):  # noqa: F811
    """With REQUIRE_ADMIN_TOTP on (production's default), the administrator (who has not set
    up the second step) is sent to its set-up page by every route of the table but those of
    the open blueprints (their account, their data, the public pages), on GET and POST,
    and nothing is written; the open routes answer as the table says, and none of them is
    one that a participant is refused (a page of the roles)."""
    world = world_of(sec_app)
    open_prefixes = OPEN_BLUEPRINTS | {"static"}  # our own files, endpoint "static"
    sec_app.config["REQUIRE_ADMIN_TOTP"] = True
    wrong, open_rows = [], 0
    try:
        for row in GET_ROWS + POST_ROWS:
            with isolated(sec_app) as transaction:
                before = fingerprint(transaction.connection)
                response = send(clients["admin"], row.method, path_of(row, world),
                                data_of(row, world) if row.method == "POST" else None)
                after = fingerprint(transaction.connection)
            is_open = row.endpoint.split(".")[0] in open_prefixes
            if is_open:
                open_rows += 1
                # (The second step's own pages are for the roles: they must stay open.)
                if (row.outcomes()["participant"] == "forbidden" == row.outcomes()["blocked"]
                        and not row.endpoint.startswith("accounts.two_factor")):
                    wrong.append(f"{row.method} {row.path}: a route of the roles is open")
                got = outcome(response, row.method)
                if got != row.outcomes()["admin"]:
                    wrong.append(f"{row.method} {row.path}: {got}, not {row.outcomes()['admin']}")
            elif (response.status_code not in (302, 303)
                  or urlsplit(response.headers["Location"]).path != SECOND_STEP_PATH):
                wrong.append(f"{row.method} {row.path}: {response.status_code} "
                             f"{response.headers.get('Location')}")
            if not is_open and before != after:
                wrong.append(f"{row.method} {row.path} changed {changed_tables(before, after)}")
    finally:
        sec_app.config["REQUIRE_ADMIN_TOTP"] = False
    assert open_rows > 20
    assert not wrong, "\n".join(wrong)
