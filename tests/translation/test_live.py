"""An approved translation shows on the next page load of every server sharing the database,
without a restart; Spanish pages never ask."""

from __future__ import annotations

import pytest

from participa.base.extensions import db
from participa.i18n import live
from participa.translation import services
from tests.conftest import make_app
from tests.factories import make_user

from .helpers import message_for, synced


@pytest.fixture
def other_server(app, db_url, tmp_path):
    """A second app on the same database, as a second server would be."""
    second = make_app(db_url, tmp_path / "second")
    yield second
    with second.app_context():
        db.session.remove()
        db.engine.dispose()


def _home(client, language: str) -> str:
    return client.get("/", headers={"Accept-Language": language}).get_data(as_text=True)


def test_an_approval_shows_on_the_other_server_at_the_next_page_load(app, other_server):
    visitor = other_server.test_client()
    assert "[quc] Consultas" not in _home(visitor, "quc")
    with app.app_context():
        synced()
        admin, translator, reviewer = make_user(is_admin=True), make_user(), make_user()
        services.grant(actor=admin, user=translator, language="quc")
        services.grant(actor=admin, user=reviewer, language="quc", can_review=True)
        suggestion = services.suggest(author=translator, message=message_for("Consultas"),
                                      language="quc", forms=["[quc] Consultas"])
        db.session.commit()
        assert "[quc] Consultas" not in _home(visitor, "quc")
        services.approve(reviewer=reviewer, suggestion=suggestion)
        db.session.commit()
    assert "[quc] Consultas" in _home(visitor, "quc")
    # Spanish, the source, and the other languages are untouched.
    assert "[quc]" not in _home(visitor, "es")
    assert "[quc]" not in _home(visitor, "cak")


def test_spanish_pages_never_read_the_catalog_version(app, client, monkeypatch):
    asked = []
    source = live._source

    class Counting:
        def version(self, language):
            asked.append(language)
            return source.version(language)

        def approved(self, language):
            return source.approved(language)

    monkeypatch.setattr(live, "_source", Counting())
    client.get("/", headers={"Accept-Language": "es"})
    assert asked == []
    client.get("/", headers={"Accept-Language": "quc"})
    assert asked == ["quc"]
