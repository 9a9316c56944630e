"""``flask users create-admin``: the first administrator."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from ..base.extensions import db
from . import passwords, services

users = AppGroup("users", help="Cuentas de usuario.")


@users.command("create-admin")
@click.option("--email", prompt=True)
@click.option("--name", prompt=True)
@click.password_option(confirmation_prompt=True)
def create_admin(email: str, name: str, password: str) -> None:
    """Create the first administrator (or make an existing account administrator)."""
    errors = passwords.policy_errors(password, name=name, email=email)
    if errors:
        raise click.ClickException(" ".join(errors))
    password_hash = passwords.hash_password(password)
    user = services.create_admin(name=name, email=email, password_hash=password_hash)
    db.session.commit()
    click.echo(f"Administrador: {user.email} (id {user.id})")
