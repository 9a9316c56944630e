"""Helping to translate from one's profile: ask to translate a language, see one's requests
and their answers, choose how one is credited; a deleted account translates nothing."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from participa.accounts import services as account_services
from participa.base.extensions import db
from participa.translation.models import (
    Credit,
    RequestStatus,
    TranslatorRequest,
    TranslatorRole,
)
from tests.factories import audit_events, login_as, make_user
from tests.pages import html


@pytest.fixture
def people(app):
    with app.app_context():
        return {
            "admin": make_user(email_address="admin@example.org", is_admin=True).id,
            "participant": make_user(email_address="participant@example.org",
                                     name="Pedro Participante").id,
            "translator": make_user(email_address="translator@example.org",
                                    name="Tomasa Traductora", translates=("quc",)).id,
        }


def _requests(app):
    with app.app_context():
        return [(r.user_id, r.language, r.motivation, r.status) for r in
                db.session.scalars(sa.select(TranslatorRequest).order_by(TranslatorRequest.id))]


def test_a_person_asks_to_translate_from_their_profile(client, app, people):
    login_as(client, "participant")
    page = html(client.get("/cuenta/")).split('id="traduccion"')[1]
    assert 'action="/idiomas/traducir"' in page
    # Every enabled language but Spanish, by its own name.
    for code in ("quc", "kek", "cak", "mam"):
        assert f'<option lang="{code}" value="{code}">' in page
    assert 'value="es"' not in page
    response = client.post("/idiomas/traducir", data={
        "traducir-language": "kek", "traducir-motivation": "Es mi idioma materno."})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/cuenta/#traduccion")
    assert _requests(app) == [(people["participant"], "kek", "Es mi idioma materno.",
                               RequestStatus.PENDING)]
    page = html(client.get("/cuenta/"))
    assert "Sus solicitudes" in page and "Pendiente" in page
    # Asking again while it waits: refused beside the menu, with what was typed.
    response = client.post("/idiomas/traducir", data={
        "traducir-language": "kek", "traducir-motivation": "Otra vez."})
    assert response.status_code == 409
    page = html(response)
    assert "ya espera respuesta" in page and "Otra vez." in page
    assert len(_requests(app)) == 1


def test_asking_without_a_language_or_for_spanish_is_refused(client, app, people):
    login_as(client, "participant")
    response = client.post("/idiomas/traducir", data={"traducir-motivation": "Hola"})
    assert response.status_code == 422
    assert "Hola" in html(response)
    response = client.post("/idiomas/traducir", data={"traducir-language": "es"})
    assert response.status_code == 422
    assert _requests(app) == []


def test_a_translator_is_not_offered_their_own_language(client, people):
    login_as(client, "translator")
    page = html(client.get("/cuenta/")).split('id="traduccion"')[1]
    assert 'value="quc"' not in page and 'value="kek"' in page
    assert "Usted traduce estos idiomas" in page


def test_the_answer_shows_on_the_profile(client, app, people):
    login_as(client, "participant")
    client.post("/idiomas/traducir", data={"traducir-language": "mam"})
    client.post("/cuenta/salir")
    login_as(client, "admin")
    [(rid,)] = [(r,) for r in _ids(app)]
    client.post(f"/admin/traduccion/solicitudes/{rid}",
                data={f"s{rid}-decision": "rechazar", f"s{rid}-note": "Ya hay quien lo hace."})
    client.post("/cuenta/salir")
    login_as(client, "participant")
    page = html(client.get("/cuenta/"))
    assert "Rechazada" in page and "Ya hay quien lo hace." in page


def _ids(app):
    with app.app_context():
        return list(db.session.scalars(sa.select(TranslatorRequest.id)))


def test_a_translator_chooses_how_they_are_credited(client, app, people):
    login_as(client, "translator")
    page = html(client.get("/cuenta/"))
    assert 'action="/idiomas/credito/quc"' in page
    response = client.post("/idiomas/credito/quc", data={"credito-quc-credit": "ninguno"})
    assert response.status_code == 302
    with app.app_context():
        role = db.session.scalar(sa.select(TranslatorRole).where(
            TranslatorRole.user_id == people["translator"]))
        assert role.credit == Credit.NONE
    assert client.post("/idiomas/credito/quc",
                       data={"credito-quc-credit": "famosa"}).status_code == 422
    # Not a language they translate.
    assert client.post("/idiomas/credito/kek",
                       data={"credito-kek-credit": "nombre"}).status_code == 404


def test_a_deleted_account_translates_nothing(app, people):
    with app.app_context():
        user = db.session.get(TranslatorRole, 1).user
        db.session.add(TranslatorRequest(user_id=user.id, language="kek"))
        db.session.flush()
        account_services.delete_account(user=user)
        db.session.commit()
        role = db.session.scalar(sa.select(TranslatorRole))
        assert role.revoked_at is not None
        assert db.session.scalar(sa.select(TranslatorRequest.status)) == RequestStatus.DECLINED
        assert [e.action for e in audit_events()] == ["account.delete"]
