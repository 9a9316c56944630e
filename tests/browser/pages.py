"""What the browser suite records of every page a journey visits, and the reports.

- ``Recorder`` opens the browser contexts of one test (one per person) and watches their
  pages: every document loaded in a tab is a ``Visit`` with the bytes of each kind (HTML,
  CSS, JavaScript, fonts, images) and the requests it made. Requests to any other host than
  the app are aborted and fail the test; so do server errors, console errors (a CSP
  violation is one) and uncaught page errors.
- ``Auditor`` runs axe-core on every visit by loading the HTML the app served into a page of
  the same size (with the app's CSS and, for pages seen with JavaScript, its scripts), so a
  page visited with JavaScript disabled is checked too, and takes the 360-px screenshots.
- ``HtmlChecker`` runs the Nu HTML checker (vnu.jar) once, at the end of the session, on
  every distinct page visited.
- ``Report`` gathers the visits of the session and writes ``page-weights.md``, ``axe.md``,
  ``html-check.md`` and ``screenshots/`` under ``build/browser/``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from playwright.sync_api import Browser, BrowserContext, Page, Request, Route

VIEWPORTS = {
    "telefono": {"width": 360, "height": 740},
    "escritorio": {"width": 1280, "height": 800},
}
SCREENSHOT_VIEWPORT = "telefono"
# Uncompressed HTML + CSS + JavaScript of one page.
PAGE_LIMIT_BYTES = 60 * 1024
FAILING_IMPACTS = ("critical", "serious")
KINDS = {"document": "html", "stylesheet": "css", "script": "js", "font": "font",
         "image": "img"}
# Chromium asks for the favicon as "other".
EXTENSIONS = {".svg": "img", ".png": "img", ".ico": "img", ".jpg": "img", ".webp": "img",
              ".woff2": "font", ".woff": "font"}
COLUMNS = ("html", "css", "js", "font", "img", "other")
TIMEOUT_MS = 15_000


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def kind_of(resource_type: str, url: str) -> str:
    if resource_type in KINDS:
        return KINDS[resource_type]
    return EXTENSIONS.get(Path(urlsplit(url).path).suffix, "other")


def route_of(path: str) -> str:
    """``/propuestas/17/apoyar`` → ``/propuestas/<n>/apoyar``, and the signed tokens of
    e-mailed links → ``<token>``: pages grouped by route."""
    path = re.sub(r"/[A-Za-z0-9_\-]{16,}\.[A-Za-z0-9_.\-]+(?=/|$)", "/<token>", path)
    return re.sub(r"/\d+(?=/|$)", "/<n>", path) or "/"


@dataclass
class Visit:
    """One document loaded in a tab, and what it loaded."""

    url: str
    method: str
    viewport: str
    javascript: bool
    database: str
    status: int | None = None
    html: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    sizes: Counter = field(default_factory=Counter)
    transferred: int = 0
    requests: int = 0
    sideways: int = 0  # pixels wider than the window (``Auditor.audit``)

    @property
    def path(self) -> str:
        return urlsplit(self.url).path

    @property
    def key(self) -> str:
        return f"{self.method} {route_of(self.path)}"

    @property
    def title(self) -> str:
        match = re.search(rb"<title>(.*?)</title>", self.html, re.S)
        return " ".join(unescape(match.group(1).decode()).split()) if match else ""

    @property
    def page_bytes(self) -> int:
        return self.sizes["html"] + self.sizes["css"] + self.sizes["js"]

    def fingerprint(self) -> str:
        """The HTML but for what changes from one load to the next (CSP nonce, CSRF token,
        the tests' unique tokens, ids, numbers and dates), at the same size and JavaScript
        setting: the same page seen again (on the other database, by another test) would
        give axe the same results, so it is audited once."""
        html = re.sub(rb'(nonce|value)="[A-Za-z0-9._\-]{20,}"', b"", self.html)
        html = re.sub(rb"\d+", b"0", re.sub(rb"[0-9a-f]{8}", b"x", html))
        return hashlib.sha256(
            f"{self.viewport}|{self.javascript}|".encode() + html
        ).hexdigest()


class Recorder:
    """The browser contexts of one test (one per person) and the visits of their tabs.

    Each context records a HAR file with the bodies: Playwright's driver keeps every response
    as it arrives, redirects and pages left at once included, so nothing depends on reading
    a response from Python before the journey moves on. ``finish`` turns the files into
    visits."""

    def __init__(self, browser: Browser, *, base_url: str, viewport: str, database: str,
                 sessions: dict, folder: Path) -> None:
        self.browser = browser
        self.base_url = base_url
        self.viewport = viewport
        self.database = database
        self.sessions = sessions  # storage states of signed-in people, per server
        self.folder = folder  # for the HAR files
        self.contexts: list[tuple[BrowserContext, Path, bool]] = []
        self.visits: list[Visit] = []
        self.problems: list[str] = []

    # Tabs ---------------------------------------------------------------------------------

    def new_page(self, *, javascript: bool = True, storage_state: dict | None = None) -> Page:
        """A tab in a new browser context: a person with their own cookies."""
        har = self.folder / f"context-{len(self.contexts) + 1}.har"
        context = self.browser.new_context(
            base_url=self.base_url, viewport=VIEWPORTS[self.viewport], locale="es-GT",
            java_script_enabled=javascript, storage_state=storage_state,
            record_har_path=har, record_har_content="embed",
        )
        context.set_default_timeout(TIMEOUT_MS)
        # Any other host is refused. (A route also turns off the HTTP cache: every page is
        # weighed cold, as a first visit.)
        context.route(re.compile("^(?!" + re.escape(self.base_url) + "/)"), self._refuse)
        self.contexts.append((context, har, javascript))
        page = context.new_page()
        self._watch(page)
        return page

    def _refuse(self, route: Route) -> None:
        self.problems.append(f"request to another host than the app: {route.request.url}")
        route.abort()

    def _watch(self, page: Page) -> None:
        def on_request(request: Request) -> None:
            # Redirects are not routed: one to another host is caught here (and stopped by
            # the browser's closed proxy).
            if request.redirected_from is not None and origin(request.url) != self.base_url:
                self.problems.append(f"redirect to another host than the app: {request.url}")

        def on_response(response) -> None:
            if response.status >= 500:
                self.problems.append(f"server error {response.status} on {response.url}")

        def on_console(message) -> None:
            if message.type == "error":
                self.problems.append(f"console error on {page.url}: {message.text}")

        def on_page_error(error) -> None:
            self.problems.append(f"JavaScript error on {page.url}: {error}")

        page.on("request", on_request)
        page.on("response", on_response)
        page.on("console", on_console)
        page.on("pageerror", on_page_error)

    def signed_in_page(self, email: str, password: str, *, javascript: bool = True) -> Page:
        """A tab of ``email``, signed in through the log-in form once per server and
        session; later tabs reuse the session cookie."""
        state = self.sessions.get(email)
        if state is not None:
            page = self.new_page(javascript=javascript, storage_state=state)
            page.goto("/")
            return page
        page = self.new_page(javascript=javascript)
        log_in(page, email, password)
        self.sessions[email] = page.context.storage_state()
        return page

    def finish(self) -> None:
        """Close the contexts (writing their HAR files) and read the visits from them."""
        for context, har, javascript in self.contexts:
            context.close()
            self.visits += visits_in(har, viewport=self.viewport, javascript=javascript,
                                     database=self.database)
        self.contexts.clear()

    # Checks -------------------------------------------------------------------------------

    def check_weights(self) -> None:
        for visit in self.visits:
            if visit.page_bytes > PAGE_LIMIT_BYTES:
                self.problems.append(
                    f"{visit.method} {visit.path} weighs {visit.page_bytes} bytes of HTML+CSS+JS "
                    f"(limit {PAGE_LIMIT_BYTES}): {dict(visit.sizes)}"
                )


def visits_in(har: Path, *, viewport: str, javascript: bool, database: str) -> list[Visit]:
    """The documents of a HAR file in order, each with the requests that followed it."""
    entries = json.loads(har.read_text())["log"]["entries"]
    entries.sort(key=lambda entry: entry["startedDateTime"])
    visits: list[Visit] = []
    redirect_to = None
    for entry in entries:
        request, response = entry["request"], entry["response"]
        headers = {h["name"].lower(): h["value"] for h in response["headers"]}
        kind = kind_of(entry.get("_resourceType", ""), request["url"])
        if kind == "html":
            if redirect_to is None or not visits or request["url"] != redirect_to:
                visits.append(Visit(url=request["url"], method=request["method"],
                                    viewport=viewport, javascript=javascript,
                                    database=database))
            visit = visits[-1]
            visit.url, visit.method = request["url"], request["method"]
            redirect_to = (urljoin(request["url"], headers["location"])
                           if 300 <= response["status"] < 400 and "location" in headers
                           else None)
        elif not visits:
            continue
        visit = visits[-1]
        visit.requests += 1
        visit.transferred += max(response.get("_transferSize", 0), 0)
        if not 200 <= response["status"] < 300:
            continue
        content = response["content"]
        body = content.get("text", "")
        data = (base64.b64decode(body) if content.get("encoding") == "base64"
                else body.encode())
        # Uncompressed: the bytes as the page uses them (the app's server does not compress).
        visit.sizes[kind] += len(data)
        if kind == "html":
            visit.status, visit.headers, visit.html = response["status"], headers, data
    return visits

def log_in(page: Page, email: str, password: str) -> None:
    page.goto("/cuenta/entrar")
    page.get_by_label("Correo electrónico").fill(email)
    page.get_by_label("Contraseña").fill(password)
    page.get_by_role("button", name="Iniciar sesión").click()
    # In the header's menu, folded on a phone.
    page.get_by_role("button", name="Cerrar sesión", include_hidden=True).wait_for(
        state="attached")


def open_menu(page: Page) -> None:
    """Unfold the header's menu where it is folded (a phone): click «Menú». Whether it is
    folded depends on the stylesheet: wait for it (on a loaded machine the page's text can be
    there before its CSS, when «Menú» still shows at desktop width)."""
    page.wait_for_load_state("load")
    toggle = page.locator("header details.menu > summary")
    if toggle.is_visible() and toggle.evaluate("s => !s.parentElement.open"):
        toggle.click()


def menu(page: Page, name: str):
    """A link of the main menu (the page may have another link with the same name), the
    menu unfolded first."""
    open_menu(page)
    return page.get_by_role("navigation", name="Menú principal").get_by_role(
        "link", name=name, exact=True)


@dataclass
class Finding:
    rule: str
    impact: str
    help: str
    help_url: str
    targets: list[str]


class Auditor:
    """axe-core on the HTML of each visit, re-served at the same URL to a page of the same
    size; screenshots of each route at phone size."""

    def __init__(self, browser: Browser, axe_source: str, report: Report) -> None:
        self.browser = browser
        self.axe_source = axe_source
        self.report = report
        self.pages: dict[str, Page] = {}
        self.visit: Visit | None = None
        self.seen: dict[str, tuple[list[Finding], int]] = {}

    def _page(self, viewport: str) -> Page:
        if viewport not in self.pages:
            context = self.browser.new_context(viewport=VIEWPORTS[viewport], locale="es-GT")
            context.set_default_timeout(TIMEOUT_MS)
            context.route("**/*", self._serve)
            self.pages[viewport] = context.new_page()
        return self.pages[viewport]

    def _serve(self, route: Route) -> None:
        request, visit = route.request, self.visit
        if visit is None or origin(request.url) != origin(visit.url):
            route.abort()
        elif request.resource_type == "document" and request.url == visit.url:
            headers = {name: value for name, value in visit.headers.items()
                       if name in ("content-type", "content-security-policy")}
            route.fulfill(status=200, headers=headers, body=visit.html)
        elif request.resource_type == "script" and not visit.javascript:
            route.abort()
        else:
            route.continue_()

    def audit(self, visit: Visit) -> list[Finding]:
        """The axe violations of the page (every impact); sets ``visit.sideways``, the
        pixels by which the page is wider than the window (it then scrolls sideways)."""
        fingerprint = visit.fingerprint()
        if fingerprint not in self.seen:
            self.seen[fingerprint] = self._audit(visit)
        findings, visit.sideways = self.seen[fingerprint]
        return findings

    def _audit(self, visit: Visit) -> tuple[list[Finding], int]:
        page = self._page(visit.viewport)
        self.visit = visit
        page.goto(visit.url, wait_until="load")
        sideways = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        page.evaluate(self.axe_source)
        violations = page.evaluate(
            """async () => {
                const result = await axe.run(document, {resultTypes: ["violations"]});
                return result.violations.map(v => ({
                    rule: v.id, impact: v.impact, help: v.help, help_url: v.helpUrl,
                    targets: v.nodes.map(n => n.target.join(" ")),
                }));
            }"""
        )
        self.report.axe_runs += 1
        if visit.viewport == SCREENSHOT_VIEWPORT and visit.javascript:
            path = self.report.screenshot_path(visit)
            if path is not None:
                page.screenshot(path=str(path), full_page=True)
        self.visit = None
        return [Finding(**v) for v in violations], sideways

    def close(self) -> None:
        for page in self.pages.values():
            page.context.close()


@dataclass
class PageStats:
    key: str
    title: str
    example: str
    visits: int = 0
    sizes: Counter = field(default_factory=Counter)
    transferred: int = 0
    requests: int = 0
    page_bytes: int = 0
    where: set = field(default_factory=set)


class Report:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.screenshots = folder / "screenshots"
        self.pages: dict[str, PageStats] = {}
        self.findings: dict[tuple[str, str], dict] = {}
        self.shot: set[str] = set()
        self.audited = 0
        self.axe_runs = 0

    def screenshot_path(self, visit: Visit) -> Path | None:
        if visit.key in self.shot or visit.status != 200:
            return None
        self.shot.add(visit.key)
        self.screenshots.mkdir(parents=True, exist_ok=True)
        route = route_of(visit.path)
        name = re.sub(r"[^a-z0-9]+", "-", f"{visit.method} {route if route != '/' else 'inicio'}"
                      .lower().replace("<n>", "n")).strip("-")
        return self.screenshots / f"{name}.png"

    def add(self, visit: Visit, findings: list[Finding]) -> None:
        self.audited += 1
        stats = self.pages.setdefault(visit.key, PageStats(visit.key, visit.title, visit.path))
        stats.visits += 1
        for kind in COLUMNS:
            stats.sizes[kind] = max(stats.sizes[kind], visit.sizes[kind])
        stats.transferred = max(stats.transferred, visit.transferred)
        stats.requests = max(stats.requests, visit.requests)
        if visit.page_bytes >= stats.page_bytes:
            stats.page_bytes, stats.title, stats.example = (visit.page_bytes, visit.title,
                                                            visit.path)
        stats.where.add(f"{visit.viewport}{'' if visit.javascript else ' sin JS'}")
        for finding in findings:
            entry = self.findings.setdefault((finding.rule, finding.impact), {
                "finding": finding, "pages": set(), "nodes": 0})
            entry["pages"].add(visit.key)
            entry["nodes"] += len(finding.targets)

    def write(self, *, seconds: float, tests: int) -> list[Path]:
        self.folder.mkdir(parents=True, exist_ok=True)
        weights = self.folder / "page-weights.md"
        weights.write_text(self._weights(seconds, tests))
        axe = self.folder / "axe.md"
        axe.write_text(self._axe())
        (self.folder / "page-weights.json").write_text(json.dumps(
            [{"page": s.key, "title": s.title, "example": s.example, "visits": s.visits,
              "html_css_js": s.page_bytes, "transferred": s.transferred,
              "requests": s.requests, **{k: s.sizes[k] for k in COLUMNS}}
             for s in sorted(self.pages.values(), key=lambda s: s.key)], indent=1))
        return [weights, axe, self.screenshots]

    def _weights(self, seconds: float, tests: int) -> str:
        lines = [
            "# Page weights",
            "",
            f"{len(self.pages)} pages (method and route), {self.audited} page loads in "
            f"{tests} journey tests, {seconds:.0f} s. Largest load of each page; bytes "
            "uncompressed as served, cache off (every load cold). Limit: "
            f"{PAGE_LIMIT_BYTES} bytes of HTML+CSS+JS.",
            "",
            "| page | title (largest load) | HTML | CSS | JS | fonts | images | other | "
            "HTML+CSS+JS | transferred | requests | loads | seen at |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
        ]
        for s in sorted(self.pages.values(), key=lambda s: s.key.split(" ", 1)[::-1]):
            lines.append(
                f"| `{s.key}` | {s.title.replace('|', '/')} | {s.sizes['html']} | "
                f"{s.sizes['css']} | {s.sizes['js']} | {s.sizes['font']} | {s.sizes['img']} | "
                f"{s.sizes['other']} | **{s.page_bytes}** | {s.transferred} | {s.requests} | "
                f"{s.visits} | {', '.join(sorted(s.where))} |"
            )
        return "\n".join(lines) + "\n"

    def _axe(self) -> str:
        failing = [e for (rule, impact), e in self.findings.items() if impact in FAILING_IMPACTS]
        others = [e for (rule, impact), e in self.findings.items()
                  if impact not in FAILING_IMPACTS]
        lines = [
            "# Accessibility (axe-core)",
            "",
            f"{self.audited} page loads of {len(self.pages)} pages (method and route), at "
            "phone and desktop size, with and without JavaScript. axe-core ran "
            f"{self.axe_runs} times: loads whose HTML differed only in per-request tokens, "
            "ids, numbers and the tests' unique names were checked once. Violations of impact "
            f"serious or critical fail the suite: {len(failing)}.",
            "",
        ]
        for heading, entries in (("Serious or critical", failing),
                                 ("Moderate or minor (listed, not failing)", others)):
            lines += [f"## {heading}", ""]
            if not entries:
                lines += ["None.", ""]
                continue
            lines += ["| rule | impact | what | elements | pages |", "|---|---|---|---:|---|"]
            for entry in sorted(entries, key=lambda e: e["finding"].rule):
                finding = entry["finding"]
                pages = ", ".join(f"`{p}`" for p in sorted(entry["pages"]))
                lines.append(f"| [{finding.rule}]({finding.help_url}) | {finding.impact} | "
                             f"{finding.help} | {entry['nodes']} | {pages} |")
            lines.append("")
        return "\n".join(lines)


@dataclass
class HtmlError:
    page: str  # method and route
    example: str  # a path where it was seen
    line: int
    message: str
    extract: str


class HtmlChecker:
    """The Nu HTML checker (vnu.jar, vendored by ``make browser-assets``) on the HTML of every
    distinct page the journeys visit: ``add`` writes each page once (pages that differ only in
    per-request tokens, ids, numbers and the tests' unique names are one), and ``check`` runs
    one JVM on them all at the end of the session (``--errors-only``: warnings are not
    failures)."""

    def __init__(self, java: str, jar: Path, folder: Path) -> None:
        self.java = java
        self.jar = jar
        self.folder = folder
        self.pages: dict[Path, tuple[str, str]] = {}
        self.seen: set[str] = set()

    def add(self, visit: Visit) -> None:
        html = re.sub(rb'(nonce|value)="[A-Za-z0-9._\-]{20,}"', b"", visit.html)
        html = re.sub(rb"\d+", b"0", re.sub(rb"[0-9a-f]{8}", b"x", html))
        fingerprint = hashlib.sha256(html).hexdigest()
        if fingerprint in self.seen:
            return
        self.seen.add(fingerprint)
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{len(self.pages) + 1:04d}.html"
        path.write_bytes(visit.html)
        self.pages[path.resolve()] = (visit.key, visit.path)

    def check(self) -> list[HtmlError]:
        if not self.pages:
            return []
        done = subprocess.run(
            [self.java, "-jar", str(self.jar), "--errors-only", "--format", "json",
             str(self.folder)],
            capture_output=True, text=True, timeout=900, check=False)
        try:
            messages = json.loads(done.stderr or done.stdout)["messages"]
        except (ValueError, KeyError) as error:
            raise RuntimeError(f"the Nu HTML checker failed ({done.returncode}): "
                               f"{done.stderr[-2000:]}") from error
        errors = []
        for message in messages:
            if message.get("type") not in ("error", "non-document-error"):
                continue
            url = message.get("url", "")
            path = Path(unquote(urlsplit(url).path)).resolve() if url else None
            page, example = self.pages.get(path, ("?", url))
            errors.append(HtmlError(page=page, example=example,
                                    line=message.get("lastLine", 0),
                                    message=message.get("message", ""),
                                    extract=" ".join(message.get("extract", "").split())))
        return errors


def html_check_report(checker: HtmlChecker, errors: list[HtmlError]) -> str:
    lines = [
        "# HTML (the Nu HTML checker)",
        "",
        f"{len(checker.pages)} distinct pages checked with vnu.jar --errors-only, in one run "
        f"at the end of the session. Errors (each fails the suite): {len(errors)}.",
        "",
    ]
    if errors:
        lines += ["| page | example | line | error | extract |", "|---|---|---:|---|---|"]
        for e in sorted(errors, key=lambda e: (e.page, e.line)):
            lines.append(f"| `{e.page}` | {e.example} | {e.line} | "
                         f"{e.message.replace('|', '/')} | `{e.extract.replace('|', '/')}` |")
    else:
        lines.append("None.")
    return "\n".join(lines) + "\n"
