"""Every query parameter of every page (walked from ``app.url_map``), on one consultation
built once per database:

- reflected XSS: the whole corpus in each parameter, and in every parameter name at once on
  every page (what a page reflects of a query it ignores); every answer, 400s included, is
  inert;
- fuzzing: Hypothesis's values in the parameters of each page, alone or together, repeated
  or left out, after the boundary values; no 500, no stack trace, every answer inert, and
  the stored data untouched.

The parameters a route reads are recorded from the route itself (``reading``); those it only
validates by iterating over the query string are declared in ``DECLARED``. Pages are asked
as an administrator (every page), and as the public where an administrator is sent away.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from ..conftest import DBS
from .apps import fresh_app
from .fuzzing import BOUNDARIES, ODD, TEXT, database_of, examples_for, invariants
from .inert import read
from .payloads import NAMES, PAYLOADS, pack
from .reading import names_read, record_reads
from .typed_world import World, build, plain
from .walk import urls

# Parameters read by iterating over the query string (an unknown one is a 400), which the
# recording cannot see on a request without them.
DECLARED: dict[str, tuple[str, ...]] = {
    "moderation.queue": ("orden", "page"),
    "moderation.hidden": ("tipo", "page"),
    "moderation.pending": ("tipo", "page"),
    "moderation.blocked": ("page",),
    "moderation.item": ("volver",),
    "moderation_public.log": ("page",),
    "moderation_public.log_csv": ("page",),
    "plans_api.commitments": ("plan", "year", "policy_area", "page", "per_page"),
    "plans_api.commitments_csv": ("plan", "year", "policy_area"),
    "accounts.login": ("next",),
}
ROLES = ("admin", "anonymous")
# The whole corpus in one value after a "/" (parameters that must be a path of ours, like
# next, take it; the others refuse it or show it), and short packs for parameters with a
# length limit (q: 200), each parameter the next pack, so schemes also come first.
EVERYTHING = "/" + " ".join(PAYLOADS.values())
SHORT_LIMIT = 190
VALUE = st.one_of(ODD, TEXT)


@dataclass
class Page:
    endpoint: str
    url: str  # without a query
    role: str
    names: set[str] = field(default_factory=set)


@dataclass
class Site:
    app: object
    world: World
    pages: list[Page]  # one per endpoint, as the first role that sees it
    vocabulary: list[str]  # every parameter name anything reads


@pytest.fixture(scope="module", params=DBS)
def site(request, tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("query")
    with fresh_app(request, request.param, tmp_path, "participa_security_query") as app:
        record_reads(app)
        world = build(app, plain)
        pages: dict[str, Page] = {}
        vocabulary: set[str] = set()
        for role in ROLES:
            client = world.client(role)
            for endpoint, page_url in urls(world):
                response, names = names_read(client, page_url)
                names = (names | set(DECLARED.get(endpoint, ()))) - {"csrf_token"}
                vocabulary |= names
                page = pages.get(endpoint)
                if page is None and response.status_code == 200:
                    pages[endpoint] = Page(endpoint, page_url.partition("?")[0], role, names)
                elif page is not None and page.role == role:
                    page.names |= names
        yield Site(app, world, sorted(pages.values(), key=lambda p: p.endpoint),
                   sorted(vocabulary))


def _with(url: str, query: list[tuple[str, str]]) -> str:
    return f"{url}?{urlencode(query)}"


def _problems(response) -> list[str]:
    found, _text = read(response)
    if response.status_code >= 500:
        found.append(f"status {response.status_code}")
    return found


def test_every_query_parameter_is_inert(site):
    problems, requests, short_start = [], 0, 0
    for page in site.pages:
        client = site.world.client(page.role)
        queries = [[(name, EVERYTHING) for name in site.vocabulary]]
        for name in sorted(page.names):
            short = pack(SHORT_LIMIT, short_start)
            short_start += len(short.names)
            queries += [[(name, EVERYTHING)], [(name, short.text)]]
        for query in queries:
            requests += 1
            problems += [f"GET {page.url} {query[0][0]}=... as {page.role}: {p}"
                         for p in _problems(client.get(_with(page.url, query)))]
    parameters = sum(len(page.names) for page in site.pages)
    print(f"\n{len(NAMES)} payloads in {parameters} parameters of {len(site.pages)} pages "
          f"and in all {len(site.vocabulary)} names at once on each: {requests} requests")
    assert not problems, "\n".join(problems[:40])


def _fuzz(page: Page, client, database: str) -> tuple[int, list[str]]:
    """GET the page with Hypothesis's queries of its parameters: (requests, problems)."""
    requests = 0
    query = st.lists(st.tuples(st.sampled_from(sorted(page.names)), VALUE), min_size=1,
                     max_size=len(page.names) + 1)

    @examples_for(database)
    @given(query)
    def get(query):
        nonlocal requests
        requests += 1
        found = _problems(client.get(_with(page.url, query)))
        assert not found, found

    for value in BOUNDARIES:
        get = example([(name, value) for name in sorted(page.names)])(get)
    try:
        get()
    except Exception as error:  # noqa: BLE001 - every failure is listed
        return requests, [f"{page.endpoint} {page.url}: {type(error).__name__}: {error}"]
    return requests, []


def test_every_query_parameter_takes_anything(site):
    problems, requests = [], 0
    targets = [page for page in site.pages if page.names]
    for page in targets:
        count, found = _fuzz(page, site.world.client(page.role), database_of(site.app))
        requests, problems = requests + count, problems + found
    problems += invariants(site.app)
    parameters = sum(len(page.names) for page in targets)
    print(f"\n{parameters} parameters of {len(targets)} pages, {requests} requests")
    assert not problems, "\n".join(problems[:30])
