"""``flask demo load``: demo organisations and one account per role."""

from __future__ import annotations

import secrets

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import AppGroup

from ..accounts import passwords
from ..accounts.models import User
from ..accounts.services import find_by_email, set_password
from ..base.extensions import db
from ..base.time import utcnow
from ..consultations.models import ConsultationRound
from ..organizations.models import Membership, MembershipStatus, Organization
from ..plans.models import ActionPlan
from ..plans.services import import_ogp_record
from ..translation import memory
from . import proposal_data as round_data
from .assessments import load_irm_and_assessment
from .content_translations import load_english_translations, load_translation_requests
from .forum import load_forum
from .implementation import load_plan_in_implementation
from .moderation import REASONS, load_reason_templates
from .notifications import load_notifications
from .organizations import (
    ACCION_CIUDADANA,
    ACCOUNTS,
    CSO_MEMBER_EMAIL,
    INSTITUTION_EMAIL,
    ORGANIZATIONS,
)
from .plans import find_demo_draft, load_demo_draft, load_template_versions
from .proposals import load_demo_round
from .recordings import load_recording
from .tracking import load_tracking
from .translators import load_translators
from .workshops import load_workshop

demo = AppGroup("demo", help="Datos de demostración.")

def load_organizations() -> int:
    """Add the demo organisations that are missing (by name), verified; the number added."""
    existing = set(db.session.scalars(sa.select(Organization.name)))
    now = utcnow()
    added = 0
    for item in ORGANIZATIONS:
        if item.name in existing:
            continue
        db.session.add(Organization(
            name=item.name, acronym=item.acronym, kind=item.kind, website=item.website,
            is_verified=True, verified_at=now,
        ))
        added += 1
    db.session.flush()
    return added


def load_accounts(*, password_hash: str) -> list[User]:
    """One confirmed account per role; an existing demo account gets the new password."""
    users = []
    for account in ACCOUNTS:
        user = find_by_email(account.email)
        if user is None:
            user = User(email=account.email, name=account.name, sector=account.sector,
                        password_hash=password_hash)
            db.session.add(user)
        else:
            set_password(user=user, password_hash=password_hash)
        if account.role:
            setattr(user, account.role, True)
        user.email_confirmed_at = user.email_confirmed_at or utcnow()
        users.append(user)
    db.session.flush()
    _make_manager(next(u for u in users if u.email == CSO_MEMBER_EMAIL), ACCION_CIUDADANA)
    return users


def _make_manager(user: User, organization_name: str) -> None:
    organization = db.session.scalar(
        sa.select(Organization).where(Organization.name == organization_name)
    )
    membership = db.session.scalar(
        sa.select(Membership).where(
            Membership.user_id == user.id, Membership.organization_id == organization.id
        )
    )
    if membership is None:
        membership = Membership(user_id=user.id, organization_id=organization.id)
        db.session.add(membership)
    membership.status = MembershipStatus.ACCEPTED
    membership.is_manager = True
    membership.decided_at = membership.decided_at or utcnow()
    db.session.flush()


def load_commitment_versions(users: list[User]) -> str:
    """The two official templates of the 4th plan as versions of GT0099 and GT0094, and a
    demo draft commitment with three versions in the demo round; a summary line."""
    templates = load_template_versions()
    round = db.session.scalar(
        sa.select(ConsultationRound).join(ActionPlan, ActionPlan.id == ConsultationRound.plan_id)
        .where(ActionPlan.number == round_data.PLAN_NUMBER,
               ConsultationRound.title == round_data.ROUND_TITLE)
    )
    moderator = next((user for user in users if user.is_moderator), None)
    drafts = recordings = 0
    if round is not None:
        drafts = load_demo_draft(plan_id=round.plan_id, round_id=round.id, author=moderator)
        recordings = load_recording(commitment=find_demo_draft(round.id), author=moderator)
    return (f"Plantillas de compromisos: {templates} versiones nuevas; borrador de "
            f"demostración: {drafts} versiones nuevas, {recordings} grabación nueva.")


