"""Home, health check, security headers and error pages."""

from __future__ import annotations

import re

import pytest

from ..factories import login, make_user
from ..pages import interface_language


def test_home_is_light_and_self_contained(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    with client.get("/static/css/site.css") as css_response:
        css = css_response.get_data()
    assert len(response.data) + len(css) < 30 * 1024
    # Nothing from other hosts (the alternates name this page in each language, on the
    # site's address), no inline scripts or styles.
    own = re.sub(r'<link rel="alternate"[^>]*>', "", html)
    assert not re.search(r'(src|href)="(https?:)?//', own)
    assert "<script" not in html and "style=" not in html and "<style" not in html


def test_healthz_reports_the_database(client, db_url):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.is_json
    assert response.json["database"] == "ok"
    assert response.json["dialect"] == ("sqlite" if db_url.startswith("sqlite") else "postgresql")


def test_healthz_reports_a_broken_database(tmp_path):
    from ..conftest import make_app

    app = make_app(f"sqlite:///{tmp_path}/missing-dir/participa.db", tmp_path)
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json == {"status": "error", "database": "error", "dialect": "sqlite"}


def test_security_headers(client):
    response = client.get("/")
    headers = response.headers
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self';" in csp and "nonce" not in csp  # the same for every visitor
    assert "style-src 'self';" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in headers  # only in production
    assert client.get("/").headers["Content-Security-Policy"] == csp


def test_hsts_in_production(tmp_path, db_url):
    from ..conftest import make_app

    app = make_app(db_url, tmp_path, PRODUCTION=True, SECRET_KEY="x" * 40,
                   BASE_URL="https://participa.example.gt")
    response = app.test_client().get("/healthz")
    assert "max-age=" in response.headers["Strict-Transport-Security"]
    assert app.config["SESSION_COOKIE_SECURE"] is True
    from participa.base.extensions import db

    with app.app_context():
        db.engine.dispose()


def test_anonymous_pages_may_be_cached_signed_in_pages_not(app, client):
    assert client.get("/").headers.get("Cache-Control") != "no-store"
    with app.app_context():
        email = make_user().email
    login(client, email)
    assert client.get("/").headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("path", ["/no-existe", "/cuenta/confirmar"])
def test_404_is_translated(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Página no encontrada" in response.get_data(as_text=True)


def test_404_in_kaqchikel_keeps_lang(client):
    client.get("/?lang=cak")
    response = client.get("/no-existe")
    assert response.status_code == 404
    assert interface_language(response.get_data(as_text=True)) == "cak"


def test_405_is_translated(client):
    response = client.post("/idioma")
    assert response.status_code == 405
    assert "no está permitida" in response.get_data(as_text=True)
    assert "GET" in response.headers["Allow"]


def test_413_is_translated(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = client.post("/cuenta/entrar", data={"email": "a@b.org", "password": "x" * 5000})
    assert response.status_code == 413
    assert "demasiado grande" in response.get_data(as_text=True)


def test_500_is_translated_and_hides_the_trace(app, client):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.route("/boom")
    def boom():
        raise RuntimeError("secret detail")

    response = client.get("/boom")
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert "Algo salió mal" in html
    assert "secret detail" not in html and "Traceback" not in html


def test_errors_answer_json_to_json_clients(client):
    response = client.get("/no-existe", headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.json["error"] == 404


def test_post_without_csrf_token_is_refused(app, client):
    with app.app_context():
        email = make_user().email
    response = client.post("/cuenta/entrar", data={"email": email, "password": "x"}, csrf=False)
    assert response.status_code == 400
    assert "caducó" in response.get_data(as_text=True)


def test_every_page_has_landmarks_skip_link_and_language_menu(client):
    for path in ["/", "/cuenta/entrar", "/cuenta/registro", "/acerca-de", "/privacidad",
                 "/idioma", "/organizaciones/"]:
        html = client.get(path).get_data(as_text=True)
        assert '<a class="skip" href="#contenido">' in html, path
        assert '<main id="contenido"' in html and "<nav" in html and "<footer" in html, path
        assert '<nav class="lang"' in html and 'hreflang="quc" lang="quc"' in html, path
        assert re.search(r"<h1>.+</h1>", html), path


def test_every_form_field_has_a_label(client):
    for path in ["/cuenta/entrar", "/cuenta/registro", "/cuenta/contrasena/olvido",
                 "/cuenta/reenviar-confirmacion"]:
        html = client.get(path).get_data(as_text=True)
        visible = r'<(?:input|select|textarea)(?![^>]*type="(?:hidden|submit)")[^>]*id="([^"]+)"'
        ids = re.findall(visible, html)
        assert ids, path
        for field_id in ids:
            assert f'for="{field_id}"' in html, (path, field_id)


def test_control_characters_never_reach_the_database(client):
    response = client.post("/cuenta/registro", data={
        "name": "Nombre\x00con\x07control", "email": "nul@example.org",
        "password": "una frase larga sin nul", "sector": "ciudadania",
    })
    assert response.status_code == 302
    from participa.accounts.services import find_by_email

    with client.application.app_context():
        assert find_by_email("nul@example.org").name == "Nombreconcontrol"


def test_nul_in_a_query_parameter_is_400(client):
    assert client.get("/consultas/?q=a%00b").status_code == 400
    assert client.get("/organizaciones/?x%00=1").status_code == 400
