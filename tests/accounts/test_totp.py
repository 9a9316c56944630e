"""Two-step log-in with an authenticator app (TOTP, RFC 6238) for moderators and
administrators: set-up, the second step after the password, replay, recovery codes,
lockout, switching off, and the administrators' obligation."""

from __future__ import annotations

import base64
import re
import time

import pytest
import sqlalchemy as sa

from participa import create_app
from participa.accounts import totp, two_factor
from participa.accounts.models import RecoveryCode, User
from participa.base.extensions import db

from ..factories import PASSWORD, audit_events, body, login, mails, make_user
from ..pages import html


def code(secret: str, steps: int = 0) -> str:
    """The app's code now, or ``steps`` steps later (a second log-in within the same 30
    seconds needs a later code: each one counts once). The server accepts one step either
    side of its clock, so a test has the codes of three steps: -1 (set-up), 0 and +1."""
    return totp.code_at(secret, time.time() + steps * totp.STEP_SECONDS)


def notices(app, to: str) -> list[str]:
    """The subjects and first paragraph of the security notices mailed to ``to``."""
    return [f"{m['Subject']} | {body(m).split(chr(10) * 2)[1]}" for m in mails(app)
            if m["To"] == to]


# The algorithm: RFC 6238 appendix B (SHA-1, 8 digits) and RFC 4226 appendix D ---------------

RFC_SECRET = base64.b32encode(b"12345678901234567890").decode()


@pytest.mark.parametrize(("timestamp", "expected"), [
    (59, "94287082"), (1111111109, "07081804"), (1111111111, "14050471"),
    (1234567890, "89005924"), (2000000000, "69279037"), (20000000000, "65353130"),
])
def test_rfc_6238_vectors(timestamp, expected):
    assert totp.hotp(RFC_SECRET, totp.step_at(timestamp), digits=8) == expected


def test_rfc_4226_vectors_and_drift():
    expected = ["755224", "287082", "359152", "969429", "338314", "254676"]
    assert [totp.hotp(RFC_SECRET, counter) for counter in range(6)] == expected
    now = 1111111111
    step = totp.step_at(now)
    assert totp.matching_step(RFC_SECRET, totp.hotp(RFC_SECRET, step), now=now) == step
    assert totp.matching_step(RFC_SECRET, totp.hotp(RFC_SECRET, step - 1), now=now) == step - 1
    assert totp.matching_step(RFC_SECRET, totp.hotp(RFC_SECRET, step + 1), now=now) == step + 1
    assert totp.matching_step(RFC_SECRET, totp.hotp(RFC_SECRET, step + 2), now=now) is None
    spaced = totp.hotp(RFC_SECRET, step)
    assert totp.matching_step(RFC_SECRET, f" {spaced[:3]} {spaced[3:]} ", now=now) == step
    assert totp.matching_step(RFC_SECRET, "12345a", now=now) is None


def test_secrets_and_uri():
    secret = totp.new_secret()
    assert len(secret) == 32 and secret != totp.new_secret()
    assert len(base64.b32decode(secret)) == 20
    uri = totp.provisioning_uri(secret, account="ana@example.org", issuer="Participa")
    assert uri.startswith("otpauth://totp/Participa:ana@example.org?")
    assert f"secret={secret}" in uri and "issuer=Participa" in uri and "period=30" in uri


# Set-up ---------------------------------------------------------------------------------------


@pytest.fixture
def people(app) -> dict[str, int]:
    with app.app_context():
        return {
            "moderator": make_user(email_address="mod@example.org", is_moderator=True).id,
            "admin": make_user(email_address="admin@example.org", is_admin=True).id,
            "participant": make_user(email_address="ana@example.org").id,
        }


def enable_for(app, user_id: int) -> tuple[str, list[str]]:
    """Two-step log-in switched on through the services: (secret, recovery codes)."""
    with app.app_context():
        user = db.session.get(User, user_id)
        two_factor.start_setup(user=user)
        secret = user.totp_secret
        codes = two_factor.enable(user=user, code=code(secret, -1))
        db.session.commit()
        return secret, codes


def secret_of(app, user_id: int) -> str | None:
    with app.app_context():
        return db.session.get(User, user_id).totp_secret