def _password() -> str:
    configured = current_app.config.get("DEMO_PASSWORD")
    if not configured:
        return secrets.token_urlsafe(18)  # 24 characters, 144 bits
    errors = passwords.policy_errors(configured)
    if errors:
        raise click.ClickException("DEMO_PASSWORD: " + " ".join(errors))
    return configured


@demo.command("load")
@click.option("--if-empty", is_flag=True, help="Only when the database has no users.")
def load(if_empty: bool) -> None:
    """Demo organisations and accounts (admin, moderator, translator, participant, CSO), the
    historical OGP record (4 plans, 108 commitments), and the openly licensed translation
    memories of ../shared/memory (offered to translators, never shown on a page)."""
    if if_empty and db.session.scalar(sa.select(User.id).limit(1)) is not None:
        click.echo("Ya hay cuentas: no se cargaron datos de demostración.")
        return
    db.session.rollback()  # hash outside the write transaction (SQLite's lock)
    password = _password()
    password_hash = passwords.hash_password(password)
    added = load_organizations()
    users = load_accounts(password_hash=password_hash)
    record = import_ogp_record()
    demo_round = load_demo_round(password_hash=password_hash)
    commitment_versions = load_commitment_versions(users)
    # Tracking first: the self-assessment's draft is built from its data.
    by_email = {user.email: user for user in users}
    updates = load_tracking(
        reporter=by_email[INSTITUTION_EMAIL],
        moderator=next((user for user in users if user.is_moderator), None),
        commenter=by_email[CSO_MEMBER_EMAIL],
    )
    irm_and_assessment = load_irm_and_assessment(users)
    in_implementation = load_plan_in_implementation(
        reporter=by_email[INSTITUTION_EMAIL],
        moderator=next((user for user in users if user.is_moderator), None),
        commenter=by_email[CSO_MEMBER_EMAIL],
    )
    memories = memory.import_shipped(audited=False)
    terms = load_translators(users)
    reasons = load_reason_templates()
    conversation = load_notifications()
    requests = load_translation_requests(users)
    english = load_english_translations(users)
    forum = load_forum(users)
    workshop = load_workshop(users)
    db.session.commit()
    click.echo(f"Organizaciones nuevas: {added} (de {len(ORGANIZATIONS)} de demostración).")
    click.echo(record.summary())
    click.echo(demo_round.summary())
    click.echo(commitment_versions)
    click.echo(irm_and_assessment)
    click.echo(f"Seguimiento de GT0099 y GT0094 (4.º plan): {updates} avances nuevos.")
    click.echo(in_implementation)
    click.echo("Memorias de traducción (../shared/memory, sugerencias para traductores): "
               + ", ".join(f"{code} {count}" for code, count in sorted(memories.items())))
    click.echo(f"Glosarios: {terms} términos nuevos del registro de términos verificados.")
    click.echo(f"Motivos de moderación: {reasons} nuevos (de {len(REASONS)} de demostración).")
    click.echo(f"Avisos: {conversation} comentarios que notifican (sus correos salen con "
               "'flask mail worker', que 'make run' ejecuta).")
    click.echo(f"Pedidos de traducción al k'iche': {requests} nuevos.")
    click.echo(f"Traducciones al inglés aprobadas: {english} nuevas.")
    click.echo(forum)
    click.echo(workshop)
    click.echo("Cuentas de demostración, solo para uso local (for local use only):")
    for account, user in zip(ACCOUNTS, users, strict=True):
        click.echo(f"  {user.email:<34} {account.description}")
    click.echo(f"Contraseña de todas ellas: {password}")
    click.echo("Verificación en dos pasos (TOTP): opcional aquí; en producción la "
               "administración debe activarla en /cuenta/dos-pasos. Para probar esa "
               "obligación en local: PARTICIPA_REQUIRE_ADMIN_TOTP=1 make run")
