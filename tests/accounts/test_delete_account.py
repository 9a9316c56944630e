"""Account deletion by anonymisation: the person's data goes, their contributions stay as
"Participante eliminado", every session ends, and the address may sign up again."""

from __future__ import annotations

import sqlalchemy as sa

from participa.accounts import two_factor
from participa.accounts.models import RecoveryCode, User
from participa.base.extensions import db
from participa.base.time import utcnow
from participa.comments.models import Comment
from participa.notifications.models import Notification
from participa.organizations.models import Membership

from ..factories import (
    PASSWORD,
    audit_events,
    login,
    mails,
    make_membership,
    make_organization,
    make_proposal,
    make_support,
    make_user,
)
from .test_totp import code

DELETE = {"password": PASSWORD, "confirm": "y"}


def _ana(app, **roles) -> dict[str, int]:
    with app.app_context():
        ana = make_user(email_address="ana@example.org", name="Ana Ajú", **roles)
        make_membership(ana, make_organization())
        proposal = make_proposal(author=ana, title="Mercados con precios abiertos")
        make_support(proposal)
        comment = Comment(proposal_id=proposal.id, author_id=ana.id, body="Mi comentario")
        db.session.add(comment)
        db.session.add(Notification(user_id=ana.id, kind="desconocido", params={}))
        db.session.commit()
        return {"user": ana.id, "proposal": proposal.id}


def test_deletion_anonymises_ends_every_session_and_keeps_contributions(app, client):
    ids = _ana(app, is_moderator=True)
    with app.app_context():
        user = db.session.get(User, ids["user"])
        two_factor.start_setup(user=user)
        two_factor.enable(user=user, code=code(user.totp_secret, -1))
        db.session.commit()
        secret = user.totp_secret
    phone = app.test_client()
    login(phone, "ana@example.org", remember="y")
    phone.post("/cuenta/entrar/codigo", data={"code": code(secret, 0)})
    phone.delete_cookie(app.config["SESSION_COOKIE_NAME"])
    assert phone.get("/cuenta/").status_code == 200, "signed in by the remember-me cookie"
    login(client, "ana@example.org")
    client.post("/cuenta/entrar/codigo", data={"code": code(secret, 1)})

    response = client.post("/cuenta/eliminar", data=DELETE)
    assert response.status_code == 302
    with app.app_context():
        user = db.session.get(User, ids["user"])
        assert user.is_deleted and user.name == "" and user.display_name == "Participante eliminado"
        assert user.email == f"eliminado-{user.id}@participa.invalid"
        assert user.password_hash == "!"
        assert not (user.is_admin or user.is_moderator)
        assert user.totp_secret is None and not user.has_two_factor
        assert user.preferred_language is None and user.last_login_at is None
        for model, column in ((Membership, Membership.user_id),
                              (Notification, Notification.user_id),
                              (RecoveryCode, RecoveryCode.user_id)):
            assert db.session.scalar(
                sa.select(sa.func.count()).select_from(model).where(column == user.id)) == 0
        [event] = audit_events("account.delete")
        assert event.actor_id == user.id and "Ana" not in (event.target_label or "")
        assert db.session.scalar(sa.select(sa.func.count(Comment.id))) == 1
    # Every session ended, the remembered one too; the old password opens nothing.
    assert client.get("/cuenta/").status_code == 302
    assert phone.get("/cuenta/").status_code == 302
    assert login(client, "ana@example.org").status_code == 422
    # Contributions stay, without her name.
    page = client.get(f"/propuestas/{ids['proposal']}").get_data(as_text=True)
    assert "Mercados con precios abiertos" in page
    assert "Participante eliminado" in page and "Ana Ajú" not in page
    assert "Mi comentario" in page


def test_the_address_can_sign_up_again(app, client):
    ids = _ana(app)
    login(client, "ana@example.org")
    client.post("/cuenta/eliminar", data=DELETE)
    response = client.post("/cuenta/registro", data={
        "name": "Ana de nuevo", "email": "ana@example.org",
        "password": "una frase nueva bastante larga", "sector": "ciudadania",
    })
    assert response.status_code == 302
    with app.app_context():
        fresh = db.session.scalar(sa.select(User).where(User.email == "ana@example.org"))
        assert fresh is not None and fresh.id != ids["user"] and not fresh.is_deleted
    # (outside that context: its read transaction would keep the mail worker's write waiting)
    message = mails(app)[-1]
    assert message["To"] == "ana@example.org"
    assert message["Subject"] == "Confirme su correo electrónico en Participa"


def test_each_deleted_account_gets_its_own_placeholder(app):
    with app.app_context():
        from participa.accounts import services

        people = [make_user(), make_user()]
        for person in people:
            services.delete_account(user=person)
        db.session.commit()
        emails = {db.session.get(User, p.id).email for p in people}
        assert len(emails) == 2


def test_the_last_administrator_cannot_leave(app, client):
    ids = _ana(app, is_admin=True)
    login(client, "ana@example.org")
    refused = client.post("/cuenta/eliminar", data=DELETE)
    assert refused.status_code == 409
    assert "única persona con el rol de administración" in refused.get_data(as_text=True)
    with app.app_context():
        user = db.session.get(User, ids["user"])
        assert not user.is_deleted and user.is_admin and user.name == "Ana Ajú"
        assert audit_events("account.delete") == []
        # A deleted administrator does not count; a living one does.
        gone = make_user(is_admin=True)
        gone.deleted_at = utcnow()
        db.session.commit()
    assert client.post("/cuenta/eliminar", data=DELETE).status_code == 409
    with app.app_context():
        make_user(is_admin=True)
    assert client.post("/cuenta/eliminar", data=DELETE).status_code == 302
    with app.app_context():
        assert db.session.get(User, ids["user"]).is_deleted