def test_moderator_sets_it_up_and_other_sessions_end(app, client, people):
    other = app.test_client()
    login(other, "mod@example.org")
    assert other.get("/cuenta/").status_code == 200
    login(client, "mod@example.org")

    page = html(client.get("/cuenta/dos-pasos"))
    assert "Configurar la verificación en dos pasos" in page
    # Nothing changes on a GET: the secret is made by the POST.
    assert secret_of(app, people["moderator"]) is None
    assert client.post("/cuenta/dos-pasos/configurar").status_code == 302
    secret = secret_of(app, people["moderator"])
    page = html(client.get("/cuenta/dos-pasos"))
    assert totp.grouped(secret) in page
    assert "otpauth://totp/Participa:mod@example.org?secret=" + secret in page
    assert re.search(r'<img class="qr" src="data:image/svg\+xml[^"]+" width="196" height="196" '
                     r'alt="[^"]+">', page)
    assert 'autocomplete="one-time-code"' in page and '<label for="code">' in page

    wrong = client.post("/cuenta/dos-pasos/confirmar", data={"code": "000000"})
    assert wrong.status_code == 422 and "El código no es correcto" in html(wrong)
    with app.app_context():
        assert not db.session.get(User, people["moderator"]).has_two_factor

    done = client.post("/cuenta/dos-pasos/confirmar", data={"code": code(secret)})
    assert done.status_code == 200
    shown = re.findall(r"<code>([a-z2-9]{5}-[a-z2-9]{5})</code>", html(done))
    assert len(shown) == 10 and len(set(shown)) == 10
    with app.app_context():
        user = db.session.get(User, people["moderator"])
        assert user.has_two_factor
        stored = db.session.scalars(sa.select(RecoveryCode.code_hash)).all()
        assert len(stored) == 10
        assert all(h.startswith("$argon2id$") for h in stored)
        assert not any(c.replace("-", "") in h for c in shown for h in stored)
        [event] = audit_events("totp.enable")
        assert event.actor_id == user.id and event.target_id == user.id
        assert secret not in str(event.before) + str(event.after)
    [notice] = notices(app, "mod@example.org")
    assert notice.startswith("Cambió la verificación en dos pasos de su cuenta de Participa")
    assert "Se activó la verificación en dos pasos" in notice
    # This session continues; the other one ended.
    assert client.get("/cuenta/").status_code == 200
    assert other.get("/cuenta/").status_code == 302
    assert "activa" in html(client.get("/cuenta/"))


def test_participants_cannot_set_it_up(client, people):
    login(client, "ana@example.org")
    assert client.get("/cuenta/dos-pasos").status_code == 403
    assert client.post("/cuenta/dos-pasos/configurar").status_code == 403
    assert "Verificación en dos pasos" not in html(client.get("/cuenta/"))


def test_set_up_needs_csrf(client, people):
    login(client, "mod@example.org")
    assert client.post("/cuenta/dos-pasos/configurar", csrf=False).status_code == 400


# The second step of a log-in ------------------------------------------------------------------


def test_password_then_code_with_a_renewed_session(app, client, people):
    secret, _ = enable_for(app, people["moderator"])
    client.get("/")
    with client.session_transaction() as session:
        session["planted"] = "fixation"
    response = login(client, "mod@example.org")
    assert response.status_code == 302
    assert response.headers["Location"] == "/cuenta/entrar/codigo"
    with client.session_transaction() as session:
        assert "planted" not in session and "_user_id" not in session
    # Not signed in yet, nor recorded as such.
    assert client.get("/cuenta/").status_code == 302
    with app.app_context():
        assert db.session.get(User, people["moderator"]).last_login_at is None
    page = html(client.get("/cuenta/entrar/codigo"))
    assert 'autocomplete="one-time-code"' in page and 'inputmode="numeric"' in page

    wrong = client.post("/cuenta/entrar/codigo", data={"code": "123"})
    assert wrong.status_code == 422 and "no es correcto" in html(wrong)
    assert client.get("/cuenta/").status_code == 302
    done = client.post("/cuenta/entrar/codigo", data={"code": code(secret, 1)})
    assert done.status_code == 302 and done.headers["Location"] == "/"
    assert client.get("/cuenta/").status_code == 200
    with client.session_transaction() as session:
        assert "_second_step" not in session and session["_user_id"]
    with app.app_context():
        assert db.session.get(User, people["moderator"]).last_login_at is not None


def test_a_code_counts_once(app, client, people):
    secret, _ = enable_for(app, people["moderator"])
    now_code = code(secret, 1)
    login(client, "mod@example.org")
    assert client.post("/cuenta/entrar/codigo", data={"code": now_code}).status_code == 302
    client.post("/cuenta/salir")
    # Someone who watched the code being typed, within the same minute.
    thief = app.test_client()
    login(thief, "mod@example.org")
    replay = thief.post("/cuenta/entrar/codigo", data={"code": now_code})
    assert replay.status_code == 422 and "ya se usó" in html(replay)
    assert thief.get("/cuenta/").status_code == 302
    # An earlier code, still within the drift, is refused too.
    assert thief.post("/cuenta/entrar/codigo",
                      data={"code": code(secret, 0)}).status_code == 422


