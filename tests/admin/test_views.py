"""The administration: who may enter, users and roles, organisations."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from participa.accounts.models import User
from participa.base.extensions import db
from participa.base.time import utcnow
from participa.organizations.models import Membership, MembershipStatus, Organization
from participa.plans.models import CommitmentStatus
from participa.translation.models import RequestStatus, TranslatorRequest, TranslatorRole

from ..client import form_values
from ..factories import (
    audit_events,
    login_as,
    make_commitment,
    make_membership,
    make_organization,
    make_plan,
    make_user,
)
from ..pages import html

LOGIN = "/cuenta/entrar"


@pytest.fixture
def world(app):
    with app.app_context():
        org = make_organization(name="Instituto Nacional de Administración Pública",
                                acronym="INAP", verified=False)
        admin = make_user(name="Adela Admin", email_address="admin@example.org", is_admin=True)
        manager = make_user(name="Marta Responsable", email_address="manager@example.org")
        participant = make_user(name="Pedro Participante",
                                email_address="participant@example.org")
        moderator = make_user(name="Moisés Moderador", email_address="moderator@example.org",
                              is_moderator=True)
        make_membership(manager, org, manager=True)
        commitment = make_commitment(make_plan(), status=CommitmentStatus.ACTIVE)
        request = TranslatorRequest(user_id=participant.id, language="quc",
                                    motivation="Lo hablo en casa.")
        db.session.add(request)
        db.session.commit()
        return {"org": org.id, "admin": admin.id, "manager": manager.id,
                "participant": participant.id, "moderator": moderator.id,
                "request": request.id, "commitment": commitment.id}


# Permission matrix ------------------------------------------------------------------------

ROLES = ["anonymous", "participant", "manager", "moderator", "admin"]
VALID_ORG = {"name": "Guatecívica", "acronym": "", "kind": "osc",
             "website": "https://example.org"}
# endpoint -> (method, url, data, status for the admin)
ROUTES = {
    "admin.index": ("GET", "/admin/", None, 200),
    "admin.users": ("GET", "/admin/usuarios", None, 200),
    "admin.set_roles": ("POST", "/admin/usuarios/{participant}/roles",
                        {"u{participant}-is_moderator": "y"}, 302),
    "admin.translator_roles": ("GET", "/admin/usuarios/{participant}/traduccion", None, 200),
    "admin.translator_requests": ("GET", "/admin/traduccion/solicitudes", None, 200),
    "admin.decide_translator_request": ("POST", "/admin/traduccion/solicitudes/{request}",
                                        {"s{request}-decision": "aceptar"}, 302),
    "admin.organizations": ("GET", "/admin/organizaciones", None, 200),
    "admin.create_organization": ("POST", "/admin/organizaciones/nueva", VALID_ORG, 302),
    "admin.edit_organization": ("GET", "/admin/organizaciones/{org}/editar", None, 200),
    "admin.add_manager": ("POST", "/admin/organizaciones/{org}/responsables",
                          {"responsable-email": "participant@example.org"}, 302),
    "admin.verify_organization": ("POST", "/admin/organizaciones/{org}/verificar", None, 302),
    "admin.unverify_organization": (
        "POST", "/admin/organizaciones/{org}/quitar-verificacion", None, 302),
    "admin.irm_review": ("GET", "/admin/compromisos/{commitment}/irm", None, 200),
}


def test_matrix_covers_every_admin_route(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()
                 if rule.endpoint.startswith("admin.")}
    assert endpoints == set(ROUTES)


def _state(app):
    with app.app_context():
        return (
            [(u.id, u.is_admin, u.is_moderator)
             for u in db.session.scalars(sa.select(User).order_by(User.id))],
            [(r.user_id, r.language, r.can_review, r.revoked_at)
             for r in db.session.scalars(sa.select(TranslatorRole).order_by(TranslatorRole.id))],
            [(r.id, r.status) for r in db.session.scalars(sa.select(TranslatorRequest))],
            [(o.id, o.name, o.is_verified)
             for o in db.session.scalars(sa.select(Organization).order_by(Organization.id))],
            [(m.user_id, m.status, m.is_manager)
             for m in db.session.scalars(sa.select(Membership).order_by(Membership.id))],
            len(audit_events()),
        )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", sorted(ROUTES))
def test_permission_matrix(client, app, world, endpoint, role):
    method, template, data, admin_status = ROUTES[endpoint]
    url = template.format(**world)
    if data:
        data = {key.format(**world): value for key, value in data.items()}
    login_as(client, role)
    before = _state(app)
    response = client.get(url) if method == "GET" else client.post(url, data=data)
    if role == "anonymous":
        assert response.status_code == 302
        assert response.headers["Location"].startswith(f"{LOGIN}?next=")
    elif role == "admin":
        assert response.status_code == admin_status
    else:
        assert response.status_code == 403
    if role != "admin":
        assert _state(app) == before  # nothing changed


def test_admin_link_only_for_admins(client, world):
    login_as(client, "participant")
    assert 'href="/admin/"' not in html(client.get("/"))
    client.post("/cuenta/salir")
    login_as(client, "admin")
    assert 'href="/admin/"' in html(client.get("/"))


# Dashboard --------------------------------------------------------------------------------


def test_dashboard_counts(client, app, world):
    with app.app_context():
        make_membership(db.session.get(User, world["participant"]),
                        db.session.get(Organization, world["org"]),
                        status=MembershipStatus.PENDING)
        make_organization(verified=True)
        deleted = make_user()
        deleted.deleted_at = utcnow()
        db.session.commit()
    login_as(client, "admin")
    page = html(client.get("/admin/"))
    assert "4 cuentas activas" in page
    assert "2 organizaciones" in page and "1 verificada" in page
    assert "1 pendiente" in page
    for href in ("/admin/usuarios", "/admin/organizaciones", "/admin/organizaciones/nueva"):
        assert f'href="{href}"' in page


# Users ------------------------------------------------------------------------------------


def _names(html: str) -> list[str]:
    return re.findall(r"<tr>\s*<td>([^<]*)", html)


@pytest.mark.parametrize(
    "query, expected",
    [
        ("", ["Adela Admin", "Marta Responsable", "Moisés Moderador", "Pedro Participante"]),
        ("marta", ["Marta Responsable"]),
        ("PEDRO", ["Pedro Participante"]),
        ("MODERATOR@EXAMPLE", ["Moisés Moderador"]),
        ("example.org", ["Adela Admin", "Marta Responsable", "Moisés Moderador",
                         "Pedro Participante"]),
        ("%", []),
        ("_", []),
        ("nadie", []),
    ],
)
def test_user_search(client, world, query, expected):
    login_as(client, "admin")
    response = client.get("/admin/usuarios", query_string={"q": query})
    assert response.status_code == 200
    page = html(response)
    assert _names(page) == expected
    assert form_values(page)["q"] == query
    if not expected:
        assert "Ninguna cuenta coincide con la búsqueda" in page


def _deleted(app, user_id: int) -> None:
    with app.app_context():
        db.session.get(User, user_id).deleted_at = utcnow()
        db.session.commit()


def test_deleted_accounts_are_not_listed(client, app, world):
    _deleted(app, world["participant"])
    login_as(client, "admin")
    assert "Pedro Participante" not in html(client.get("/admin/usuarios"))


def test_search_is_escaped(client, world):
    login_as(client, "admin")
    page = html(client.get("/admin/usuarios", query_string={"q": '"><script>alert(1)</script>'}))
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;" in page


def test_users_are_paginated(client, app, world):
    with app.app_context():
        for n in range(50):
            make_user(name=f"Zoila {n:02d}")
    login_as(client, "admin")
    first = html(client.get("/admin/usuarios"))
    assert len(_names(first)) == 50
    assert "54 cuentas" in first
    assert "Siguiente" in first and "Anterior" not in first
    assert 'href="/admin/usuarios?page=2"' in first
    second = html(client.get("/admin/usuarios?page=2"))
    assert _names(second) == ["Zoila 46", "Zoila 47", "Zoila 48", "Zoila 49"]
    assert "Anterior" in second and "Siguiente" not in second
    searched = html(client.get("/admin/usuarios", query_string={"q": "EXAMPLE", "page": 2}))
    assert len(_names(searched)) == 4
    assert 'href="/admin/usuarios?q=EXAMPLE&amp;page=1"' in searched
    assert _names(html(client.get("/admin/usuarios?page=99"))) == []
    assert len(_names(html(client.get("/admin/usuarios?page=-3")))) == 50
    assert client.get("/admin/usuarios?page=99999999999999999999999").status_code == 200
    assert client.get("/admin/usuarios?page=dos").status_code == 200


def test_admin_sets_roles_and_it_is_audited(client, app, world):
    login_as(client, "admin")
    uid = world["participant"]
    response = client.post(
        f"/admin/usuarios/{uid}/roles",
        data={f"u{uid}-is_moderator": "y", "q": "pedro", "page": "1"},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/usuarios?q=pedro"
    assert "quedaron guardados" in html(client.get(response.headers["Location"]))
    with app.app_context():
        user = db.session.get(User, uid)
        assert (user.is_admin, user.is_moderator) == (False, True)
        [event] = audit_events("user.roles")
        assert event.actor_id == world["admin"]
        assert event.target_id == uid
        assert event.before == {"is_admin": False, "is_moderator": False}
        assert event.after == {"is_admin": False, "is_moderator": True}


def test_admin_cannot_remove_own_admin_role(client, app, world):
    login_as(client, "admin")
    uid = world["admin"]
    response = client.post(f"/admin/usuarios/{uid}/roles",
                           data={f"u{uid}-is_moderator": "y"})
    assert response.status_code == 422
    page = html(response)
    assert "No puede quitarse a sí mismo el rol de administración" in page
    # The row shows what was submitted.
    assert re.search(rf'<input checked id="u{uid}-is_moderator"', page)
    assert not re.search(rf'<input checked id="u{uid}-is_admin"', page)
    with app.app_context():
        user = db.session.get(User, uid)
        assert user.is_admin and not user.is_moderator
        assert audit_events() == []


def test_set_roles_for_unknown_user_is_404(client, world):
    login_as(client, "admin")
    assert client.post("/admin/usuarios/9999/roles").status_code == 404


def test_set_roles_needs_csrf(client, app, world):
    login_as(client, "admin")
    uid = world["participant"]
    response = client.post(f"/admin/usuarios/{uid}/roles", data={f"u{uid}-is_admin": "y"},
                           csrf=False)
    assert response.status_code == 400
    with app.app_context():
        assert not db.session.get(User, uid).is_admin


# Organisations ----------------------------------------------------------------------------


def test_organisation_list(client, world):
    login_as(client, "admin")
    page = html(client.get("/admin/organizaciones"))
    assert "Instituto Nacional de Administración Pública (INAP)" in page
    assert "Sin verificar" in page
    assert f'action="/admin/organizaciones/{world["org"]}/verificar"' in page
    assert f'href="/admin/organizaciones/{world["org"]}/editar"' in page


def test_create_organisation(client, app, world):
    login_as(client, "admin")
    response = client.post("/admin/organizaciones/nueva", data={
        "name": "Acción Ciudadana", "acronym": "AC", "kind": "osc",
        "website": "https://accionciudadana.org.gt",
    })
    assert response.status_code == 302
    with app.app_context():
        org = db.session.scalar(
            sa.select(Organization).where(Organization.name == "Acción Ciudadana")
        )
        assert (org.acronym, org.kind.value, org.website, org.is_verified) == (
            "AC", "osc", "https://accionciudadana.org.gt", False)
        assert response.headers["Location"] == f"/admin/organizaciones/{org.id}/editar"
        [event] = audit_events("organization.create")
        assert event.actor_id == world["admin"] and event.target_id == org.id
        assert event.before is None and event.after["name"] == "Acción Ciudadana"


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"name": "", "acronym": "X", "kind": "osc", "website": ""}, "name",
         "Este campo es obligatorio"),
        ({"name": "N" * 201, "acronym": "", "kind": "osc", "website": ""}, "name",
         "No puede tener más de 200 caracteres"),
        ({"name": "Nueva", "acronym": "A" * 31, "kind": "osc", "website": ""}, "acronym",
         "No puede tener más de 30 caracteres"),
        ({"name": "Nueva", "acronym": "", "kind": "secta", "website": ""}, "kind",
         "Elija una de las opciones"),
        ({"name": "Nueva", "acronym": "", "kind": "", "website": ""}, "kind",
         "Elija una de las opciones de la lista."),
        ({"name": "Nueva", "acronym": "", "kind": "osc", "website": "javascript:alert(1)"},
         "website", "Escriba una dirección web válida"),
        ({"name": "Nueva", "acronym": "", "kind": "osc", "website": "JaVaScRiPt:alert(1)"},
         "website", "Escriba una dirección web válida"),
        ({"name": "Nueva", "acronym": "", "kind": "osc", "website": "data:text/html,x"},
         "website", "Escriba una dirección web válida"),
        ({"name": "Nueva", "acronym": "", "kind": "osc", "website": "www.example.org"},
         "website", "Escriba una dirección web válida"),
        ({"name": "instituto nacional de administración pública", "acronym": "INAP2",
          "kind": "osc", "website": ""}, "name", "Ya hay una organización con ese nombre"),
    ],
)
def test_create_organisation_invalid_rerenders_with_values(client, app, world, data, field,
                                                           message):
    login_as(client, "admin")
    response = client.post("/admin/organizaciones/nueva", data=data)
    assert response.status_code == 422
    page = html(response)
    errors = re.search(rf'id="{field}-error">(.*?)</ul>', page, re.S)
    assert errors and message in errors.group(1)
    values = form_values(page)
    for key in ("name", "acronym", "website"):
        assert values[key] == data[key]
    with app.app_context():
        assert len(db.session.scalars(sa.select(Organization)).all()) == 1
        assert audit_events() == []


def test_the_kind_menu_starts_on_no_kind(client, world):
    login_as(client, "admin")
    page = html(client.get("/admin/organizaciones/nueva"))
    menu = re.search(r'<select[^>]*name="kind"[^>]*>\s*<option([^>]*)>([^<]*)</option>', page)
    assert menu and "required" in menu.group(0)
    assert menu.group(1) == ' selected value=""' and menu.group(2) == "Elija una opción"
    edit = html(client.get(f"/admin/organizaciones/{world['org']}/editar"))
    assert '<option value="">Elija una opción</option>' in edit
    assert '<option selected value="osc">' in edit


def test_edit_organisation(client, app, world):
    login_as(client, "admin")
    url = f"/admin/organizaciones/{world['org']}/editar"
    page = html(client.get(url))
    assert form_values(page)["name"] == "Instituto Nacional de Administración Pública"
    assert "Marta Responsable" in page  # members are listed
    response = client.post(url, data={
        "name": "Instituto Nacional de Administración Pública", "acronym": "INAP",
        "kind": "institucion_publica", "website": "https://www.inap.gob.gt",
    })
    assert response.status_code == 302
    with app.app_context():
        org = db.session.get(Organization, world["org"])
        assert org.kind.value == "institucion_publica"
        assert org.website == "https://www.inap.gob.gt"
        [event] = audit_events("organization.update")
        assert event.actor_id == world["admin"]
        assert event.before == {"kind": "osc", "website": None}
        assert event.after == {"kind": "institucion_publica", "website": "https://www.inap.gob.gt"}


def test_edit_to_a_taken_name_is_a_field_error(client, app, world):
    with app.app_context():
        make_organization(name="SEGEPLAN")
    login_as(client, "admin")
    response = client.post(f"/admin/organizaciones/{world['org']}/editar", data={
        "name": "SEGEPLAN", "acronym": "INAP", "kind": "osc", "website": "",
    })
    assert response.status_code == 422
    page = html(response)
    assert "Ya hay una organización con ese nombre" in page
    assert form_values(page)["name"] == "SEGEPLAN"
    with app.app_context():
        assert db.session.get(Organization, world["org"]).name.startswith("Instituto")


def test_edit_unknown_organisation_is_404(client, world):
    login_as(client, "admin")
    assert client.get("/admin/organizaciones/9999/editar").status_code == 404
    assert client.post("/admin/organizaciones/9999/verificar").status_code == 404


def test_verify_and_unverify(client, app, world):
    login_as(client, "admin")
    response = client.post(f"/admin/organizaciones/{world['org']}/verificar")
    assert response.status_code == 302
    assert "quedó verificada" in html(client.get(response.headers["Location"]))
    with app.app_context():
        assert db.session.get(Organization, world["org"]).is_verified
    client.post(f"/admin/organizaciones/{world['org']}/quitar-verificacion")
    with app.app_context():
        org = db.session.get(Organization, world["org"])
        assert not org.is_verified and org.verified_at is None
        events = audit_events()
        assert [e.action for e in events] == ["organization.verify", "organization.unverify"]
        assert [e.after for e in events] == [{"is_verified": True}, {"is_verified": False}]
        assert all(e.actor_id == world["admin"] for e in events)


def test_verify_needs_post(client, world):
    login_as(client, "admin")
    assert client.get(f"/admin/organizaciones/{world['org']}/verificar").status_code == 405


def test_add_manager_by_email(client, app, world):
    login_as(client, "admin")
    response = client.post(f"/admin/organizaciones/{world['org']}/responsables",
                           data={"responsable-email": " Participant@Example.org "})
    assert response.status_code == 302
    with app.app_context():
        membership = db.session.scalar(sa.select(Membership).where(
            Membership.user_id == world["participant"]))
        assert membership.status == MembershipStatus.ACCEPTED and membership.is_manager
        [event] = audit_events("membership.manager")
        assert event.actor_id == world["admin"]
        assert event.before is None
        assert event.after == {"status": "aceptada", "is_manager": True}


@pytest.mark.parametrize(
    "email, message",
    [
        ("nadie@example.org", "No hay ninguna cuenta con ese correo electrónico"),
        ("no es un correo", "Escriba una dirección de correo electrónico válida"),
        ("", "Este campo es obligatorio"),
        ("manager@example.org", "ya es responsable de esta organización"),
    ],
)
def test_add_manager_errors_rerender_with_value(client, app, world, email, message):
    login_as(client, "admin")
    response = client.post(f"/admin/organizaciones/{world['org']}/responsables",
                           data={"responsable-email": email})
    assert response.status_code == 422
    page = html(response)
    errors = re.search(r'id="responsable-email-error">(.*?)</ul>', page, re.S)
    assert errors and message in errors.group(1)
    assert form_values(page)["responsable-email"] == email
    # The organisation form beside it shows the stored values.
    assert form_values(page)["name"] == "Instituto Nacional de Administración Pública"
    with app.app_context():
        assert audit_events() == []


def test_organisation_names_are_escaped_in_admin(client, app, world):
    with app.app_context():
        org = make_organization(name="<script>alert('x')</script>")
        org.website = "javascript:alert(1)"
        db.session.commit()
        org_id = org.id
    login_as(client, "admin")
    for url in ("/admin/organizaciones", f"/admin/organizaciones/{org_id}/editar"):
        page = html(client.get(url))
        assert "<script>alert('x')" not in page
        assert "&lt;script&gt;" in page


# Translators ------------------------------------------------------------------------------


def _roles_of(app, user_id):
    with app.app_context():
        return sorted((r.language, r.can_review, r.revoked_at is None)
                      for r in db.session.scalars(sa.select(TranslatorRole).where(
                          TranslatorRole.user_id == user_id)))


def test_the_users_page_links_each_person_to_their_languages(client, world):
    login_as(client, "admin")
    page = html(client.get("/admin/usuarios"))
    assert f'href="/admin/usuarios/{world["participant"]}/traduccion"' in page
    assert "is_translator" not in page


def test_admin_grants_and_revokes_languages_per_language(client, app, world):
    login_as(client, "admin")
    uid = world["participant"]
    url = f"/admin/usuarios/{uid}/traduccion"
    page = html(client.get(url))
    # Every enabled language but Spanish, in its own name and marked with its code.
    for code in ("quc", "kek", "cak", "mam"):
        assert f'id="translate_{code}"' in page and f'id="review_{code}"' in page
        assert f'<span lang="{code}">' in page
    assert 'id="translate_es"' not in page
    # Review implies translating.
    response = client.post(url, data={"translate_quc": "y", "review_kek": "y"})
    assert response.status_code == 302
    assert _roles_of(app, uid) == [("kek", True, True), ("quc", False, True)]
    page = html(client.get(url))
    assert re.search(r'<input checked id="translate_quc"', page)
    assert re.search(r'<input checked id="review_kek"', page)
    assert not re.search(r'<input checked id="review_quc"', page)
    client.post(url, data={"translate_kek": "y"})
    assert _roles_of(app, uid) == [("kek", False, True), ("quc", False, False)]
    with app.app_context():
        assert [e.action for e in audit_events() if e.action.startswith("translation.")] == [
            "translation.grant", "translation.grant", "translation.revoke",
            "translation.grant"]
        assert all(e.actor_id == world["admin"] for e in audit_events())
    # Saving again without a change records nothing.
    before = len(audit_events_in(app))
    client.post(url, data={"translate_kek": "y"})
    assert len(audit_events_in(app)) == before


def audit_events_in(app):
    with app.app_context():
        return audit_events()


def test_no_roles_for_a_deleted_account(client, app, world):
    _deleted(app, world["participant"])
    login_as(client, "admin")
    response = client.post(f"/admin/usuarios/{world['participant']}/traduccion",
                           data={"translate_quc": "y"})
    assert response.status_code == 422
    assert "cuenta eliminada" in html(response)
    assert _roles_of(app, world["participant"]) == []


def test_admin_accepts_or_declines_a_request_with_a_note(client, app, world):
    login_as(client, "admin")
    page = html(client.get("/admin/traduccion/solicitudes"))
    assert "Pedro Participante" in page and "Lo hablo en casa." in page
    assert "1 pendiente" in html(client.get("/admin/"))
    rid = world["request"]
    # No answer chosen: the form comes back with the note typed.
    response = client.post(f"/admin/traduccion/solicitudes/{rid}",
                           data={f"s{rid}-note": "Bienvenido"})
    assert response.status_code == 422
    assert "Bienvenido" in html(response)
    response = client.post(f"/admin/traduccion/solicitudes/{rid}",
                           data={f"s{rid}-decision": "aceptar", f"s{rid}-note": "Bienvenido"})
    assert response.status_code == 302
    with app.app_context():
        request = db.session.get(TranslatorRequest, rid)
        assert request.status == RequestStatus.ACCEPTED
        assert request.decision_note == "Bienvenido"
        assert request.decided_by_id == world["admin"]
        assert [e.action for e in audit_events()] == ["translation.request_accept",
                                                       "translation.grant"]
    assert _roles_of(app, world["participant"]) == [("quc", False, True)]
    # Decided: a second answer is a conflict.
    response = client.post(f"/admin/traduccion/solicitudes/{rid}",
                           data={f"s{rid}-decision": "rechazar"})
    assert response.status_code == 409
    assert "ya tiene respuesta" in html(response)


def test_admin_declines_a_request(client, app, world):
    login_as(client, "admin")
    rid = world["request"]
    client.post(f"/admin/traduccion/solicitudes/{rid}",
                data={f"s{rid}-decision": "rechazar", f"s{rid}-note": "Más adelante."})
    with app.app_context():
        assert db.session.get(TranslatorRequest, rid).status == RequestStatus.DECLINED
        assert [e.action for e in audit_events()] == ["translation.request_decline"]
    assert _roles_of(app, world["participant"]) == []
    assert "Más adelante." in html(client.get("/admin/traduccion/solicitudes"))
