"""Stored XSS: the corpus typed into every field through the site's own forms, then every
page (walked from ``app.url_map``) as the public, the author and an administrator, the JSON
and CSV exports and the e-mails sent: nothing people typed becomes markup, a link scheme, a
formula or a header, and what they typed is shown as text."""

from __future__ import annotations

import pytest

from ..conftest import DBS
from .apps import fresh_app
from .fuzzing import invariants
from .payloads import NAMES, Rotation
from .typed_world import FIELDS, URL_FIELDS, build
from .walk import normal, unwalked, walk

# Worlds typed one after the other, each on a database of its own; the fields that take the whole
# corpus at once have it in each, the short ones work through it (see the coverage printed).
WORLDS = 3


# Many posts from brand-new accounts with links in them: not what this test is about.
CONFIG = {"LINK_LIMIT_NEW_ACCOUNT_DAYS": 0}


@pytest.mark.parametrize("kind", DBS)
def test_every_field_on_every_page_is_inert(request, kind, tmp_path):
    rotation = Rotation(url_fields=URL_FIELDS)
    problems, unseen, requests, posts = [], [], 0, 0
    for number in range(WORLDS):
        with fresh_app(request, kind, tmp_path, f"participa_xss_{number}", **CONFIG) as app:
            world = build(app, rotation.text)
            result = walk(world)
            problems += world.problems + result.problems + invariants(app)
            assert not unwalked(app, result.walked)
        shown = "\n".join(result.shown)
        unseen += [key for key, value in world.typed.items() if normal(value) not in shown]
        requests += result.requests
        posts += world.posts
    coverage = rotation.coverage()
    assert set(coverage) == set(FIELDS)
    whole = sorted(key for key, share in coverage.items() if share == 1)
    print(f"\n{len(NAMES)} payloads, {len(FIELDS)} fields, {WORLDS} worlds: {posts} posts, "
          f"{requests} pages; the whole corpus in {len(whole)} fields, in the others: "
          + ", ".join(f"{key} {share:.0%}" for key, share in sorted(coverage.items())
                      if share < 1))
    assert not problems, "\n".join(problems[:40])
    assert not unseen, f"typed but shown nowhere as text: {sorted(set(unseen))}"
