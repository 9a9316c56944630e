#!/usr/bin/env python3
"""Participa's benchmark (see /work/shared/BENCHMARK.md and docs/performance.md).

For each database given, and each gunicorn worker class asked for, it:

1. serves a bare Flask "Hello, World!" (bench/hello.py) under the same gunicorn command line,
   on a port of its own: the ceiling C0;
2. serves Participa against the database (built beforehand with ``flask bench seed``),
   signs in benchmark accounts through the real log-in form, and drives every endpoint of
   BENCHMARK.md with wrk: a warm-up, then three runs, the median reported, each run right
   after a run of C0, so that each endpoint's ratio compares it with the ceiling measured
   next to it (the machine is shared: its speed drifts within a run);
3. counts the SQL statements of one request of each endpoint in-process (a SQLAlchemy
   ``before_cursor_execute`` listener, as tests/querycount.py does), reads the workers'
   resident memory after the run, and checks that every stored support count equals
   COUNT(*) of its rows after the support run (W1);
4. prints a markdown table per database and worker class.

    .venv/bin/python bench/run.py --database sqlite:////tmp/bench/full.db \\
        --database 'postgresql+psycopg://postgres:@/bench_full?host=/tmp/bench/pgdata'

``--growth`` measures R2 and R4 on data sets of 2,000, 20,000 and 200,000 proposals instead
(built on first use: a SQLite file beside the given one, or a PostgreSQL database of the
same server, named after the size).

wrk comes from Debian's packages: ``apt-get install wrk``.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
PORT = 8731  # Participa
CEILING_PORT = 8732  # the bare Flask app, served at the same time (idle while not measured)
PROXY_PORT = 8733  # nginx with the shipped configuration, in front of Participa
CEILING_PROXY_PORT = 8734  # the same nginx in front of the ceiling (P0)
# A new key each run: the sessions signed in for the load live only as long as the run.
SECRET_KEY = secrets.token_hex(32)
# The participation limits stay on (their cost is measured) but far above what a load
# generator on one address sends.
LIMITS = {
    "PARTICIPA_RATELIMIT_SUPPORTS": "1000000 per minute",
    "PARTICIPA_RATELIMIT_SUPPORTS_PER_ADDRESS": "1000000 per minute",
    "PARTICIPA_RATELIMIT_COMMENTS": "1000000 per minute",
    "PARTICIPA_RATELIMIT_COMMENTS_PER_ADDRESS": "1000000 per minute",
}
SESSION_COOKIE = "participa_session"
SIGNED_IN = 48  # participants signed in for W1 and W2
GROWTH_SIZES = (2_000, 20_000, 200_000)

DONE_LUA = r"""
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '\nRESULT {"requests": %d, "duration_us": %d, "p50": %d, "p95": %d, "p99": %d, ' ..
    '"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), e.connect, e.read, e.write, e.status, e.timeout))
end
"""

# Each thread takes every nth request of the plan, from its own offset. The plan is a long
# string parsed once per thread ("user proposal extra" per line): a Lua table constructor
# of tens of thousands of entries is beyond LuaJIT's limits.
POST_LUA = r"""
local counter = 0
function setup(thread)
  thread:set("offset", counter)
  counter = counter + 1
