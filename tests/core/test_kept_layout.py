"""The layout's parts that show nothing of the person (base.html's ``page_part``) and the
proposal list's body are rendered once and kept (issue 20, item 4): what they keep must be
exactly what a page rendered from nothing shows, and nothing of one person may reach
another's page, nor an anonymous visitor's, whatever order the pages are loaded in."""

from __future__ import annotations

import re

import pytest

from participa.base.extensions import db
from participa.notifications.models import Notification

from ..conftest import make_app
from ..factories import login, make_open_round, make_proposal, make_user

# A kept part's key must name everything it shows: a page rendered with nothing kept
# (FRAGMENT_CACHE_SIZE 0 forgets at once) is the reference.
_TOKEN_RE = re.compile(r'name="csrf_token" value="[^"]*"')


def pages(round_id: int, proposal_id: int) -> list[str]:
    listing = f"/consultas/{round_id}/propuestas"
    return ["/", "/consultas/", f"/consultas/{round_id}", listing,
            f"{listing}?sort=most_supported", f"{listing}?lang=en", f"{listing}?lang=quc",
            f"/propuestas/{proposal_id}", f"/propuestas/{proposal_id + 1}",
            f"/consultas/{round_id + 1}/propuestas", "/organizaciones/", "/idioma"]


@pytest.fixture
def world(app):
    with app.app_context():
        round_ = make_open_round()
        author = make_user(name="Autora Visible")
        proposal = make_proposal(round_, author, title="Agua para todas")
        other = make_open_round()
        assert make_proposal(other, author).id == proposal.id + 1 and other.id == round_.id + 1
        admin = make_user(name="Administradora Reservada", is_admin=True,
                          email_address="reservada@example.org")
        make_user(name="Lectora Común", email_address="comun@example.org")
        for n in range(3):
            db.session.add(Notification(user_id=admin.id, kind="proposal.supported",
                                        params={"n": n}))
        db.session.commit()
        return round_.id, proposal.id


def _signed_in(app, email: str):
    client = app.test_client()
    assert login(client, email).status_code == 302
    return client


def test_nothing_of_a_person_reaches_another_page(app, world):
    round_id, proposal_id = world
    admin = _signed_in(app, "reservada@example.org")
    reader = _signed_in(app, "comun@example.org")
    anonymous = app.test_client()
    for path in pages(round_id, proposal_id):
        # The administrator loads each page first: whatever is kept was rendered for her.
        hers = admin.get(path)
        assert hers.status_code == 200, path
        assert "/admin" in hers.text and ">3<" in hers.text.replace(" ", ""), path
        theirs = reader.get(path).text
        assert "/admin/" not in theirs, path
        assert not re.search(r'class="badge">\s*3', theirs), path
        assert 'class="link"' in theirs, path  # her own log-out form
        own_tokens = set(_TOKEN_RE.findall(theirs))
        assert not own_tokens & set(_TOKEN_RE.findall(hers.text)), path
        visitor = anonymous.get(path).text
        for trace in ("/admin/", "Cerrar sesión", "/notificaciones", "csrf_token",
                      "Administradora Reservada", "Lectora Común"):
            assert trace not in visitor, (path, trace)
        assert "/cuenta/entrar" in visitor, path


def test_a_kept_page_is_the_page_rendered_from_nothing(app, world, db_url, tmp_path):
    round_id, proposal_id = world
    fresh = make_app(db_url, tmp_path / "fresh", FRAGMENT_CACHE_SIZE=0)
    fresh.test_client_class = app.test_client_class
    try:
        for email in (None, "reservada@example.org", "comun@example.org"):
            kept_client = _signed_in(app, email) if email else app.test_client()
            fresh_client = _signed_in(fresh, email) if email else fresh.test_client()
            for path in pages(round_id, proposal_id):
                kept_client.get(path)  # kept now
                for _ in range(2):  # and reused
                    kept = kept_client.get(path).text
                    rendered = fresh_client.get(path).text
                    assert _TOKEN_RE.sub("", kept) == _TOKEN_RE.sub("", rendered), (email, path)
    finally:
        with fresh.app_context():
            db.engine.dispose()


def test_the_menu_marks_the_page_it_is_on(client, world):
    round_id, _ = world
    home = client.get("/").text
    rounds = client.get("/consultas/").text
    assert re.search(r'href="/"\s+aria-current="page"', home)
    assert not re.search(r'href="/"\s+aria-current="page"', rounds)
    assert re.search(r'href="/consultas/"\s+aria-current="page"', rounds)
    # The language links and «Cambiar idioma» lead back to the page they are on.
    listing = client.get(f"/consultas/{round_id}/propuestas?sort=most_supported").text
    assert f"/consultas/{round_id}/propuestas?sort=most_supported&amp;lang=en" in listing
    assert f"/consultas/{round_id}/propuestas?sort=most_supported&amp;lang=en" not in home


def test_a_remembered_lang_rewrite_is_the_rewrite_with_its_own_token(app):
    """A page in a Mayan language is rewritten with ``lang`` attributes once per text
    (i18n.page_lang.rewritten); the person's form token is put aside for it, so each page
    comes back with its own token, never another's."""
    from flask import g

    from participa.i18n import page_lang
    from participa.i18n.marking import wrap

    page = ('<!doctype html><html lang="es"><body><p>' + wrap("Texto de prueba", "quc")
            + '</p><form><input type="hidden" name="csrf_token" value="TOKEN-A"></form>'
            + "<p>" + wrap("Otro texto", "quc") + "</p></body></html>")
    with app.test_request_context("/"):
        g.csrf_token = "TOKEN-A"
        first = page_lang.rewritten(page)
        assert first == page_lang.rewrite(page) and 'lang="quc"' in first
        g.csrf_token = "TOKEN-B"
        other = page.replace("TOKEN-A", "TOKEN-B")
        second = page_lang.rewritten(other)  # remembered from the first
        assert second == page_lang.rewrite(other)
        assert "TOKEN-B" in second and "TOKEN-A" not in second
