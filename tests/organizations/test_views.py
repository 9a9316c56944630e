"""Organisation pages: listing, joining, deciding requests, "mis organizaciones"."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from participa.accounts.models import User
from participa.base.extensions import db
from participa.base.time import utcnow
from participa.organizations.models import (
    Membership,
    MembershipStatus,
    Organization,
    OrganizationKind,
)

from ..factories import audit_events, login, login_as, make_membership, make_organization, make_user
from ..pages import html

P, A, R = MembershipStatus.PENDING, MembershipStatus.ACCEPTED, MembershipStatus.REFUSED
LOGIN = "/cuenta/entrar"


def _memberships(app) -> list[tuple[int, int, MembershipStatus, bool]]:
    with app.app_context():
        rows = db.session.scalars(sa.select(Membership).order_by(Membership.id))
        return [(m.user_id, m.organization_id, m.status, m.is_manager) for m in rows]


@pytest.fixture
def world(app):
    """A verified organisation with a manager, a member, a pending applicant and a refused
    one; a participant with no membership; an admin; and a second organisation."""
    with app.app_context():
        org = make_organization(name="Acción Ciudadana", acronym="AC")
        other = make_organization(name="Guatecívica", verified=False,
                                  kind=OrganizationKind.ACADEMIA)
        people = {
            "manager": make_user(name="Marta Responsable", email_address="manager@example.org"),
            "member": make_user(name="Mario Integrante", email_address="member@example.org"),
            "applicant": make_user(name="Ana Solicitante", email_address="applicant@example.org"),
            "refused": make_user(name="Rita Rechazada", email_address="refused@example.org"),
            "participant": make_user(name="Pedro Participante",
                                     email_address="participant@example.org"),
            "admin": make_user(name="Adela Admin", email_address="admin@example.org",
                               is_admin=True),
            "other_manager": make_user(name="Otto Otro", email_address="other@example.org"),
        }
        make_membership(people["manager"], org, manager=True)
        make_membership(people["member"], org)
        pending = make_membership(people["applicant"], org, status=P)
        make_membership(people["refused"], org, status=R)
        make_membership(people["other_manager"], other, manager=True)
        other_pending = make_membership(people["participant"], other, status=P)
        ids = {name: user.id for name, user in people.items()}
        return {
            "org": org.id, "other": other.id, "pending": pending.id,
            "other_pending": other_pending.id, "users": ids,
        }


# Public pages -----------------------------------------------------------------------------


def test_index_lists_organisations_with_kind_and_badge(client, world):
    page = html(client.get("/organizaciones/"))
    assert "Acción Ciudadana" in page and "(AC)" in page
    assert "Guatecívica" in page
    assert "Organización de la sociedad civil (OSC)" in page
    assert "Academia" in page
    assert page.count(">Verificada<") == 1  # only the verified one


def test_show_lists_only_accepted_members(client, world):
    page = html(client.get(f"/organizaciones/{world['org']}"))
    assert "Marta Responsable" in page and "Mario Integrante" in page
    assert "Ana Solicitante" not in page and "Rita Rechazada" not in page
    assert "Solicitar unirme" not in page  # anonymous: a log-in link instead
    assert f'href="{LOGIN}?next=/organizaciones/{world["org"]}"' in page


def test_show_unknown_organisation_is_404(client, world):
    assert client.get("/organizaciones/9999").status_code == 404


@pytest.mark.parametrize(
    "who, button, text",
    [
        ("participant", True, None),
        ("applicant", False, "Su solicitud para unirse está pendiente"),
        ("refused", True, "Su solicitud para unirse fue rechazada"),
        ("member", False, "Usted es integrante de esta organización"),
        ("manager", False, "Usted es integrante y responsable"),
    ],
)
def test_show_tells_the_person_where_they_stand(client, world, who, button, text):
    login_as(client, who)
    page = html(client.get(f"/organizaciones/{world['org']}"))
    assert ("Solicitar unirme" in page) is button
    if text:
        assert text in page
    assert ("Solicitudes pendientes" in page) is (who == "manager")


def test_names_are_escaped(client, app):
    with app.app_context():
        org = make_organization(name="<script>alert('org')</script>", acronym="<b>X</b>")
        user = make_user(name="<img src=x onerror=alert(1)>")
        make_membership(user, org)
        org_id = org.id
    for url in ("/organizaciones/", f"/organizaciones/{org_id}"):
        page = html(client.get(url))
        assert "<script>alert(" not in page and "<img src=x" not in page and "<b>X</b>" not in page
        assert "&lt;script&gt;" in page


@pytest.mark.parametrize(
    "website, shown",
    [
        ("https://example.org/a?b=1", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        (" javascript:alert(1)", False),
    ],
)
def test_only_http_websites_become_links(client, app, website, shown):
    """Stored directly, as old or imported data could be: the render check still holds."""
    with app.app_context():
        org = make_organization()
        org.website = website
        db.session.commit()
        org_id = org.id
    page = html(client.get(f"/organizaciones/{org_id}"))
    assert ('href="https://example.org/a?b=1"' in page) is shown
    assert "javascript:" not in page.lower() and "data:text" not in page


# Asking to join ---------------------------------------------------------------------------


def test_participant_asks_to_join(client, app, world):
    login_as(client, "participant")
    response = client.post(f"/organizaciones/{world['org']}/solicitar")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/organizaciones/{world['org']}"
    page = html(client.get(response.headers["Location"]))
    assert "Su solicitud quedó enviada" in page
    assert "Su solicitud para unirse está pendiente" in page
    participant = world["users"]["participant"]
    assert (participant, world["org"], P, False) in _memberships(app)


def test_second_request_is_refused_with_a_message(client, app, world):
    login_as(client, "applicant")
    before = _memberships(app)
    response = client.post(f"/organizaciones/{world['org']}/solicitar")
    assert response.status_code == 409
    assert "Ya pidió unirse a esta organización" in html(response)
    assert _memberships(app) == before


def test_member_asking_again_is_refused(client, app, world):
    login_as(client, "member")
    response = client.post(f"/organizaciones/{world['org']}/solicitar")
    assert response.status_code == 409
    assert "Ya es integrante de esta organización" in html(response)


def test_refused_person_asks_again(client, app, world):
    login_as(client, "refused")
    ids_before = [m for m in _memberships(app) if m[0] == world["users"]["refused"]]
    assert client.post(f"/organizaciones/{world['org']}/solicitar").status_code == 302
    after = [m for m in _memberships(app) if m[0] == world["users"]["refused"]]
    assert len(ids_before) == len(after) == 1
    assert after[0][2] == P


def test_unconfirmed_person_is_told_to_confirm(client, app, world):
    with app.app_context():
        make_user(email_address="new@example.org", confirmed=False)
    login(client, "new@example.org")
    page = html(client.get(f"/organizaciones/{world['org']}"))
    assert "Solicitar unirme" not in page
    assert "Confirme su correo electrónico" in page
    response = client.post(f"/organizaciones/{world['org']}/solicitar")
    assert response.status_code == 409
    assert "Confirme su correo electrónico" in html(response)


def test_join_needs_csrf_and_post(client, world):
    login_as(client, "participant")
    assert client.get(f"/organizaciones/{world['org']}/solicitar").status_code == 405
    assert client.post(f"/organizaciones/{world['org']}/solicitar", csrf=False).status_code == 400


# Deciding requests ------------------------------------------------------------------------


def test_manager_sees_pending_requests_only(client, world):
    login_as(client, "manager")
    page = html(client.get(f"/organizaciones/{world['org']}/solicitudes"))
    assert "Ana Solicitante" in page
    assert "Rita Rechazada" not in page and "Mario Integrante" not in page
    assert "Pedro Participante" not in page  # pending in the other organisation
    # The request's date is long, as everywhere else ("6 de diciembre de 2026, 02:37").
    assert re.search(r"<td>\d{1,2} de \w+ de 20\d\d, \d\d:\d\d</td>", page), page
    assert not re.search(r"\d{1,2}/\d{1,2}/\d\d", page)


@pytest.mark.parametrize(
    "decision, status, action, flash",
    [
        ("aceptar", A, "membership.accept", "ya es integrante de la organización"),
        ("rechazar", R, "membership.refuse", "Se rechazó la solicitud"),
    ],
)
def test_manager_decides_and_it_is_audited(client, app, world, decision, status, action, flash):
    login_as(client, "manager")
    url = f"/organizaciones/{world['org']}/solicitudes/{world['pending']}"
    response = client.post(url, data={"decision": decision})
    assert response.status_code == 302
    assert flash in html(client.get(response.headers["Location"]))
    with app.app_context():
        membership = db.session.get(Membership, world["pending"])
        assert membership.status == status
        assert membership.decided_by_id == world["users"]["manager"]
        [event] = audit_events(action)
        assert event.actor_id == world["users"]["manager"]
        assert (event.target_type, event.target_id) == ("memberships", world["pending"])
        assert event.before == {"status": "pendiente"}
        assert event.after == {"status": status.value}
        assert event.ip_address is not None


def test_accepted_applicant_becomes_a_listed_member(client, world):
    login_as(client, "manager")
    client.post(f"/organizaciones/{world['org']}/solicitudes/{world['pending']}",
                data={"decision": "aceptar"})
    assert "Ana Solicitante" in html(client.get(f"/organizaciones/{world['org']}"))


def test_deciding_twice_is_a_conflict(client, app, world):
    login_as(client, "manager")
    url = f"/organizaciones/{world['org']}/solicitudes/{world['pending']}"
    client.post(url, data={"decision": "aceptar"})
    response = client.post(url, data={"decision": "rechazar"})
    assert response.status_code == 409
    assert "Esta solicitud ya fue atendida" in html(response)
    with app.app_context():
        assert db.session.get(Membership, world["pending"]).status == A
        assert len(audit_events()) == 1


@pytest.mark.parametrize("data", [{}, {"decision": "borrar"}])
def test_invalid_decision_is_422(client, app, world, data):
    login_as(client, "manager")
    response = client.post(
        f"/organizaciones/{world['org']}/solicitudes/{world['pending']}", data=data
    )
    assert response.status_code == 422
    assert "Elija aceptar o rechazar" in html(response)
    with app.app_context():
        assert db.session.get(Membership, world["pending"]).status == P


def test_manager_cannot_decide_for_another_organisation(client, app, world):
    login_as(client, "manager")
    # The other organisation's request, through our organisation's address: not found.
    through_own = f"/organizaciones/{world['org']}/solicitudes/{world['other_pending']}"
    assert client.post(through_own, data={"decision": "aceptar"}).status_code == 404
    # Through its own organisation's address: not allowed.
    through_other = f"/organizaciones/{world['other']}/solicitudes/{world['other_pending']}"
    assert client.post(through_other, data={"decision": "aceptar"}).status_code == 403
    assert client.get(f"/organizaciones/{world['other']}/solicitudes").status_code == 403
    with app.app_context():
        assert db.session.get(Membership, world["other_pending"]).status == P
        assert audit_events() == []


# "Mis organizaciones" ---------------------------------------------------------------------


def test_mine_lists_memberships_with_status(client, app, world):
    with app.app_context():
        user = db.session.get(User, world["users"]["participant"])
        make_membership(user, db.session.get(Organization, world["org"]), status=R)
    login_as(client, "participant")
    page = html(client.get("/organizaciones/mias"))
    rows = re.findall(r"<tr>\s*<td>(.*?)</td>\s*<td>(.*?)</td>", page, re.S)
    assert [(re.sub(r"<[^>]+>", "", org).strip(), re.sub(r"<[^>]+>", "", st).strip())
            for org, st in rows] == [
        ("Acción Ciudadana (AC)", "Rechazada"),
        ("Guatecívica", "Pendiente"),
    ]


def test_mine_shows_manager_link(client, world):
    login_as(client, "manager")
    page = html(client.get("/organizaciones/mias"))
    assert "Aceptada" in page and "Responsable" in page
    assert f'href="/organizaciones/{world["org"]}/solicitudes"' in page


def test_mine_when_empty(client, app):
    with app.app_context():
        make_user(email_address="solo@example.org")
    login(client, "solo@example.org")
    assert "Todavía no pertenece a ninguna organización" in html(
        client.get("/organizaciones/mias")
    )


# Permission matrix ------------------------------------------------------------------------

ROLES = ["anonymous", "participant", "manager", "admin"]
# endpoint -> (method, url template, data, {role: expected status})
ROUTES = {
    "organizations.index": ("GET", "/organizaciones/", None,
                            dict.fromkeys(ROLES, 200)),
    "organizations.show": ("GET", "/organizaciones/{org}", None, dict.fromkeys(ROLES, 200)),
    "organizations.request_membership": (
        "POST", "/organizaciones/{org}/solicitar", None,
        {"anonymous": LOGIN, "participant": 302, "manager": 409, "admin": 302},
    ),
    "organizations.requests": (
        "GET", "/organizaciones/{org}/solicitudes", None,
        {"anonymous": LOGIN, "participant": 403, "manager": 200, "admin": 200},
    ),
    "organizations.decide": (
        "POST", "/organizaciones/{org}/solicitudes/{pending}", {"decision": "aceptar"},
        {"anonymous": LOGIN, "participant": 403, "manager": 302, "admin": 302},
    ),
    "organizations.mine": (
        "GET", "/organizaciones/mias", None,
        {"anonymous": LOGIN, "participant": 200, "manager": 200, "admin": 200},
    ),
}


def test_matrix_covers_every_organisation_route(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()
                 if rule.endpoint.startswith("organizations.")}
    assert endpoints == set(ROUTES)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", sorted(ROUTES))
def test_permission_matrix(client, app, world, endpoint, role):
    method, template, data, expected = ROUTES[endpoint]
    url = template.format(org=world["org"], pending=world["pending"])
    login_as(client, role)
    before = _memberships(app)
    response = client.open(url, method=method, data=data) if method == "GET" else client.post(
        url, data=data
    )
    want = expected[role]
    if want == LOGIN:
        assert response.status_code == 302
        assert response.headers["Location"].startswith(f"{LOGIN}?next=")
        assert _memberships(app) == before
    else:
        assert response.status_code == want
        if want in (403, 409):
            assert _memberships(app) == before


def test_a_blocked_manager_cannot_answer_requests(client, app, world):
    with app.app_context():
        manager = db.session.get(User, world["users"]["manager"])
        manager.blocked_at = utcnow()
        manager.block_reason = "Spam repetido."
        db.session.commit()
    login_as(client, "manager")
    assert client.get(f"/organizaciones/{world['org']}/solicitudes").status_code == 403
    url = f"/organizaciones/{world['org']}/solicitudes/{world['pending']}"
    assert client.post(url, data={"decision": "aceptar"}).status_code == 403
    with app.app_context():
        assert db.session.get(Membership, world["pending"]).status == MembershipStatus.PENDING
        assert audit_events() == []


def test_an_organisation_without_a_manager_says_whom_to_write_to(client, app, world):
    """Nobody could answer a request to join it: no button, a notice instead; a request
    sent anyway is refused on the page with the same words."""
    with app.app_context():
        orphan = make_organization(name="Sin Responsables").id
    login_as(client, "participant")
    page = html(client.get(f"/organizaciones/{orphan}"))
    assert "Solicitar unirme" not in page
    assert "todavía no tiene en Participa una persona responsable" in page
    assert "escriba a la Mesa Técnica de Gobierno Abierto" in page
    response = client.post(f"/organizaciones/{orphan}/solicitar")
    assert response.status_code == 409
    assert html(response).count("todavía no tiene en Participa una persona responsable") == 1
    assert all(organization != orphan for _, organization, _, _ in _memberships(app))
    # An organisation with a manager still offers the button.
    assert "Solicitar unirme" in html(client.get(f"/organizaciones/{world['org']}"))