end
local plan = {}
function init(args)
  for u, p, e in string.gmatch(PLAN, "(%d+) (%d+) (%d+)") do
    plan[#plan + 1] = {tonumber(u), string.format(TEMPLATE, tonumber(p)), extras[tonumber(e)]}
  end
end
local i = 0
function request()
  local r = plan[(i * THREADS + offset) % #plan + 1]
  i = i + 1
  local u = users[r[1]]
  return wrk.format("POST", r[2], {
    ["Cookie"] = "COOKIE=" .. u[1],
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = ACCEPT,
  }, "csrf_token=" .. u[2] .. r[3])
end
"""


# Servers ----------------------------------------------------------------------------------


@dataclass
class Server:
    process: subprocess.Popen
    log: Path

    def worker_pids(self) -> list[int]:
        pids = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == self.process.pid:
                pids.append(int(entry.name))
        return pids

    def worker_rss_mb(self) -> list[float]:
        sizes = []
        for pid in self.worker_pids():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            match = re.search(r"VmRSS:\s+(\d+) kB", status)
            if match:
                sizes.append(int(match.group(1)) / 1024)
        return sizes


def gunicorn_command(worker_class: str, target: str, port: int) -> list[str]:
    """The one command line both the ceiling and Participa run under (but the port)."""
    command = [str(ROOT / ".venv/bin/gunicorn"), "-k", worker_class, "-w", "2",
               "-b", f"{HOST}:{port}", "--log-level", "warning"]
    if worker_class == "gthread":
        command += ["--threads", "4"]
    return [*command, target]


@contextmanager
def serve(worker_class: str, target: str, env: dict[str, str], ready_path: str,
          port: int = PORT):
    log = Path(tempfile.mkstemp(prefix="participa-bench-", suffix=".log")[1])
    with log.open("w") as out:
        process = subprocess.Popen(gunicorn_command(worker_class, target, port), cwd=ROOT,
                                   env={**os.environ, **env}, stdout=out,
                                   stderr=subprocess.STDOUT)
    server = Server(process, log)
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise SystemExit(f"gunicorn stopped: see {log}\n{log.read_text()[-3000:]}")
            try:
                if http_request("GET", ready_path, port=port).status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit(f"gunicorn did not answer within 60 s: see {log}")
            time.sleep(0.2)
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    cookies: dict[str, str]
    body: str


def http_request(method: str, path: str, *, cookie: str | None = None,
                 form: dict[str, str] | None = None, port: int = PORT) -> Answer:
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    headers = {}
    body = None
    if cookie:
        headers["Cookie"] = f"{SESSION_COOKIE}={cookie}"
    if form is not None:
        body = urlencode(form)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        cookies = {}
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                cookies[key] = rest.split(";", 1)[0]
        return Answer(response.status, dict(response.getheaders()), cookies, text)
    finally:
        connection.close()


_CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def sign_in(email: str, password: str, form_page: str | None) -> tuple[str, str]:
    """Log in through the form; return the session cookie and a CSRF token for it (taken
    from ``form_page``, a page with a form, after the log-in)."""
    page = http_request("GET", "/cuenta/entrar")
    cookie = page.cookies.get(SESSION_COOKIE)
    token = _CSRF_RE.search(page.body).group(1)
    answer = http_request("POST", "/cuenta/entrar", cookie=cookie,
                          form={"email": email, "password": password, "csrf_token": token})
    if answer.status != 302 or SESSION_COOKIE not in answer.cookies:
        raise SystemExit(f"log-in of {email} failed: {answer.status}")
    cookie = answer.cookies[SESSION_COOKIE]
    if form_page is None:
        return cookie, ""
    page = http_request("GET", form_page, cookie=cookie)
    cookie = page.cookies.get(SESSION_COOKIE, cookie)
    match = _CSRF_RE.search(page.body)
    if not match:
        raise SystemExit(f"no form on {form_page} for {email}")
    return cookie, match.group(1)


# wrk ----------------------------------------------------------------------------------------


@dataclass
class Run:
    rps: float
    p50: float
    p95: float
    p99: float
    errors: int
    requests: int


def wrk(path: str, *, seconds: int, connections: int, threads: int, script: str,
        headers: dict[str, str] | None = None, port: int = PORT) -> Run:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script + DONE_LUA)
        script_path = handle.name
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency",
               "--timeout", "10s", "-s", script_path]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    command.append(f"http://{HOST}:{port}{path}")
    try:
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(script_path)
    result = json.loads(output.split("RESULT ", 1)[1].splitlines()[0])
    errors = sum(result[k] for k in ("connect", "read", "write", "status", "timeout"))
    return Run(rps=result["requests"] / (result["duration_us"] / 1e6),
               p50=result["p50"] / 1000, p95=result["p95"] / 1000, p99=result["p99"] / 1000,
               errors=errors, requests=result["requests"])


@dataclass
class Row:
    id: str
    what: str
    runs: list[Run] = field(default_factory=list)
    # The ceiling's runs, each just before one of ``runs``: the machine is shared, so each
    # endpoint is compared with the ceiling measured next to it.
    ceilings: list[Run] = field(default_factory=list)
    queries: int | None = None

    def median(self, attribute: str) -> float:
        return statistics.median(getattr(run, attribute) for run in self.runs)

    @property
    def ceiling(self) -> float:
        return statistics.median(run.rps for run in self.ceilings or self.runs)

    @property
    def ratio(self) -> float:
        return self.median("rps") / self.ceiling

    @property
    def errors(self) -> int:
        return sum(run.errors for run in self.runs)


def _run(path: str, options: argparse.Namespace, *, script: str = "",
         headers: dict[str, str] | None = None, seconds: int | None = None,
         port: int = PORT, connections: int | None = None) -> Run:
    return wrk(path, seconds=seconds or options.duration,
               connections=connections or options.connections,
               threads=options.threads, script=script, headers=headers, port=port)


def measure(row: Row, path: str, options: argparse.Namespace, *, script: str = "",
            scripts: list[str] | None = None, headers: dict[str, str] | None = None) -> Row:
    """A warm-up, then ``options.repeats`` runs, each after a run of the ceiling (served
    meanwhile on its own port); ``scripts`` gives each run its own Lua (the write endpoints
    never repeat their requests across runs)."""
    plans = scripts or [script] * (options.repeats + 1)
    _run(path, options, script=plans[0], headers=headers, seconds=options.warmup)
    for n in range(options.repeats):
        row.ceilings.append(_run("/", options, port=CEILING_PORT))
        row.runs.append(_run(path, options, script=plans[n + 1], headers=headers))
    print(f"    {row.id:4} {row.what[:58]:58} {row.median('rps'):7.0f} req/s "
          f"p95 {row.median('p95'):7.1f} ms  ratio {row.ratio:.3f}  errors {row.errors}",
          flush=True)
    return row


def measure_proxy(row: Row, path: str, options: argparse.Namespace, *, connections: int,
                  ports: tuple[int, int]) -> Row:
    """As ``measure``, through nginx with the shipped configuration: ``ports`` are nginx in
    front of Participa and in front of the ceiling (bare Flask, never cached: P0)."""
    proxy_port, ceiling_port = ports
    _run(path, options, seconds=options.warmup, port=proxy_port, connections=connections)
    for _ in range(options.repeats):
        row.ceilings.append(_run("/", options, port=ceiling_port, connections=connections))
        row.runs.append(_run(path, options, port=proxy_port, connections=connections))
    print(f"    {row.id:4} {row.what[:58]:58} {row.median('rps'):7.0f} req/s "
          f"p99 {row.median('p99'):7.1f} ms  ratio {row.ratio:.3f}  errors {row.errors}",
          flush=True)
    return row


@contextmanager
def nginx_server(app_port: int, ceiling_port: int):
    """nginx with the shipped deploy/nginx.conf (bench/proxy.py) in front of Participa and
    of the ceiling: (its port for Participa, its port for the ceiling)."""
    if str(ROOT) not in sys.path:  # run as bench/run.py: its folder is on the path, not ROOT
        sys.path.insert(0, str(ROOT))
    from bench import proxy

    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        raise SystemExit("nginx is not installed: `apt-get install nginx-light`.")
    folder = Path(tempfile.mkdtemp(prefix="participa-bench-nginx-"))
    ports = (PROXY_PORT, CEILING_PROXY_PORT)
    (folder / "nginx.conf").write_text(proxy.configuration(
        folder, [(ports[0], app_port), (ports[1], ceiling_port)], workers="auto"))
    process = subprocess.Popen([binary, "-c", str(folder / "nginx.conf"), "-p", str(folder)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if http_request("GET", "/", port=ports[1]).status == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"nginx did not start: see {folder / 'error.log'}")
            time.sleep(0.2)
        yield ports
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)


KICHE = "quc"  # a read row's language instead of a person: sent as Accept-Language


@contextmanager
def ceiling_server(worker_class: str):
    """The bare Flask app on CEILING_PORT, warmed up."""
    with serve(worker_class, "bench.hello:app", {}, "/", port=CEILING_PORT) as server:
        wrk("/", seconds=3, connections=16, threads=2, script="", port=CEILING_PORT)
        yield server


# The data set -------------------------------------------------------------------------------


@dataclass
class Targets:
    round_id: int
    axis_id: int
    top_commented: int
    median_commented: int
    median_comments: int
    top_comments: int
    draft_id: int
    draft_versions: int
    search: str
    search_hits: int
    supportable: list[tuple[int, int]]  # (proposal id, author id) of the open rounds
    commentable: list[int]
    participants: list[str]
    moderator: str


def find_targets(app) -> Targets:
    import sqlalchemy as sa

    from participa.base.extensions import db
    from participa.bench import seed
    from participa.comments.models import Comment
    from participa.content.visibility import ModerationState
    from participa.plans.models import Commitment, CommitmentStatus, CommitmentVersion
    from participa.proposals.models import Proposal, ProposalStatus
    from participa.proposals.queries import search

    with app.app_context():
        round_id = db.session.scalar(
            sa.select(Proposal.round_id).group_by(Proposal.round_id)
            .order_by(sa.func.count().desc(), Proposal.round_id).limit(1))
        axis_id = db.session.scalar(
            sa.select(Proposal.axis_id).where(Proposal.round_id == round_id)
            .group_by(Proposal.axis_id).order_by(sa.func.count().desc()).limit(1))
        per_proposal = db.session.execute(
            sa.select(Comment.proposal_id, sa.func.count().label("n"))
            .where(Comment.proposal_id.is_not(None)).group_by(Comment.proposal_id)
            .order_by(sa.text("n DESC"), Comment.proposal_id)).all()
        top_commented, top_comments = per_proposal[0]
        median_commented, median_comments = per_proposal[len(per_proposal) // 2]
        versions = sa.func.count(CommitmentVersion.id)
        draft_id, draft_versions = db.session.execute(
            sa.select(Commitment.id, versions).join(CommitmentVersion)
            .where(Commitment.status == CommitmentStatus.DRAFT).group_by(Commitment.id)
            .order_by(versions.desc(), Commitment.id).limit(1)).one()
        open_rounds = [r for r in seed.OPEN_ROUNDS]
        public = db.session.execute(
            sa.select(Proposal.id, Proposal.author_id).where(
                Proposal.round_id.in_(open_rounds),
                Proposal.status == ProposalStatus.PUBLISHED,
                Proposal.moderation_state == ModerationState.VISIBLE)
            .order_by(Proposal.id)).all()
        # A common Spanish word and a made-up one written with U+2019, as people type.
        made_up = seed.words.MADE_UP[3].replace("\x01", "\u2019")
        query = f"presupuesto {made_up}"
        hits = db.session.scalar(
            sa.select(sa.func.count()).select_from(search.matching(
                sa.select(Proposal.id).where(Proposal.round_id == round_id), query).subquery()))
        if not hits:
            query = "presupuesto"
            hits = db.session.scalar(
                sa.select(sa.func.count()).select_from(search.matching(
                    sa.select(Proposal.id).where(Proposal.round_id == round_id),
                    query).subquery()))
        emails = _participant_emails(db, SIGNED_IN)
    commentable = [pid for pid, _ in public if pid != top_commented]
    return Targets(round_id, axis_id, top_commented, median_commented, median_comments,
                   top_comments, draft_id, draft_versions, query, hits,
                   [(pid, author) for pid, author in public], commentable, emails,
                   seed.ADMIN_EMAIL)


def _participant_emails(db, count: int) -> list[str]:
    import sqlalchemy as sa

    from participa.accounts.models import User
    from participa.bench import seed

    return list(db.session.scalars(
        sa.select(User.email).where(
            User.email.like(f"persona%@{seed.EMAIL_DOMAIN}"),
            User.email_confirmed_at.is_not(None), User.blocked_at.is_(None))
        .order_by(User.id).limit(count)))


def user_ids(app, emails: list[str]) -> dict[str, int]:
    import sqlalchemy as sa

    from participa.accounts.models import User
    from participa.base.extensions import db

    with app.app_context():
        return dict(db.session.execute(
            sa.select(User.email, User.id).where(User.email.in_(emails))).all())


def support_plan(rng: random.Random, targets: Targets, ids: list[int], length: int
                 ) -> list[tuple[int, int]]:
    """(user index, proposal id) pairs: a random person and proposal, 5% repeats of an
    earlier pair; never a person's own proposal."""
    pairs: list[tuple[int, int]] = []
    while len(pairs) < length:
        if pairs and rng.random() < 0.05:
            pairs.append(rng.choice(pairs))
            continue
        user = rng.randrange(len(ids))
        proposal, author = rng.choice(targets.supportable)
        if author != ids[user]:
            pairs.append((user, proposal))
    return pairs


def lua_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def post_script(users: list[tuple[str, str]], template: str, plan: list[tuple[int, int, int]],
                extras: list[str], threads: int, accept: str) -> str:
    """A wrk script posting, per request, the next (user, proposal, extra form fields) of
    ``plan`` (0-based indexes into ``users`` and ``extras``) to ``template % proposal``."""
    lines = ["users = {"]
    lines += [f"  {{{lua_string(c)}, {lua_string(t)}}}," for c, t in users]
    lines += ["}", "extras = {"]
    lines += [f"  {lua_string(extra)}," for extra in extras]
    lines += ["}", "PLAN = [["]
    lines += [f"{u + 1} {p} {e + 1}" for u, p, e in plan]
    lines += ["]]", f"TEMPLATE = {lua_string(template)}"]
    body = (POST_LUA.replace("THREADS", str(threads)).replace("COOKIE", SESSION_COOKIE)
            .replace("ACCEPT", lua_string(accept)))
    return "\n".join(lines) + body


# Counting queries in-process ----------------------------------------------------------------


class QueryCounter:
    """The app's SQL statements per request, through Flask's test client (one request per
    endpoint, with the same session as the load)."""

    def __init__(self, database_url: str) -> None:
        from sqlalchemy import event

        from participa import create_app
        from participa.base.extensions import db

        self.app = create_app({"SQLALCHEMY_DATABASE_URI": database_url,
                               "SECRET_KEY": SECRET_KEY, "RATELIMIT_ENABLED": False})
        self.count = 0
        with self.app.app_context():
            engine = db.engine

        def counted(*_args) -> None:
            self.count += 1

        event.listen(engine, "before_cursor_execute", counted)
        self.clients: dict[str | None, object] = {None: self.app.test_client()}

    def client(self, email: str | None):
        if email not in self.clients:
            from participa.bench import seed

            client = self.app.test_client()
            page = client.get("/cuenta/entrar")
            token = _CSRF_RE.search(page.text).group(1)
            answer = client.post("/cuenta/entrar", data={
                "email": email, "password": seed.PASSWORD, "csrf_token": token})
            if answer.status_code != 302:
                raise SystemExit(f"in-process log-in of {email} failed: {answer.status_code}")
            self.clients[email] = client
        return self.clients[email]

    def get(self, path: str, email: str | None = None, language: str | None = None) -> int:
        client = self.client(email)
        self.count = 0
        response = client.get(path, headers={"Accept-Language": language} if language else {})
        if response.status_code >= 400:
            raise SystemExit(f"GET {path}: {response.status_code}")
        return self.count

    def post(self, path: str, form: dict[str, str], form_page: str, email: str) -> int:
        client = self.client(email)
        token = _CSRF_RE.search(client.get(form_page).text).group(1)
        self.count = 0
        response = client.post(path, data={"csrf_token": token, **form})
        if response.status_code >= 400:
            raise SystemExit(f"POST {path}: {response.status_code}")
        return self.count


# One database, one worker class -------------------------------------------------------------


def app_env(database_url: str) -> dict[str, str]:
    return {"PARTICIPA_DATABASE_URL": database_url, "PARTICIPA_SECRET_KEY": SECRET_KEY,
            **LIMITS}


def support_counts_exact(app) -> str:
    from participa.base.extensions import db
    from participa.bench.seed import check

    with app.app_context():
        problems = [p for p in check(db.session) if "support" in p]
    return "exact" if not problems else "; ".join(problems)


def run_endpoints(database_url: str, worker_class: str, options: argparse.Namespace
                  ) -> tuple[list[Row], dict]:
    counter = QueryCounter(database_url)
    targets = find_targets(counter.app)
    rng = random.Random(options.seed)
    r = targets.round_id
    listing = f"/consultas/{r}/propuestas"
    rows: list[Row] = []
    extra: dict = {"targets": targets}
    with ceiling_server(worker_class), serve(worker_class, "participa:create_app()",
                                             app_env(database_url), "/healthz") as server:
        first_proposal = targets.supportable[0][0]
        print(f"    signing in {len(targets.participants)} participants...", flush=True)
        sessions = [sign_in(email, _password(), f"/propuestas/{first_proposal}")
                    for email in targets.participants]
        moderator_cookie, _token = sign_in(targets.moderator, _password(), None)
        page49 = http_request("GET", f"{listing}?sort=most_supported&page=49")
        deep = _next_link(page49.body) or f"{listing}?sort=most_supported&page=50"
        reads = [
            ("C1", "/healthz", "/healthz", None),
            ("R1", "home", "/", None),
            ("R1", "list of rounds", "/consultas/", None),
            ("R2", "round's proposals, page 1, most supported",
             f"{listing}?sort=most_supported", None),
            ("R2", "R2, signed in (a participant)", f"{listing}?sort=most_supported",
             targets.participants[0]),
            # The same pages in K'iche' (the browser asks for it): the live catalog's version
            # read once per request and each text marked with its language.
            ("R1", "home, in K'iche'", "/", KICHE),
            ("R2", "R2, in K'iche'", f"{listing}?sort=most_supported", KICHE),
            ("R3", "newest, filtered by axis and status",
             f"{listing}?axis={targets.axis_id}&status=publicada", None),
            ("R4", "page 50 of R2 (the link of page 49)", deep, None),
            ("R4", "page 50 of R2, typed as ?page=50",
             f"{listing}?sort=most_supported&page=50", None),
            ("R5", f"proposal with the most comments ({targets.top_comments})",
             f"/propuestas/{targets.top_commented}", None),
            ("R5", f"proposal with the median comments ({targets.median_comments})",
             f"/propuestas/{targets.median_commented}", None),
            ("R6", f"search «{targets.search}» ({targets.search_hits} found)",
             f"{listing}?{urlencode({'q': targets.search})}", None),
            ("R7", "moderation queue (moderator)", "/moderacion/contenido/denuncias",
             targets.moderator),
            ("R7", "audit log (administrator)", "/admin/auditoria/", targets.moderator),
            ("R8", f"draft diff, version 1 to {targets.draft_versions}",
             f"/planes/compromisos/{targets.draft_id}/diferencias?de=1&a="
             f"{targets.draft_versions}", None),
        ]
        only = set(options.only.split(",")) if options.only else None
        for row_id, what, path, email in reads:
            if only and row_id not in only:
                continue
            row = Row(row_id, what)
            language = email if email == KICHE else None
            email = None if language else email
            row.queries = counter.get(path, email, language)
            cookie = sessions[0][0] if email == targets.participants[0] else moderator_cookie
            headers = ({"Cookie": f"{SESSION_COOKIE}={cookie}"} if email
                       else {"Accept-Language": language} if language else None)
            rows.append(measure(row, path, options, headers=headers))
        if options.proxy and (not only or "P" in only):
            extra["proxy_rows"] = _through_nginx(targets, listing, options)
        ids_by_email = user_ids(counter.app, targets.participants)
        ids = [ids_by_email[email] for email in targets.participants]
        if not only or "W1" in only:
            rows.append(_supports(targets, sessions, ids, rng, counter, options))
            extra["w1_check"] = support_counts_exact(counter.app)
        if not only or "W2" in only:
            rows.append(_comments(targets, sessions, rng, counter, options))
        extra["rss"] = server.worker_rss_mb()
    c0 = Row("C0", "bare Flask «Hello, World!», every run of the ceiling above")
    c0.runs = [run for row in rows for run in row.ceilings]
    return [c0, *rows], extra


def _through_nginx(targets: Targets, listing: str, options: argparse.Namespace) -> list[Row]:
    """P1-P4: anonymous pages through nginx with the shipped configuration (its page cache),
    beside P0, the ceiling behind the same nginx (never cached), at each number of
    connections of ``--proxy-connections``."""
    pages = [("P1", "anonymous home", "/"),
             ("P2", "anonymous round", f"/consultas/{targets.round_id}"),
             ("P3", "anonymous proposal list (R2's page)", f"{listing}?sort=most_supported"),
             ("P4", f"anonymous proposal with {targets.top_comments} comments",
              f"/propuestas/{targets.top_commented}")]
    rows = []
    with nginx_server(PORT, CEILING_PORT) as ports:
        for connections in options.proxy_connections:
            for row_id, what, path in pages:
                row = Row(row_id, f"{what}, {connections} connections")
                rows.append(measure_proxy(row, path, options, connections=connections,
                                          ports=ports))
    return rows


def proxy_table(rows: list[Row]) -> str:
    lines = ["| id | endpoint | req/s | p50 ms | p95 ms | p99 ms | P0 req/s | ratio | errors |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for connections in sorted({int(row.what.rsplit(", ", 1)[1].split()[0]) for row in rows}):
        mine = [row for row in rows if row.what.endswith(f", {connections} connections")]
        p0 = Row("P0", f"bare Flask behind the same nginx (uncached), {connections} connections")
        p0.runs = [run for row in mine for run in row.ceilings]
        for row in (p0, *mine):
            lines.append(
                f"| {row.id} | {row.what} | {row.median('rps'):,.0f} | "
                f"{row.median('p50'):.1f} | {row.median('p95'):.1f} | {row.median('p99'):.1f} "
                f"| {row.ceiling:,.0f} | {row.ratio:.3f} | {row.errors} |")
    return "\n".join(lines)


def _password() -> str:
    from participa.bench import seed

    return seed.PASSWORD


_NEXT_RE = re.compile(r'<a[^>]*rel="next"[^>]*href="([^"]+)"|<a[^>]*href="([^"]+)"[^>]*rel="next"')


def _next_link(html: str) -> str | None:
    match = _NEXT_RE.search(html)
    if not match:
        return None
    return (match.group(1) or match.group(2)).replace("&amp;", "&")


def _supports(targets: Targets, sessions, ids, rng, counter, options) -> Row:
    row = Row("W1", "support a proposal (random person and proposal, 5% repeats)")
    length = max(20_000, options.duration * 3_000)
    scripts = []
    for _ in range(options.repeats + 1):
        plan = [(u, p, 0) for u, p in support_plan(rng, targets, ids, length)]
        scripts.append(post_script(sessions, "/propuestas/%d/apoyar", plan, [""],
                                   options.threads, "application/json"))
    proposal, _author = next(p for p in targets.supportable if p[1] != ids[-1])
    row.queries = counter.post(f"/propuestas/{proposal}/apoyar", {}, f"/propuestas/{proposal}",
                               targets.participants[-1])
    return measure(row, "/", options, scripts=scripts)


def _comments(targets: Targets, sessions, rng, counter, options) -> Row:
    from participa.bench import words

    row = Row("W2", "post a comment on a proposal")
    bodies = ["&" + urlencode({"body": words.paragraph(rng, 2), "stance": "",
                               "sitio_web": ""}) for _ in range(200)]
    scripts = []
    for _ in range(options.repeats + 1):
        plan = [(rng.randrange(len(sessions)), rng.choice(targets.commentable),
                 rng.randrange(len(bodies))) for _n in range(20_000)]
        scripts.append(post_script(sessions, "/comentarios/propuestas/%d/nuevo", plan, bodies,
                                   options.threads, "text/html"))
    proposal = targets.commentable[0]
    row.queries = counter.post(f"/comentarios/propuestas/{proposal}/nuevo",
                               {"body": "Un comentario de prueba.", "stance": "",
                                "sitio_web": ""},
                               f"/propuestas/{proposal}", targets.participants[0])
    return measure(row, "/", options, scripts=scripts)


# Reporting ----------------------------------------------------------------------------------


def table(rows: list[Row]) -> str:
    lines = ["| id | endpoint | req/s | p50 ms | p95 ms | p99 ms | C0 req/s | ratio | SQL/req "
             "| errors |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for row in rows:
        lines.append(
            f"| {row.id} | {row.what} | {row.median('rps'):,.0f} | {row.median('p50'):.1f} | "
            f"{row.median('p95'):.1f} | {row.median('p99'):.1f} | {row.ceiling:,.0f} | "
            f"{row.ratio:.3f} | {'' if row.queries is None else row.queries} | "
            f"{row.errors} |")
    return "\n".join(lines)


def dialect_of(url: str) -> str:
    return "PostgreSQL" if url.startswith("postgres") else "SQLite"


def report(database_url: str, worker_class: str, rows: list[Row], extra: dict,
           options: argparse.Namespace) -> str:
    ceilings = [run.rps for row in rows for run in row.ceilings] or [0.0]
    rss = ", ".join(f"{mb:.0f}" for mb in sorted(extra.get("rss", [])))
    head = [f"### {dialect_of(database_url)}, `gunicorn -k {worker_class} -w 2"
            f"{' --threads 4' if worker_class == 'gthread' else ''}`",
            "",
            f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC; wrk -t{options.threads} "
            f"-c{options.connections} -d{options.duration}s, {options.warmup} s warm-up, "
            f"median of {options.repeats} runs, each right after a run of the ceiling C0 "
            f"(bench/hello.py, same command line): the ratio compares each endpoint with its "
            f"own C0 runs. C0 over the whole run: {min(ceilings):,.0f} to "
            f"{max(ceilings):,.0f} req/s, median {statistics.median(ceilings):,.0f}.", "", ""]
    tail = ["", f"Worker RSS after the run: {rss} MB."]
    if "w1_check" in extra:
        tail.append(f"W1 check (stored support counts = COUNT(*)): {extra['w1_check']}.")
    text = "\n".join(head) + table([row for row in rows if row.runs]) + "\n" \
        + "\n".join(tail) + "\n"
    if extra.get("proxy_rows"):
        text += ("\nThrough nginx with the shipped deploy/nginx.conf (its page cache), "
                 "anonymous; each ratio against P0, the ceiling behind the same nginx, "
                 "measured right before each run:\n\n" + proxy_table(extra["proxy_rows"])
                 + "\n")
    return text


# Growth -------------------------------------------------------------------------------------


def growth_url(database_url: str, size: int) -> str:
    parts = urlsplit(database_url)
    if database_url.startswith("sqlite"):
        path = Path(parts.path.replace("//", "/", 1) if parts.path.startswith("//")
                    else parts.path)
        return f"sqlite:///{path.with_name(f'{path.stem}-p{size}{path.suffix}')}"
    name = parts.path.lstrip("/")
    return database_url.replace(f"/{name}", f"/{name}_p{size}", 1)


def ensure_seeded(database_url: str, size: int, seed: int) -> None:
    import sqlalchemy as sa

    if database_url.startswith("postgres"):
        url = sa.engine.make_url(database_url)
        admin = sa.create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            exists = connection.execute(
                sa.text("SELECT 1 FROM pg_database WHERE datname = :name"),
                {"name": url.database}).scalar()
            if not exists:
                connection.exec_driver_sql(f'CREATE DATABASE "{url.database}"')
        admin.dispose()
    env = {**os.environ, "PARTICIPA_DATABASE_URL": database_url, "FLASK_APP": "participa"}
    probe = sa.create_engine(database_url)
    try:
        with probe.connect() as connection:
            seeded = sa.inspect(connection).has_table("users") and connection.execute(
                sa.text("SELECT count(*) FROM users")).scalar()
    finally:
        probe.dispose()
    if seeded:
        return
    print(f"  building {size:,} proposals into {database_url} ...", flush=True)
    subprocess.run([str(ROOT / ".venv/bin/flask"), "bench", "seed", "--seed", str(seed),
                    "--scale", "full", "--proposals", str(size)], cwd=ROOT, env=env,
                   check=True, stdout=subprocess.DEVNULL)


def run_growth(database_url: str, worker_class: str, options: argparse.Namespace) -> str:
    lines = [f"### Growth on {dialect_of(database_url)}, `gunicorn -k {worker_class} -w 2`", "",
             "| proposals | largest round | R2 req/s | R2 p95 ms | R2 ratio | R4 req/s | "
             "R4 p95 ms | R4 ratio | R2 SQL | R4 SQL |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for size in GROWTH_SIZES:
        url = growth_url(database_url, size)
        ensure_seeded(url, size, options.seed)
        counter = QueryCounter(url)
        targets = find_targets(counter.app)
        listing = f"/consultas/{targets.round_id}/propuestas"
        with counter.app.app_context():
            import sqlalchemy as sa

            from participa.base.extensions import db
            from participa.proposals.models import Proposal

            largest = db.session.scalar(sa.select(sa.func.count()).where(
                Proposal.round_id == targets.round_id))
        with ceiling_server(worker_class), serve(worker_class, "participa:create_app()",
                                                 app_env(url), "/healthz"):
            page49 = http_request("GET", f"{listing}?sort=most_supported&page=49")
            deep = _next_link(page49.body) or f"{listing}?sort=most_supported&page=50"
            r2 = Row("R2", f"page 1 ({size:,})")
            r2.queries = counter.get(f"{listing}?sort=most_supported")
            measure(r2, f"{listing}?sort=most_supported", options)
            r4 = Row("R4", f"page 50 ({size:,})")
            r4.queries = counter.get(deep)
            measure(r4, deep, options)
        lines.append(
            f"| {size:,} | {largest:,} | {r2.median('rps'):,.0f} | {r2.median('p95'):.1f} | "
            f"{r2.ratio:.3f} | {r4.median('rps'):,.0f} | {r4.median('p95'):.1f} | "
            f"{r4.ratio:.3f} | {r2.queries} | {r4.queries} |")
    return "\n".join(lines) + "\n"


# Main ---------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", action="append", required=True,
                        help="SQLAlchemy URL of a database built by `flask bench seed` "
                             "(repeat for several)")
    parser.add_argument("--worker-class", choices=("sync", "gthread", "both"), default="sync")
    parser.add_argument("--duration", type=int, default=20, help="seconds per run")
    parser.add_argument("--warmup", type=int, default=5, help="seconds of warm-up")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--only", help="comma-separated ids (C1,R2,W1...)")
    parser.add_argument("--growth", action="store_true",
                        help="R2 and R4 at 2,000, 20,000 and 200,000 proposals")
    parser.add_argument("--output", help="also write the tables to this file")
    parser.add_argument("--proxy", action="store_true",
                        help="also P0-P4: anonymous pages through nginx with the shipped "
                             "deploy/nginx.conf (Debian's nginx)")
    parser.add_argument("--proxy-connections", default="16,256",
                        type=lambda text: [int(n) for n in text.split(",")],
                        help="connections of the P rows (comma-separated)")
    options = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        print("wrk is not installed: `apt-get install wrk` (Debian's package).",
              file=sys.stderr)
        return 2
    os.environ.pop("PARTICIPA_DATABASE_URL", None)
    classes = ["sync", "gthread"] if options.worker_class == "both" else [options.worker_class]
    reports = []
    for database_url in options.database:
        for worker_class in classes:
            print(f"== {dialect_of(database_url)}, {worker_class}", flush=True)
            if options.growth:
                text = run_growth(database_url, worker_class, options)
            else:
                rows, extra = run_endpoints(database_url, worker_class, options)
                text = report(database_url, worker_class, rows, extra, options)
            print("\n" + text, flush=True)
            reports.append(text)
    if options.output:
        Path(options.output).write_text("\n".join(reports))
    return 0


if __name__ == "__main__":
    sys.exit(main())
