"""``flask translate sync | export | import | grant | revoke | import-memory``: the catalog
template in the database, releases of the approved texts, offline catalogs, who translates,
and the openly licensed translation memories offered to translators.

They join the ``flask translate`` group of ``i18n.cli`` (extract, update, compile, status).
"""

from __future__ import annotations

from pathlib import Path

import click
import sqlalchemy as sa

from ..accounts.models import User
from ..base.errors import DomainError
from ..base.extensions import db
from ..i18n import cli as catalogs
from ..i18n.cli import translate
from ..i18n.memory_files import MemoryFileError
from . import glossary, memory, releases, services
from .catalog import read_template, sync
from .models import TranslatorRole


def _person(email: str) -> User:
    user = db.session.scalar(sa.select(User).where(sa.func.lower(User.email) == email.lower()))
    if user is None:
        raise click.ClickException(f"No account with the address {email}")
    return user


def _refused(error: DomainError) -> click.ClickException:
    return click.ClickException(str(error))


@translate.command("sync")
def sync_command() -> None:
    """Bring the workspace's messages in step with translations/messages.pot."""
    result = sync(read_template(catalogs.POT))
    terms = glossary.seed()
    db.session.commit()
    click.echo(f"{result.added} added, {result.updated} updated, {result.retired} retired, "
               f"{result.carried} outdated translations carried over; {terms} glossary terms "
               "added from the verified terms")


@translate.command("export")
@click.option("--language", "codes", multiple=True,
              help="Only these languages (default: every enabled catalog).")
def export_command(codes: tuple[str, ...]) -> None:
    """Write the translations approved in the app into the catalogs (then compile)."""
    for code in codes or catalogs.catalog_languages():
        result = releases.export(code)
        click.echo(f"{code}: {result.written} approved texts written"
                   + (f", credited: {', '.join(result.credited)}" if result.credited else ""))
        for msgid in result.skipped:
            click.echo(f"  {code}: {msgid!r} is no longer in the catalog", err=True)


@translate.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--language", required=True, help="The catalog's language code.")
@click.option("--as", "email", required=True, help="The translator the suggestions are from.")
def import_command(path: Path, language: str, email: str) -> None:
    """Take a catalog made offline (PO) as suggestions, through the same checks."""
    author = _person(email)
    sync(read_template(catalogs.POT))
    try:
        result = releases.import_po(path.read_bytes(), language=language, author=author,
                                    filename=path.name)
    except DomainError as error:
        raise _refused(error) from None
    db.session.commit()
    click.echo(f"{result.added} suggestions added, {result.unchanged} already there, "
               f"{len(result.unknown)} not in the template, {len(result.refused)} refused")
    for msgid, why in result.refused:
        click.echo(f"  refused {msgid!r}: {why}", err=True)


@translate.command("grant")
@click.argument("email")
@click.argument("language")
@click.option("--review", is_flag=True, help="Also approve and reject others' suggestions.")
def grant_command(email: str, language: str, review: bool) -> None:
    """Let a person translate a language (and review it with --review)."""
    try:
        role = services.grant(actor=None, user=_person(email), language=language,
                              can_review=review)
    except DomainError as error:
        raise _refused(error) from None
    db.session.commit()
    click.echo(f"{email}: {role.language}{' (review)' if role.can_review else ''}")


@translate.command("revoke")
@click.argument("email")
@click.argument("language")
def revoke_command(email: str, language: str) -> None:
    """Stop a person translating a language (their work and its history stay)."""
    user = _person(email)
    role = db.session.scalar(sa.select(TranslatorRole).where(
        TranslatorRole.user_id == user.id, TranslatorRole.language == language))
    if role is None:
        raise click.ClickException(f"{email} does not translate {language}")
    services.revoke(actor=None, role=role)
    db.session.commit()
    click.echo(f"{email}: {language} revoked")


@translate.command("import-memory")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--language", default=None,
              help="The translations' language, when the file does not say it (PO) or has "
                   "several (TMX).")
@click.option("--source", "source_name", default=None,
              help="The source's name, when the file does not say it (or to override it).")
@click.option("--licence", default=None, help="The SPDX licence, likewise (e.g. MPL-2.0).")
def import_memory_command(path: Path, language: str | None, source_name: str | None,
                          licence: str | None) -> None:
    """Import an openly licensed translation memory (TMX or PO) as suggestions to offer."""
    try:
        added = memory.import_file(path, language=language, source_name=source_name,
                                   licence=licence)
    except (DomainError, MemoryFileError) as error:
        raise click.ClickException(str(error)) from None
    db.session.commit()
    for code, count in sorted(added.items()):
        click.echo(f"{code}: {count} entries added")
    if not added:
        click.echo("No pairs in the file.")