def test_next_is_kept_and_stays_on_the_site(app, client, people):
    secret, _ = enable_for(app, people["moderator"])
    client.post("/cuenta/entrar?next=/moderacion/",
                data={"email": "mod@example.org", "password": PASSWORD})
    first = code(secret)
    done = client.post("/cuenta/entrar/codigo", data={"code": first})
    assert done.headers["Location"] == "/moderacion/"
    client.post("/cuenta/salir")
    client.post("/cuenta/entrar?next=//evil.example/x",
                data={"email": "mod@example.org", "password": PASSWORD})
    # The same code again is a replay; the next step's code works.
    assert client.post("/cuenta/entrar/codigo", data={"code": first}).status_code == 422
    done = client.post("/cuenta/entrar/codigo", data={"code": code(secret, 1)})
    assert done.headers["Location"] == "/"


def test_the_password_step_expires_and_ends_with_a_password_change(app, client, people):
    secret, _ = enable_for(app, people["moderator"])
    login(client, "mod@example.org")
    app.config["TOTP_PENDING_SECONDS"] = -1
    late = client.post("/cuenta/entrar/codigo", data={"code": code(secret, 1)})
    assert late.status_code == 302 and late.headers["Location"] == "/cuenta/entrar"
    app.config["TOTP_PENDING_SECONDS"] = 300
    login(client, "mod@example.org")
    with app.app_context():
        db.session.get(User, people["moderator"]).session_epoch += 1
        db.session.commit()
    changed = client.post("/cuenta/entrar/codigo", data={"code": code(secret, 1)})
    assert changed.headers["Location"] == "/cuenta/entrar"
    assert client.get("/cuenta/").status_code == 302
    # Without a password step the code page sends to the log-in.
    fresh = app.test_client()
    assert fresh.get("/cuenta/entrar/codigo").headers["Location"] == "/cuenta/entrar"


def test_code_form_needs_csrf(app, client, people):
    secret, _ = enable_for(app, people["moderator"])
    login(client, "mod@example.org")
    refused = client.post("/cuenta/entrar/codigo", data={"code": code(secret, 1)}, csrf=False)
    assert refused.status_code == 400
    assert client.get("/cuenta/").status_code == 302


def test_recovery_codes_work_once_and_are_audited(app, client, people):
    _, codes = enable_for(app, people["moderator"])
    login(client, "mod@example.org")
    page = client.get("/cuenta/entrar/recuperacion")
    assert '<label for="code">' in html(page)
    done = client.post("/cuenta/entrar/recuperacion", data={"code": codes[3].upper()})
    assert done.status_code == 302
    assert "Le quedan 9" in html(client.get("/cuenta/"))
    client.post("/cuenta/salir")
    login(client, "mod@example.org")
    again = client.post("/cuenta/entrar/recuperacion", data={"code": codes[3]})
    assert again.status_code == 422
    assert client.post("/cuenta/entrar/recuperacion",
                       data={"code": codes[4].replace("-", " ")}).status_code == 302
    with app.app_context():
        events = audit_events("totp.recovery_use")
        assert [e.after["remaining"] for e in events] == [9, 8]
        assert all(e.actor_id == people["moderator"] for e in events)
    sent = notices(app, "mod@example.org")
    assert len(sent) == 2 and all("Se usó uno de sus códigos de recuperación" in n for n in sent)


def test_wrong_codes_lock_the_account_even_with_the_right_password(app, client, people):
    secret, codes = enable_for(app, people["moderator"])
    login(client, "mod@example.org")
    for _ in range(3):
        assert client.post("/cuenta/entrar/codigo", data={"code": "000000"}).status_code == 422
    # A right password does not reset the count of wrong codes.
    login(client, "mod@example.org")
    assert client.post("/cuenta/entrar/recuperacion",
                       data={"code": "aaaaa-aaaaa"}).status_code == 422
    locked = client.post("/cuenta/entrar/codigo", data={"code": "111111"})
    assert locked.status_code == 302 and locked.headers["Location"] == "/cuenta/entrar"
    assert "bloqueada durante 60 minutos" in html(client.get("/cuenta/entrar"))
    [notice] = notices(app, "mod@example.org")
    assert notice.startswith("Su cuenta de Participa quedó bloqueada por un tiempo")
    assert "bloqueada durante 60 minutos" in notice
    with app.app_context():
        user = db.session.get(User, people["moderator"])
        assert user.locked_until is not None
        [event] = audit_events("totp.lockout")
        assert event.target_id == user.id and event.actor_id is None
    # Locked: the password step fails like a wrong password, and no code gets through.
    refused = login(client, "mod@example.org")
    assert refused.status_code == 422
    assert client.post("/cuenta/entrar/codigo",
                       data={"code": code(secret, 1)}).headers["Location"] == "/cuenta/entrar"
    assert client.get("/cuenta/").status_code == 302


