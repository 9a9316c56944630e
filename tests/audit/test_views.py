"""The administrators' audit log: browse, filter, export; escaped everywhere."""

from __future__ import annotations

import csv
import io

import pytest

from participa.audit.services import record
from participa.base.extensions import db

from ..factories import login, make_organization, make_user

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def world(app):
    with app.app_context():
        admin = make_user(is_admin=True, name="Ana Admin")
        person = make_user(name=XSS)
        organization = make_organization(name="Acción " + XSS)
        record(actor=admin, action="user.roles", target=person,
               before={"is_moderator": False}, after={"is_moderator": True, "note": XSS})
        record(actor=admin, action="organization.verify", target=organization)
        record(actor=None, action="user.create_admin", target=admin,
               after={"formula": "=HYPERLINK(\"http://evil\")"})
        db.session.commit()
        return {"admin": admin.email, "admin_id": admin.id, "person": person.email}


@pytest.mark.parametrize("path", ["/admin/auditoria/", "/admin/auditoria/auditoria.csv"])
def test_only_admins(client, world, path):
    assert client.get(path).status_code == 302
    login(client, world["person"])
    assert client.get(path).status_code == 403


def test_browse_newest_first_and_escaped(client, world):
    login(client, world["admin"])
    html = client.get("/admin/auditoria/").get_data(as_text=True)
    assert "3 eventos" in html
    table = html[html.index("<tbody>"):html.index("</tbody>")]
    assert table.index("user.create_admin") < table.index("organization.verify") < table.index(
        "user.roles"
    )
    assert "<script" not in table and "<img" not in table
    assert "&lt;script&gt;" in table


def test_filters(client, world):
    login(client, world["admin"])
    html = client.get("/admin/auditoria/?action=organization.verify").get_data(as_text=True)
    assert "1 evento" in html and "organization.verify</code>" in html
    html = client.get(f"/admin/auditoria/?actor={world['admin_id']}").get_data(as_text=True)
    assert "2 eventos" in html
    html = client.get("/admin/auditoria/?target_type=users").get_data(as_text=True)
    assert "2 eventos" in html
    html = client.get("/admin/auditoria/?desde=2000-01-01&hasta=2000-01-02").get_data(
        as_text=True
    )
    assert "0 eventos" in html


@pytest.mark.parametrize("query", [
    "target_type=no_such_table", "actor=abc", "desde=ayer", "page=0",
    "orden=1", "page=99999999999999",
])
def test_bad_filters_are_400(client, world, query):
    login(client, world["admin"])
    assert client.get(f"/admin/auditoria/?{query}").status_code == 400


def test_csv_export_respects_filters_and_neutralises_formulas(client, world):
    login(client, world["admin"])
    response = client.get("/admin/auditoria/auditoria.csv?target_type=users")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert [row["action"] for row in rows] == ["user.create_admin", "user.roles"]
    assert rows[0]["actor"] == "" and rows[1]["actor"] == "Ana Admin"
    assert '"is_moderator": true' in rows[1]["after"]
    assert all(not value.startswith("=") for row in rows for value in row.values())
