"""The proposal list's cards are rendered once per version of the round's list and reused
(issue 20, item 4): a repeated page runs neither the count nor the page's query, and every
transaction that changes what the list shows (published, edited, withdrawn, moderated,
supported, an author renamed) raises the version, so the next page shows it at once, on this
worker and on another one (a second app on the same database: nothing in common but it)."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from participa.base.extensions import db
from participa.consultations.models import ConsultationRound
from participa.moderation import services as moderation
from participa.proposals import services
from participa.proposals.models import Proposal

from ..conftest import make_app
from ..deploy.test_two_servers import redis_url  # noqa: F401  (a fixture: a real Redis)
from ..factories import login, make_open_round, make_proposal, make_user, the
from ..querycount import count_queries


def path(round_id: int) -> str:
    return f"/consultas/{round_id}/propuestas"


def titles(client, round_id: int, **params) -> list[str]:
    response = client.get(path(round_id), query_string=params)
    assert response.status_code == 200, response.text
    return re.findall(r'<h2[^>]*><a href="/propuestas/\d+">([^<]+)</a>', response.text)


def version(round_id: int) -> int:
    return db.session.get(ConsultationRound, round_id).list_version


@pytest.fixture
def listed(app):
    with app.app_context():
        round_ = make_open_round()
        author = make_user(name="Autora Primera")
        first = make_proposal(round_, author, title="Agua para todas")
        second = make_proposal(round_, make_user(), title="Datos abiertos")
        return round_.id, first.id, second.id, author.id


def test_a_repeated_page_reuses_its_cards_without_their_queries(app, client, listed):
    round_id, *_ = listed
    with count_queries(app) as first:
        before = client.get(path(round_id)).text
    with count_queries(app) as second:
        again = client.get(path(round_id)).text
    assert again == before and "Agua para todas" in again
    # The round and its axes; no COUNT and no page of proposals.
    assert second.count == first.count - 2, (first, second)
    assert not any("count(" in s.lower() for s in second.statements), second
    # Another order, page size or language is another fragment.
    with count_queries(app) as other:
        client.get(path(round_id), query_string={"sort": "most_supported"})
    assert other.count == first.count


def test_every_change_to_what_the_list_shows_shows_at_once(app, client, listed):
    round_id, first_id, second_id, author_id = listed
    assert titles(client, round_id) == ["Datos abiertos", "Agua para todas"]
    with app.app_context():
        start = version(round_id)

    def changed(expected: list[str], **params) -> None:
        with app.app_context():
            nonlocal start
            now = version(round_id)
            assert now > start, "the version was raised"
            start = now
        assert titles(client, round_id, **params) == expected

    # Published.
    with app.app_context():
        make_proposal(db.session.get(ConsultationRound, round_id), make_user(),
                      title="Presupuesto abierto")
    changed(["Presupuesto abierto", "Datos abiertos", "Agua para todas"])
    # Edited (what a search finds, too).
    with app.app_context():
        proposal = the(Proposal, first_id)
        services.edit_proposal(editor=proposal.author, proposal=proposal, axis=proposal.axis,
                               organization=None, values=["transparencia"],
                               title="Agua potable para todas", problem=proposal.problem,
                               proposed_commitment=proposal.proposed_commitment,
                               benefit=proposal.benefit, institution=proposal.institution)
        db.session.commit()
    changed(["Agua potable para todas"], q="potable")
    # Withdrawn: its status on the card.
    with app.app_context():
        proposal = the(Proposal, second_id)
        services.withdraw_proposal(author=proposal.author, proposal=proposal, reason="Repetida")
        db.session.commit()
    page = client.get(path(round_id)).text
    assert re.search(r"Datos abiertos</a></h2>\s*<p[^>]*>[^<]*<span class=\"badge\">Retirada",
                     page), page
    # Moderated: hidden, then shown again.
    with app.app_context():
        moderator = make_user(is_moderator=True)
        moderation.hide(moderator=moderator, target=the(Proposal, first_id), reason="Prueba")
        db.session.commit()
    changed(["Presupuesto abierto", "Datos abiertos"])
    with app.app_context():
        moderation.restore(moderator=db.session.merge(moderator),
                           target=the(Proposal, first_id))
        db.session.commit()
    changed(["Presupuesto abierto", "Datos abiertos", "Agua potable para todas"])
    # An author renamed: every card of hers.
    with app.app_context():
        db.session.get(type(the(Proposal, first_id).author), author_id).name = "Autora Nueva"
        db.session.commit()
    assert "Autora Nueva" in client.get(path(round_id)).text


def test_a_support_shows_at_once_on_another_worker(app, client, listed, db_url, tmp_path):
    """Two apps on one database: each keeps its own fragments; the version is the database's."""
    round_id, first_id, _, _ = listed
    other_app = make_app(db_url, tmp_path / "other")
    try:
        _support_seen_by_both(app, client, other_app.test_client(), round_id, first_id)
    finally:
        with other_app.app_context():
            db.engine.dispose()


def _support_seen_by_both(app, client, other, round_id: int, first_id: int) -> None:
    assert "0 apoyos" in other.get(path(round_id)).text
    assert "0 apoyos" in client.get(path(round_id)).text
    with app.app_context():
        supporter = make_user().email
    login(client, supporter)
    assert client.post(f"/propuestas/{first_id}/apoyar").status_code in (200, 302, 303)
    for reader in (client, other):
        page = reader.get(path(round_id)).text
        assert re.search(r"Agua para todas</a>.*?1 apoyo\b", page, re.S), page


def test_a_bulk_write_of_proposals_raises_the_version(app, client, listed):
    round_id, first_id, _, _ = listed
    titles(client, round_id)
    with app.app_context():
        db.session.execute(sa.update(Proposal).where(Proposal.id == first_id)
                           .values(title="Cambiada en bloque"))
        db.session.commit()
    assert "Cambiada en bloque" in titles(client, round_id)


def test_two_apps_share_what_they_keep_in_redis(app, listed, db_url, tmp_path,
                                                 redis_url):  # noqa: F811
    """With FRAGMENT_CACHE_URL (the real Redis of tests/deploy), a page rendered by one app
    (a worker, a server) is reused by another, which runs neither the count nor the page's
    query; one support through either raises the one version both read, and both show it."""
    import redis

    from participa.web.fragments import PREFIX

    round_id, first_id, _, _ = listed
    shared = redis.Redis.from_url(redis_url)
    shared.flushdb()
    apps = [make_app(db_url, tmp_path / name, FRAGMENT_CACHE_URL=redis_url)
            for name in ("one", "two")]
    for each in apps:
        each.test_client_class = app.test_client_class
    one, two = (each.test_client() for each in apps)
    try:
        assert "0 apoyos" in one.get(path(round_id)).text
        kept = set(shared.scan_iter(f"{PREFIX}*"))
        assert kept, "the first app's fragments are in Redis"
        with count_queries(apps[1]) as second:
            assert "0 apoyos" in two.get(path(round_id)).text
        assert not any("count(" in s.lower() for s in second.statements), second
        assert set(shared.scan_iter(f"{PREFIX}*")) == kept, "nothing rendered again"
        with app.app_context():
            before = version(round_id)
            supporter = make_user().email
        login(one, supporter)
        assert one.post(f"/propuestas/{first_id}/apoyar").status_code in (200, 302, 303)
        with app.app_context():
            assert version(round_id) == before + 1
        for reader in (two, one):
            page = reader.get(path(round_id)).text
            assert re.search(r"Agua para todas</a>.*?1 apoyo\b", page, re.S), page
    finally:
        shared.close()
        for each in apps:
            with each.app_context():
                db.engine.dispose()