def test_disable_needs_the_password_and_ends_other_sessions(app, client, people):
    secret, _ = enable_for(app, people["moderator"])
    login(client, "mod@example.org")
    client.post("/cuenta/entrar/codigo", data={"code": code(secret)})
    other = app.test_client()
    login(other, "mod@example.org")
    other.post("/cuenta/entrar/codigo", data={"code": code(secret, 1)})
    assert other.get("/cuenta/").status_code == 200

    wrong = client.post("/cuenta/dos-pasos/desactivar", data={"off-password": "no es esta"})
    assert wrong.status_code == 422 and "no es correcta" in html(wrong)
    assert client.post("/cuenta/dos-pasos/desactivar",
                       data={"off-password": PASSWORD}).status_code == 302
    with app.app_context():
        user = db.session.get(User, people["moderator"])
        assert not user.has_two_factor and user.totp_secret is None
        assert db.session.scalar(sa.select(sa.func.count(RecoveryCode.id))) == 0
        [event] = audit_events("totp.disable")
        assert event.actor_id == user.id
    assert client.get("/cuenta/").status_code == 200
    assert other.get("/cuenta/").status_code == 302
    assert "Se desactivó la verificación" in notices(app, "mod@example.org")[-1]
    client.post("/cuenta/salir")
    # The password alone signs in again.
    assert login(client, "mod@example.org").headers["Location"] == "/"


def test_new_recovery_codes_replace_the_old_ones(app, client, people):
    secret, old = enable_for(app, people["moderator"])
    login(client, "mod@example.org")
    client.post("/cuenta/entrar/codigo", data={"code": code(secret, 1)})
    assert client.post("/cuenta/dos-pasos/codigos",
                       data={"codes-password": "no es esta"}).status_code == 422
    page = client.post("/cuenta/dos-pasos/codigos", data={"codes-password": PASSWORD})
    new = re.findall(r"<code>([a-z2-9]{5}-[a-z2-9]{5})</code>", html(page))
    assert len(new) == 10 and not set(new) & set(old)
    with app.app_context():
        assert len(audit_events("totp.recovery_codes")) == 1
    assert "Se generaron códigos de recuperación nuevos" in notices(app, "mod@example.org")[-1]
    client.post("/cuenta/salir")
    login(client, "mod@example.org")
    assert client.post("/cuenta/entrar/recuperacion", data={"code": old[0]}).status_code == 422
    assert client.post("/cuenta/entrar/recuperacion", data={"code": new[0]}).status_code == 302


# The administrators' obligation ---------------------------------------------------------------


@pytest.mark.parametrize("app_config", [{"REQUIRE_ADMIN_TOTP": True}])
def test_admins_must_set_it_up_before_any_admin_page(app, client, people):
    login(client, "admin@example.org")
    for path in ("/admin/", "/moderacion/", "/admin/auditoria/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.headers["Location"] == "/cuenta/dos-pasos"
    page = html(client.get("/cuenta/dos-pasos"))
    assert "deben activar la verificación en dos pasos" in page
    # Their own account's pages stay open.
    assert client.get("/cuenta/").status_code == 200
    client.post("/cuenta/dos-pasos/configurar")
    secret = secret_of(app, people["admin"])
    client.post("/cuenta/dos-pasos/confirmar", data={"code": code(secret)})
    assert client.get("/admin/").status_code == 200
    # Moderators may, but need not.
    other = app.test_client()
    login(other, "mod@example.org")
    assert other.get("/moderacion/").status_code == 200


SITE = "https://participa.example.gt"


def test_the_obligation_follows_production_unless_set(tmp_path, monkeypatch):
    def setting(**config):
        app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://", **config})
        return app.config["REQUIRE_ADMIN_TOTP"]

    assert setting() is False
    assert setting(PRODUCTION=True, SECRET_KEY="x" * 40, BASE_URL=SITE) is True
    assert setting(PRODUCTION=True, SECRET_KEY="x" * 40, BASE_URL=SITE,
                   REQUIRE_ADMIN_TOTP=False) is False
    monkeypatch.setenv("PARTICIPA_REQUIRE_ADMIN_TOTP", "1")
    assert setting() is True
    monkeypatch.setenv("PARTICIPA_REQUIRE_ADMIN_TOTP", "0")
    assert setting(PRODUCTION=True, SECRET_KEY="x" * 40, BASE_URL=SITE) is False
