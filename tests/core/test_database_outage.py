"""A database that stops answering (issue 15, item 18). The answer needs no database: a
signed-in person gets the 503 page in her own language (not gunicorn's bare "Internal Server
Error", which the error page's own reading of the person used to cause), a JSON client gets
JSON, and each failed request writes one line to the log, not a chain of tracebacks.

The outage: every new connection is refused by the database driver itself, as a PostgreSQL
that went down or an SQLite file that cannot be opened refuse it, and the connections already
open are dropped."""

from __future__ import annotations

import logging

import pytest
import sqlalchemy as sa

from participa.base.extensions import db

from ..factories import login, make_user

PROBLEM = "connection to server at 127.0.0.1, port 5432 failed: Connection refused"


@pytest.fixture
def outage(app):
    """Call to make the database stop answering; it answers again after the test."""
    state = {"down": False}

    def refuse(*_args, **_kwargs):
        if state["down"]:
            raise engine.dialect.dbapi.OperationalError(PROBLEM)

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "do_connect", refuse)

    def stop() -> None:
        state["down"] = True
        engine.dispose()

    yield stop
    state["down"] = False
    sa.event.remove(engine, "do_connect", refuse)


@pytest.fixture
def signed_in(app, client):
    """A person whose profile says English, signed in on ``client``."""
    with app.app_context():
        make_user(email_address="ana@example.org", preferred_language="en")
    assert login(client, "ana@example.org").status_code == 302
    # Her page is in English while the database answers (Spanish is what her browser asks).
    assert 'lang="en"' in client.get("/", headers={"Accept-Language": "es"}).text
    return client


def _outage_records(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_a_signed_in_person_gets_the_503_page_in_her_language(signed_in, outage, caplog):
    outage()
    caplog.clear()
    response = signed_in.get("/", headers={"Accept-Language": "es"})
    assert response.status_code == 503
    assert response.mimetype == "text/html"
    assert '<html lang="en"' in response.text
    assert "Participa is unavailable for a moment" in response.text
    assert "Internal Server Error" not in response.text
    assert response.headers["Retry-After"]
    assert response.headers["Cache-Control"] == "no-store"


def test_a_json_client_gets_json(signed_in, outage):
    outage()
    response = signed_in.get("/api/v1/plans", headers={"Accept-Language": "es"})
    assert response.status_code == 503
    assert response.is_json
    assert response.json["error"] == 503
    assert response.json["title"] == "Participa is unavailable for a moment"
    # Asking for JSON on any page gets JSON too.
    response = signed_in.get("/", headers={"Accept": "application/json"})
    assert (response.status_code, response.is_json) == (503, True)


def test_an_anonymous_visitor_and_a_form_get_the_503_page(client, outage):
    outage()
    assert client.get("/consultas/", headers={"Accept-Language": "es"}).status_code == 503
    response = client.post("/cuenta/entrar", data={"email": "x@example.org", "password": "x"})
    assert response.status_code == 503
    assert "Participa no está disponible por un momento" in response.text


def test_each_failed_request_logs_one_line(signed_in, outage, caplog):
    outage()
    caplog.clear()
    for _ in range(3):
        signed_in.get("/")
    records = _outage_records(caplog)
    assert len(records) == 3
    for record in records:
        line = record.getMessage()
        assert record.exc_info is None and record.exc_text is None and not record.stack_info
        assert "\n" not in line and len(line) < 400
        assert "database" in line and "GET /" in line and "Connection refused" in line


def test_the_person_is_still_signed_in_when_the_database_answers_again(app, signed_in):
    with app.app_context():
        engine = db.engine
    state = {"down": True}

    def refuse(*_args, **_kwargs):
        if state["down"]:
            raise engine.dialect.dbapi.OperationalError(PROBLEM)

    sa.event.listen(engine, "do_connect", refuse)
    engine.dispose()
    try:
        assert signed_in.get("/").status_code == 503
    finally:
        state["down"] = False
        sa.event.remove(engine, "do_connect", refuse)
    response = signed_in.get("/cuenta/")
    assert response.status_code == 200
    assert 'lang="en"' in response.text
