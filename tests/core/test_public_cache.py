"""Nothing per visitor in an anonymous page, and cache headers that say the truth (issue 20,
items 1 and 2): a visitor who has not signed in gets no session cookie until she opens a form
or acts; the language she picks by link is kept in a plain cookie; public pages answer
``public, max-age`` (PUBLIC_CACHE_SECONDS), an ETag and a Last-Modified, and 304 to a
matching revalidation; signed-in pages stay ``no-store``; a page holding a CSRF token is
private; CSRF stays on every POST. The shipped nginx in front: tests/deploy/test_proxy_cache.py."""

from __future__ import annotations

import pytest

from ..factories import login, make_open_round, make_proposal, make_user

SESSION = "participa_session"


@pytest.fixture
def pages(app):
    with app.app_context():
        round_ = make_open_round()
        proposal = make_proposal(round_)
        return ["/", "/consultas/", f"/consultas/{round_.id}",
                f"/consultas/{round_.id}/propuestas", f"/propuestas/{proposal.id}",
                "/organizaciones/", "/acerca-de", "/idioma"]


def test_anonymous_pages_are_public_and_hold_nothing_of_the_visitor(client, pages):
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["Cache-Control"] == "public, max-age=5", path
        assert response.headers["ETag"] and response.headers["Last-Modified"], path
        assert "Cookie" in response.vary and "Accept-Language" in response.vary, path
        assert "Set-Cookie" not in response.headers, path
        assert "csrf_token" not in response.text, path
        assert "nonce" not in response.headers["Content-Security-Policy"], path
    assert client.get_cookie(SESSION) is None


def test_a_matching_revalidation_is_answered_304(client, pages):
    for path in pages:
        first = client.get(path)
        again = client.get(path, headers={"If-None-Match": first.headers["ETag"]})
        assert again.status_code == 304 and again.data == b"", path
        assert again.headers["ETag"] == first.headers["ETag"]
        other = client.get(path, headers={"If-None-Match": '"another"'})
        assert other.status_code == 200 and other.data == first.data, path


@pytest.mark.parametrize("app_config", [{"PUBLIC_CACHE_SECONDS": 30}])
def test_the_lifetime_is_configurable(client):
    assert client.get("/").headers["Cache-Control"] == "public, max-age=30"


@pytest.mark.parametrize("app_config", [{"PUBLIC_CACHE_SECONDS": 0}])
def test_no_lifetime_means_revalidate_every_time(client):
    response = client.get("/")
    assert response.headers["Cache-Control"] == "no-cache" and response.headers["ETag"]


def test_a_language_link_sets_a_plain_cookie_and_no_session(client, pages):
    response = client.get("/consultas/?lang=en")
    assert 'lang="en"' in response.text.split(">", 2)[1]
    assert response.headers["Cache-Control"] == "private, no-store"  # it sets a cookie
    cookie = client.get_cookie("participa_lang")
    assert cookie.value == "en" and cookie.http_only
    assert client.get_cookie(SESSION) is None
    # Then every page in English, public again (nothing is set any more).
    response = client.get("/")
    assert 'lang="en"' in response.text.split(">", 2)[1]
    assert response.headers["Cache-Control"] == "public, max-age=5"
    assert client.get("/?lang=en").headers["Cache-Control"] == "public, max-age=5"


def test_a_form_page_is_private_and_its_post_works(app, client):
    """The decision (docs/decisions.md): a page with a form that posts is private; it
    opens the session that holds the CSRF secret, and its post is checked."""
    with app.app_context():
        email = make_user().email
    response = client.get("/cuenta/entrar")
    assert response.headers["Cache-Control"] == "private, no-store"
    assert client.get_cookie(SESSION) is not None
    refused = client.post("/cuenta/entrar", data={"email": email, "password": "x"},
                          csrf=False)
    assert refused.status_code == 400  # CSRF stays on every POST
    assert login(client, email).status_code == 302


def test_signed_in_pages_are_never_stored(app, client, pages):
    with app.app_context():
        email = make_user().email
    login(client, email)
    for path in pages:
        response = client.get(path)
        assert response.headers["Cache-Control"] == "no-store", path
        assert "ETag" not in response.headers, path


def test_a_visitor_with_a_session_but_not_signed_in_sees_the_same_pages(client, pages):
    """Having opened a form (a session with its CSRF secret) changes nothing in a page
    without one (an answer that writes her session is private; the proxy bypasses her
    requests anyway: the cookie)."""
    anonymous = client.application.test_client()
    client.get("/cuenta/entrar")
    for path in pages:
        mine, theirs = client.get(path), anonymous.get(path)
        assert mine.data == theirs.data, path
        assert (mine.headers["Cache-Control"] == "private, no-store") == (
            "Set-Cookie" in mine.headers), path


def test_the_health_check_is_never_kept(client):
    assert client.get("/healthz").headers["Cache-Control"] == "no-store"
