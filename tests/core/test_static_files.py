"""Static files versioned by content: pages link them with ``?v=<digest>``, such a URL is
kept a year (to anyone, signed in or not: the files hold nothing personal), a URL without
the right digest is checked again, and a changed file gets a new URL."""

from __future__ import annotations

import hashlib
import re

from flask import url_for

from participa import ROOT
from participa.web import static_files

from ..factories import login, make_user


def static_urls(page: str) -> list[str]:
    return re.findall(r'(?:href|src)="(/static/[^"]+)"', page)


def test_pages_link_versioned_files_that_are_kept_a_year(app, client):
    urls = static_urls(client.get("/").get_data(as_text=True))
    assert "/static/css/site.css?v=" + hashlib.sha256(
        (ROOT / "static" / "css" / "site.css").read_bytes()).hexdigest()[:12] in urls
    with app.app_context():
        login(client, make_user().email)
    for url in urls:
        with client.get(url) as response:
            assert response.status_code == 200
            assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
            assert response.headers["X-Content-Type-Options"] == "nosniff"
            etag = response.headers["ETag"]
        with client.get(url, headers={"If-None-Match": etag}) as revalidated:
            assert revalidated.status_code == 304
    # Signed in, the pages themselves are still never stored.
    assert client.get("/").headers["Cache-Control"] == "no-store"


def test_without_the_right_digest_the_file_is_checked_again(client):
    for url in ("/static/css/site.css", "/static/css/site.css?v=000000000000",
                "/static/css/site.css?v="):
        with client.get(url) as response:
            assert response.status_code == 200
            assert response.headers["Cache-Control"] == "no-cache", url
    with client.get("/static/no-existe.css?v=1") as missing:
        assert missing.status_code == 404


def test_a_changed_file_gets_a_new_url(app, tmp_path):
    (tmp_path / "css").mkdir()
    sheet = tmp_path / "css" / "site.css"
    sheet.write_text("body{color:#000}")
    app.static_folder = str(tmp_path)
    with app.test_request_context():
        before = url_for("static", filename="css/site.css")
        sheet.write_text("body{color:#111}")
        after = url_for("static", filename="css/site.css")
        assert before != after and after.endswith(
            "?v=" + hashlib.sha256(b"body{color:#111}").hexdigest()[:12])
        # A file that is not there, or outside the folder, is linked without a version.
        assert url_for("static", filename="css/otra.css") == "/static/css/otra.css"
        assert static_files.digest(app, "../secret.txt") is None
