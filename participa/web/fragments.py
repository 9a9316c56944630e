"""Rendered parts of pages, kept under a key that names the version of what they show
(issue 20, item 4): a key never changes meaning, so a kept fragment is never stale and
nothing has to be invalidated; a change makes a new version, hence a new key, and old
entries fall out of the memory (least recently used) or expire (Redis).

Where they are kept (docs/decisions.md, issue 20): in each worker's memory, and in Redis too
when ``FRAGMENT_CACHE_URL`` names one, shared by every worker and server (a fragment
rendered once for all). Not in the database: a page read with GET never writes to it (the
security suite checks it, and SQLite reads in a read transaction), while the version, which
is what must be exact, is in the database and read in the request's own transaction. A
Redis that does not answer costs a render, never a page: its errors are logged once a minute
and the fragment is rendered as if it had never been kept."""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime

from flask import Flask, current_app, g, has_request_context, request
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from ..base import ROOT
from ..i18n.live import catalog_version
from ..i18n.marking import MARKER_RE
from ..i18n.selection import enabled_codes, interface_language

log = logging.getLogger(__name__)

EXTENSION = "participa.fragments"
PREFIX = "participa:fragment:"


class Fragments:
    def __init__(self, *, size: int, redis_url: str | None, seconds: int) -> None:
        self._memory: OrderedDict[str, str] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()
        self._seconds = seconds
        self._redis = None
        self._complained = 0.0
        if redis_url:
            import redis  # the "redis" extra of pyproject.toml

            self._redis = redis.Redis.from_url(redis_url, socket_timeout=0.2,
                                               socket_connect_timeout=0.2)

    def _remember(self, key: str, html: str) -> None:
        with self._lock:
            self._memory[key] = html
            self._memory.move_to_end(key)
            while len(self._memory) > self._size:
                self._memory.popitem(last=False)

    def _shared(self, call: Callable[[], object]) -> object:
        try:
            return call()
        except Exception as error:  # noqa: BLE001  (any Redis failure: render instead)
            now = time.monotonic()
            if now - self._complained > 60:
                self._complained = now
                log.warning("fragment cache: Redis did not answer: %s", error)
            return None

    def get(self, key: str) -> str | None:
        with self._lock:
            html = self._memory.get(key)
            if html is not None:
                self._memory.move_to_end(key)
                return html
        if self._redis is None:
            return None
        found = self._shared(lambda: self._redis.get(PREFIX + key))
        if found is None:
            return None
        html = found.decode("utf-8")
        self._remember(key, html)
        return html

    def put(self, key: str, html: str) -> None:
        self._remember(key, html)
        if self._redis is not None:
            self._shared(lambda: self._redis.set(PREFIX + key, html.encode("utf-8"),
                                                 ex=self._seconds))

    def clear(self) -> None:
        with self._lock:
            self._memory.clear()


def digest_of(*templates: str) -> str:
    """A short digest of templates' text (from templates/): part of a key, so that a release
    that changes them does not reuse what an earlier one kept."""
    digest = hashlib.sha256()
    for name in templates:
        digest.update((ROOT / "templates" / name).read_bytes())
    return digest.hexdigest()[:12]


def verbatim(html: str) -> Markup:
    """The output of one of our autoescaped templates, to put in another as it is."""
    return Markup(html)  # noqa: S704 - our own autoescaped template's output, kept verbatim


def _reused(html: str) -> Markup:
    if has_request_context() and MARKER_RE.search(html):
        # Its messages are marked with their language (a page in a Mayan language): the
        # page is rewritten with ``lang`` attributes after the view, as if it had rendered
        # them itself (i18n.page_lang).
        g.marked = True
    return verbatim(html)


def kept(key: str, render: Callable[[], str]) -> Markup:
    """The fragment of ``key``, rendered by ``render`` the first time (on this worker, or on
    any with Redis)."""
    fragments: Fragments = current_app.extensions[EXTENSION]
    html = fragments.get(key)
    if html is None:
        html = str(render())
        fragments.put(key, html)
        return verbatim(html)
    return _reused(html)


def kept_until(key: str, render: Callable[[], tuple[str, datetime | None]],
               now: datetime) -> Markup:
    """As ``kept``, for a fragment that holds until a moment (the list of rounds: until a
    phase opens or closes): ``render`` answers (html, until when; None: for ever), and a
    kept fragment past its moment is rendered again."""
    fragments: Fragments = current_app.extensions[EXTENSION]
    stored = fragments.get(key)
    if stored is not None:
        until, _, html = stored.partition("\n")
        if not until or now.timestamp() < float(until):
            return _reused(html)
    html, moment = render()
    html = str(html)
    fragments.put(key, f"{moment.timestamp() if moment else ''}\n{html}")
    return verbatim(html)


# The layout's parts (templates/base.html): what they show depends on these templates, the
# language and its catalog, the other languages' coverage (the language menu), the page's
# address (the language links and alternates, «Cambiar idioma»'s way back), its endpoint
# (the menu's current item) and the site's address; never on the person, whose parts of the
# layout are rendered for each request between them (nor on the static files' versions:
# their links are outside).
LAYOUT = ("base.html", "_language_coverage.html")
_STATE = "_layout_state"


def _layout_digest() -> str:
    found = current_app.extensions.get(EXTENSION + ".layout")
    if found is None:
        found = current_app.extensions[EXTENSION + ".layout"] = digest_of(*LAYOUT)
    return found


def _layout_state(context: Context) -> str:
    """What every part of this request's layout depends on, once per request."""
    state = g.get(_STATE)
    if state is None:
        language = interface_language()
        coverage = context.get("language_coverage")
        languages = tuple(
            (code, *((coverage[code].translated, coverage[code].total) if coverage else ()))
            for code in enabled_codes())
        state = g._layout_state = repr((
            _layout_digest(), language, catalog_version(language), languages,
            request.endpoint, request.method, request.script_root, request.path,
            request.query_string, current_app.config["BASE_URL"]))
    return state


@pass_context
def page_part(context: Context, name: str, *, caller: Callable[[], str]) -> Markup:
    """``{% call page_part("menu") %}...{% endcall %}`` in base.html: the part rendered
    once per language, catalog, coverage, address and release, and kept (issue 20: a
    signed-in person's page rendered per request spent much of its time in the layout)."""
    if not has_request_context():
        return verbatim(caller())
    state = f"{name}|{_layout_state(context)}"
    return kept("layout|" + hashlib.sha256(state.encode("utf-8")).hexdigest(), caller)


def clear_all(app: Flask) -> None:
    """Forget what this process kept (its memory; Redis keeps its entries until they
    expire): for a database replaced under a running app, whose versions start again."""
    app.extensions[EXTENSION].clear()


def register(app: Flask) -> None:
    app.extensions[EXTENSION] = Fragments(
        size=app.config["FRAGMENT_CACHE_SIZE"], redis_url=app.config["FRAGMENT_CACHE_URL"],
        seconds=app.config["FRAGMENT_CACHE_SECONDS"])
