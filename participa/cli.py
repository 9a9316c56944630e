"""Command-line interface: ``flask translate``, ``flask users``, ``flask demo``,
``flask db-backup`` and ``flask db-restore``."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from .extensions import db

users = AppGroup("users", help="Cuentas de usuario.")


@users.command("create-admin")
@click.option("--email", prompt=True)
@click.option("--name", prompt=True)
@click.password_option(confirmation_prompt=True)
def create_admin(email: str, name: str, password: str) -> None:
    """Create the first administrator (or make an existing account administrator)."""
    from .accounts import passwords, services

    errors = passwords.policy_errors(password, name=name, email=email)
    if errors:
        raise click.ClickException(" ".join(errors))
    password_hash = passwords.hash_password(password)
    user = services.create_admin(name=name, email=email, password_hash=password_hash)
    db.session.commit()
    click.echo(f"Administrador: {user.email} (id {user.id})")


def register(app: Flask) -> None:
    from .backup import db_backup_command, db_restore_command
    from .bench.cli import bench
    from .demo import demo
    from .plans.cli import plans
    from .proposals.cli import proposals
    from .translate_cli import translate
    from .voting.cli import voting

    app.cli.add_command(translate)
    app.cli.add_command(users)
    app.cli.add_command(demo)
    app.cli.add_command(plans)
    app.cli.add_command(proposals)
    app.cli.add_command(voting)
    app.cli.add_command(bench)
    app.cli.add_command(db_backup_command)
    app.cli.add_command(db_restore_command)
