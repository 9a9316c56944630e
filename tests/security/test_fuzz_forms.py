"""Fuzzing every form: each ``<form method="post">`` met on the pages of a whole consultation
(walked from ``app.url_map`` as the author, a supporter, an administrator and the public, in
each phase of the round) is posted by that person with Hypothesis's values in its
fields (kept, replaced or left out) and any of its buttons. No answer may be a 500, show a
stack trace or be anything but inert, and after each form the stored data still holds its
invariants (``fuzzing.invariants``)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from participa.base.extensions import db
from participa.consultations.models import PhaseKind
from participa.web.forms import HONEYPOT_FIELD

from ..factories import PASSWORD, login
from .fuzzing import BOUNDARIES, TEXT, database_of, examples_for, invariants
from .htmlforms import HtmlForm, forms_of
from .inert import read
from .typed_world import STEPS, World, build, plain
from .walk import urls

# Who looks for forms, in this order (a form is fuzzed as the first who meets it), and on
# which pages (endpoint prefixes; None: all). An administrator meets every moderator's form.
ROLES: dict[str, tuple[str, ...] | None] = {
    "author": None,
    "supporter": ("proposals.", "comments.", "voting.", "plans.", "consultations."),
    "admin": None,
    "anonymous": ("accounts.", "core."),
}
# The phases the round goes through, and the pages whose forms depend on the phase (the
# first phase walks every page).
PHASES = (PhaseKind.PROPOSALS, PhaseKind.COMMENTS, PhaseKind.VOTE, PhaseKind.PUBLICATION)
PHASE_PAGES = ("plans.commitment", "voting.ballot", "consultations.show",
               "consultations_admin.publish", "comments.new_on_version",
               "accounts.two_factor_page")  # its second form once the first is posted
# Forms that end what later ones need (a password, a session, an account, a role, the right
# to take part): fuzzed after all the others, in this order.
LAST = ("moderation.block", "admin.set_roles", "accounts.end_sessions", "accounts.logout",
        "accounts.change_password", "accounts.delete_account")
KEEP, LEAVE_OUT = object(), object()


@pytest.fixture
def app_config():
    return {"RATELIMIT_ENABLED": False}


@dataclass
class Target:
    endpoint: str
    role: str
    page: str
    form: HtmlForm


def _targets(world: World, pages, known: set[str]) -> list[Target]:
    """The forms the roles meet on ``pages`` that are not in ``known``."""
    found: dict[str, Target] = {}
    adapter = world.app.url_map.bind("localhost")
    for role, prefixes in ROLES.items():
        client = world.client(role)
        for endpoint, url in pages:
            if prefixes is not None and not endpoint.startswith(prefixes):
                continue
            response = client.get(url)
            if response.status_code != 200 or response.mimetype != "text/html":
                continue
            for form in forms_of(response.get_data(as_text=True), url):
                if form.method != "post":
                    continue
                endpoint, _args = adapter.match(form.path, method="POST")
                if endpoint not in known and endpoint not in found:
                    found[endpoint] = Target(endpoint, role, url, form)
    return sorted(found.values(), key=lambda t: t.endpoint)


# What a person would type, by input type, in a field the page leaves empty: so that most
# posts pass validation and reach the services, with one or two fields fuzzed.
PLAUSIBLE = {"email": "nueva.persona@example.org", "url": "https://example.org/",
             "password": PASSWORD, "date": "2027-01-15", "month": "2027-01",
             "datetime-local": "2027-01-15T09:00", "number": "3"}


def _plausible(form: HtmlForm, name: str) -> str:
    kind = next((c.kind for c in form.controls if c.name == name), "text")
    if kind in ("hidden", "checkbox", "radio", "select") or name == HONEYPOT_FIELD:
        return ""
    return PLAUSIBLE.get(kind, "Un texto de prueba con sentido, en dos líneas.\nFin.")


def _fuzz(app, target: Target) -> tuple[int, list[str]]:
    """Post the form EXAMPLES times: (posts, problems)."""
    client = app.test_client()
    if target.role != "anonymous" and login(
        client, f"{target.role}@example.org").status_code != 302:
        return 0, [f"{target.endpoint}: cannot log in as {target.role} any more"]
    form = target.form
    defaults = [(name, value or _plausible(form, name)) for name, value in form.defaults()]
    controls = [c for c in form.controls if c.name not in ("csrf_token", HONEYPOT_FIELD)]
    buttons = [b for b in form.buttons if b.name] or [None]
    posts = 0
    value = st.one_of(st.just(KEEP), st.just(LEAVE_OUT), TEXT)
    values = st.lists(st.tuples(st.sampled_from(range(len(controls))), value),
                      max_size=2 * len(controls)) if controls else st.just([])

    @examples_for(database_of(app))
    @given(values, st.sampled_from(buttons))
    def post(values, button):
        """``values``: (control's position, value), several for one control posting it
        repeatedly; a control not named keeps its value."""
        nonlocal posts
        posts += 1
        chosen: dict[int, list] = {}
        for position, value in values:
            chosen.setdefault(position, []).append(value)
        fields: dict[str, list[str]] = {"csrf_token": [client.csrf_token()]}
        for position, control in enumerate(controls):
            for value in chosen.get(position, [KEEP]):
                if value is KEEP:
                    fields.setdefault(control.name, []).extend(
                        v for n, v in defaults if n == control.name)
                elif value is not LEAVE_OUT:
                    fields.setdefault(control.name, []).append(value)
        if button is not None:
            fields[button.name] = [button.value]
        response = client.post(form.action, data=fields, csrf=False)
        found, _text = read(response)
        assert response.status_code < 500, response.status_code
        assert not found, found

    for boundary in BOUNDARIES:
        post = example([(p, boundary) for p in range(len(controls))], buttons[0])(post)
    problems = []
    try:
        post()
    except Exception as error:  # noqa: BLE001 - every failure is listed
        problems.append(f"{target.endpoint} as {target.role} (form of {target.page}): "
                        f"{type(error).__name__}: {error}")
    with app.app_context():
        db.session.remove()
    return posts, problems


def test_every_form_takes_anything(app):
    world = build(app, plain, steps=STEPS[:-1])  # up to the vote; publication is a form
    pages = urls(world)
    known: set[str] = set()
    deferred, problems, posts = [], [], 0
    broken: dict[str, str] = {}  # what the stored data got wrong, and after which form
    for number, phase in enumerate(PHASES):
        world.open_phase(phase)
        walked = pages if number == 0 else [(e, u) for e, u in pages if e in PHASE_PAGES]
        for target in _targets(world, walked, known):
            known.add(target.endpoint)
            if target.endpoint in LAST:
                deferred.append(target)
                continue
            count, found = _fuzz(app, target)
            posts, problems = posts + count, problems + found
            broken.update({p: target.endpoint for p in invariants(app) if p not in broken})
    for target in sorted(deferred, key=lambda t: LAST.index(t.endpoint)):
        count, found = _fuzz(app, target)
        posts, problems = posts + count, problems + found
        broken.update({p: target.endpoint for p in invariants(app) if p not in broken})
    problems += [f"after {endpoint}: {p}" for p, endpoint in broken.items()]
    print(f"\n{len(known)} forms, {posts} posts")
    assert not problems, "\n".join(problems[:30])
