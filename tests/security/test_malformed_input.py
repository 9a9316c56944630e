"""Malformed input answers 400, 413 or 422, never a 500 nor a body read cut short; an error
never repeats a parameter name that is not short and plain."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa

from participa.base.extensions import db
from participa.comments.models import Comment

from ..factories import login, make_open_round, make_proposal, make_user


@pytest.fixture
def ids(app):
    with app.app_context():
        proposal = make_proposal()
        return {"round": make_open_round().id, "proposal": proposal.id,
                "email": make_user().email}


@pytest.mark.parametrize("json", [False, True])
@pytest.mark.parametrize("path", ["/consultas/{round}/propuestas", "/api/v1/plans", "/"])
def test_a_query_string_that_is_not_utf8_is_a_400(client, ids, path, json):
    """A raw byte 0xFF (WSGI gives it as latin-1 "\\xff"): reading ``request.args`` or
    ``request.full_path`` (the layout, even on the error page) raised UnicodeDecodeError."""
    headers = {"Accept": "application/json"} if json else {}
    response = client.get(path.format(**ids), headers=headers,
                          environ_overrides={"QUERY_STRING": "q=\xff"})
    assert response.status_code == 400
    assert "Solicitud no válida" in response.get_data(as_text=True) or response.json


def test_a_percent_encoded_byte_that_is_not_utf8_still_answers(client, ids):
    assert client.get(f"/consultas/{ids['round']}/propuestas?q=%FF").status_code == 200


def _file():
    return (io.BytesIO(b"Un texto en un archivo"), "a.txt")


@pytest.mark.parametrize("path, data", [
    ("/comentarios/propuestas/{proposal}/nuevo", {"body": "file"}),
    ("/consultas/{round}/propuestas/nueva",
     {"title": "Un título suficientemente largo", "problem": "file"}),
    ("/consultas/{round}/propuestas/nueva",
     {"title": "file", "problem": "Un texto suficientemente largo para una propuesta. " * 3}),
])
def test_a_file_where_a_form_expects_text_is_invalid(client, app, ids, path, data):
    """No form takes a file: one posted under a text field's name failed WTForms' Length
    (``len(FileStorage)``), a 500. It is that field's invalid value now: 422."""
    login(client, ids["email"])
    data = {name: _file() if value == "file" else value for name, value in data.items()}
    response = client.post(path.format(**ids), data=data, content_type="multipart/form-data")
    assert response.status_code == 422
    assert "El valor no es válido." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Comment)) == 0


@pytest.mark.parametrize("json", [{"body": 5}, {"body": ["Un texto", {"a": 1}]}, 5, "texto",
                                  [1, 2]])
def test_a_json_value_that_is_not_text_is_invalid(client, app, ids, json):
    login(client, ids["email"])
    response = client.post(f"/comentarios/propuestas/{ids['proposal']}/nuevo", json=json,
                           headers={"X-CSRFToken": client.csrf_token()}, csrf=False)
    assert response.status_code == 422
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Comment)) == 0


@pytest.mark.parametrize("content_type, body", [
    ("application/x-www-form-urlencoded", b"body=" + b"x" * 5000),
    ("application/json", b'{"body": "' + b"x" * 5000 + b'"}'),
])
def test_a_chunked_body_over_the_limit_is_a_413(client, app, ids, content_type, body):
    """Without a Content-Length, Werkzeug read the body up to MAX_CONTENT_LENGTH and stopped
    there without a word: the form was read cut short (a 400 for the CSRF token lost)."""
    login(client, ids["email"])
    app.config["MAX_CONTENT_LENGTH"] = 1000
    token = client.csrf_token()
    response = client.post(
        f"/comentarios/propuestas/{ids['proposal']}/nuevo", csrf=False,
        input_stream=io.BytesIO(body), content_type=content_type,
        headers={"Transfer-Encoding": "chunked", "X-CSRFToken": token},
        environ_overrides={"wsgi.input_terminated": True},
    )
    assert response.status_code == 413


def test_a_chunked_body_within_the_limit_is_read_whole(client, app, ids):
    login(client, ids["email"])
    app.config["MAX_CONTENT_LENGTH"] = 1000
    text = "Un comentario enviado por partes, " + "x" * 300
    body = f"csrf_token={client.csrf_token()}&body={text.replace(' ', '+')}".encode()
    response = client.post(
        f"/comentarios/propuestas/{ids['proposal']}/nuevo", csrf=False,
        input_stream=io.BytesIO(body), content_type="application/x-www-form-urlencoded",
        headers={"Transfer-Encoding": "chunked"},
        environ_overrides={"wsgi.input_terminated": True},
    )
    assert response.status_code == 303, response.get_data(as_text=True)[-2000:]
    with app.app_context():
        assert db.session.scalar(sa.select(Comment.body)) == text


@pytest.mark.parametrize("name", ["<script>", "a" * 41, "x y", "é", "zz%3Cb%3E"])
def test_an_unknown_parameter_is_not_repeated_unless_plain(client, name):
    response = client.get(f"/api/v1/commitments?{name}=1")
    assert response.status_code == 400
    assert "parameter" not in response.json
    sent = name.replace("%3C", "<").replace("%3E", ">")
    assert sent not in response.get_data(as_text=True)


@pytest.mark.parametrize("name", ["foo", "a" * 40, "per_page", "x-y"])
def test_a_plain_parameter_name_is_named(client, name):
    response = client.get(f"/api/v1/commitments?{name}=abc")
    assert response.status_code == 400
    assert response.json["parameter"] == name
    assert f"«{name}»" in response.json["message"]
