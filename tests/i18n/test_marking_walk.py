"""Every page of the site, walked in K'iche' with a catalog of fake translations of most
messages: no language marker leaves the app (pages, JSON, CSV, e-mails), and every page says
its language."""

from __future__ import annotations

from participa.i18n.selection import SESSION_KEY

from ..security.apps import fresh_app
from ..security.typed_world import build, plain
from ..security.walk import ROLES, unwalked, walk
from .effective import fake_catalog, languages


def test_no_marker_leaves_the_app_on_any_page(request, tmp_path):
    with fresh_app(request, "sqlite", tmp_path, "participa_marking_walk") as app:
        fake_catalog(app, "quc", every=True, but=("Planes", "Privacidad", "Comentarios"))
        world = build(app, plain)
        for role in ROLES:
            client = world.client(role)
            client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "quc"
            with client.session_transaction() as session:
                session[SESSION_KEY] = "quc"
        result = walk(world, collect_text=False)
        assert not unwalked(app, result.walked)
        problems = world.problems + result.problems
        assert not problems, "\n".join(problems[:40])
        page = world.client("anonymous").get("/").get_data(as_text=True)
        assert languages(page)[0] == "quc"
