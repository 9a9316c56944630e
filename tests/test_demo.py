"""``flask demo load``: demo organisations and one account per role, idempotently."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from participa.accounts import passwords
from participa.accounts.models import User
from participa.base.extensions import db
from participa.demo.organizations import ACCION_CIUDADANA, ACCOUNTS, CSO_MEMBER_EMAIL, ORGANIZATIONS
from participa.demo.proposal_data import AUTHORS as DEMO_AUTHORS
from participa.organizations.links import is_web_url
from participa.organizations.models import (
    Membership,
    MembershipStatus,
    Organization,
    OrganizationKind,
)
from participa.translation import memory
from participa.translation.models import MemoryEntry

from .factories import audit_events, login, make_user


def _load(runner, *args):
    result = runner.invoke(args=["demo", "load", *args])
    assert result.exit_code == 0, result.output
    return result.output


def _password(output: str) -> str:
    match = re.search(r"^Contraseña de todas ellas: (.+)$", output, re.M)
    assert match, output
    return match.group(1)


def _snapshot(app):
    with app.app_context():
        return (
            sorted((o.name, o.acronym, o.kind.value, o.is_verified)
                   for o in db.session.scalars(sa.select(Organization))),
            sorted((u.email, u.is_admin, u.is_moderator, u.is_translator, u.is_confirmed)
                   for u in db.session.scalars(sa.select(User))),
            sorted((m.user_id, m.organization_id, m.status.value, m.is_manager)
                   for m in db.session.scalars(sa.select(Membership))),
        )


def test_load_creates_organisations_and_accounts(app, runner):
    output = _load(runner)
    password = _password(output)
    assert len(password) >= 16
    assert "solo para uso local" in output and "for local use only" in output
    for account in ACCOUNTS:
        assert account.email in output
    organizations, users, memberships = _snapshot(app)
    assert len(organizations) == len(ORGANIZATIONS)
    assert all(verified for *_, verified in organizations)
    # The authors of the demo round's proposals are checked in tests/proposals.
    role_emails = {account.email for account in ACCOUNTS}
    assert [u for u in users if u[0] in role_emails] == sorted([
        ("admin@participa.example", True, False, False, True),
        ("moderador@participa.example", False, True, False, True),
        ("traductor@participa.example", False, False, True, True),
        ("revision@participa.example", False, False, True, True),
        ("participante@participa.example", False, False, False, True),
        ("osc@participa.example", False, False, False, True),
        ("enlace@participa.example", False, False, False, True),
    ])
    with app.app_context():
        member = db.session.scalar(sa.select(User).where(User.email == CSO_MEMBER_EMAIL))
        [membership] = db.session.scalars(
            sa.select(Membership).where(Membership.user_id == member.id)).all()
        assert membership.user_id == member.id
        assert membership.organization.name == ACCION_CIUDADANA
        assert membership.status == MembershipStatus.ACCEPTED and membership.is_manager
        for user in db.session.scalars(sa.select(User)):
            assert user.password_hash.startswith("$argon2id$")
            assert passwords.verify_password(user.password_hash, password)
        assert audit_events() == []  # not an admin action
        # The openly licensed translation memories, offered to translators (translation).
        if memory.MEMORY_FOLDER.is_dir():
            assert db.session.scalar(sa.select(sa.func.count(MemoryEntry.id))) > 1000
    if memory.MEMORY_FOLDER.is_dir():
        assert re.search(r"Memorias de traducción .*cak \d+, mam \d+, quc \d+", output)


def test_printed_password_logs_in(app, runner, client):
    password = _password(_load(runner))
    response = login(client, "admin@participa.example", password)
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_load_twice_creates_no_duplicates(app, runner):
    first = _load(runner)
    before = _snapshot(app)
    second = _load(runner)
    assert _snapshot(app) == before
    assert "Organizaciones nuevas: 0" in second
    # The MTGA's requests for K'iche' translations (issue 18), once: the call and three
    # proposals, for the translators' «Textos por traducir».
    assert "Pedidos de traducción al k'iche': 4 nuevos." in first
    assert "Pedidos de traducción al k'iche': 0 nuevos." in second
    # The English translations of the call and of one proposal, approved, once.
    assert "Traducciones al inglés aprobadas: 2 nuevas." in first
    assert "Traducciones al inglés aprobadas: 0 nuevas." in second
    # Every run prints a password that works, for every account.
    password = _password(second)
    assert password != _password(first)
    with app.app_context():
        for user in db.session.scalars(sa.select(User)):
            assert passwords.verify_password(user.password_hash, password)


def test_load_completes_a_partial_load(app, runner):
    """An organisation already there (made by an admin, say) is kept, not duplicated."""
    with app.app_context():
        db.session.add(Organization(name="Guatecívica", kind=OrganizationKind.OSC,
                                    is_verified=False))
        db.session.commit()
    output = _load(runner)
    assert f"Organizaciones nuevas: {len(ORGANIZATIONS) - 1}" in output
    organizations, _, _ = _snapshot(app)
    assert len(organizations) == len(ORGANIZATIONS)
    assert ("Guatecívica", None, "osc", False) in organizations


def test_if_empty_does_nothing_when_a_user_exists(app, runner):
    with app.app_context():
        make_user(email_address="ya@example.org")
    output = _load(runner, "--if-empty")
    assert "Contraseña" not in output
    organizations, users, memberships = _snapshot(app)
    assert organizations == [] and memberships == []
    assert [email for email, *_ in users] == ["ya@example.org"]


def test_if_empty_loads_an_empty_database(app, runner):
    _password(_load(runner, "--if-empty"))
    organizations, users, _ = _snapshot(app)
    assert len(organizations) == len(ORGANIZATIONS)
    assert len(users) == len(ACCOUNTS) + len(DEMO_AUTHORS)
    assert "Contraseña" not in _load(runner, "--if-empty")
    assert _snapshot(app)[1] == users


def test_configured_password_is_used(app, runner):
    app.config["DEMO_PASSWORD"] = "una contraseña de demostración larga"
    output = _load(runner)
    assert _password(output) == "una contraseña de demostración larga"
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.email == "admin@participa.example"))
        assert passwords.verify_password(user.password_hash, "una contraseña de demostración larga")


def test_a_weak_configured_password_is_refused(app, runner):
    app.config["DEMO_PASSWORD"] = "corta"
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code != 0
    assert "DEMO_PASSWORD" in result.output
    assert _snapshot(app) == ([], [], [])


def test_password_is_settable_by_environment(monkeypatch, tmp_path):
    from participa import create_app

    monkeypatch.setenv("PARTICIPA_DEMO_PASSWORD", "desde el entorno, larga")
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert app.config["DEMO_PASSWORD"] == "desde el entorno, larga"


# The data module ----------------------------------------------------------------------------


def test_demo_data_is_consistent():
    names = [o.name for o in ORGANIZATIONS]
    assert len(names) == len(set(n.casefold() for n in names))
    acronyms = [o.acronym for o in ORGANIZATIONS if o.acronym]
    assert len(acronyms) == len(set(acronyms))
    assert {o.kind for o in ORGANIZATIONS} == set(OrganizationKind)
    assert all(o.website is None or is_web_url(o.website) for o in ORGANIZATIONS)
    assert all(len(o.name) <= 200 and len(o.acronym or "") <= 30 for o in ORGANIZATIONS)
    assert len({a.email for a in ACCOUNTS}) == len(ACCOUNTS)


@pytest.mark.parametrize(
    "name, acronym",
    [
        ("Instituto de Fomento Municipal", "INFOM"),
        ("Asociación Nacional de Municipalidades de la República de Guatemala", "ANAM"),
        ("Secretaría de Planificación y Programación de la Presidencia", "SEGEPLAN"),
        ("Secretaría Nacional de Ciencia y Tecnología", "SENACYT"),
        ("Instituto Nacional de Administración Pública", "INAP"),
        ("Ministerio de Finanzas Públicas", "MINFIN"),
        ("Contraloría General de Cuentas", "CGC"),
        ("Acción Ciudadana", "AC"),
        ("Guatecívica", None),
    ],
)
def test_the_documents_organisations_are_there(name, acronym):
    assert (name, acronym) in {(o.name, o.acronym) for o in ORGANIZATIONS}


def test_load_presets_moderation_reasons_once(app, runner, client):
    """The demo's moderators find reasons to pick when hiding something (issue 15, item 14);
    a second load adds none."""
    from participa.demo.moderation import REASONS
    from participa.moderation.models import ReasonTemplate

    output = _load(runner)
    assert f"Motivos de moderación: {len(REASONS)} nuevos" in output
    assert "Motivos de moderación: 0 nuevos" in _load(runner)
    with app.app_context():
        titles = sorted(db.session.scalars(sa.select(ReasonTemplate.title)))
        assert titles == sorted(title for title, _ in REASONS)
        moderator = db.session.scalar(sa.select(User).where(User.is_moderator))
        email = moderator.email
    login(client, email, _password(_load(runner)))
    page = client.get("/moderacion/contenido/motivos").get_data(as_text=True)
    assert all(title in page for title, _ in REASONS)
