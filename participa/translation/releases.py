"""Catalog files in and out of the app: ``export`` writes the approved translations into
``translations/<code>/LC_MESSAGES/messages.po`` with their translators credited, so a release
carries them; ``import_po`` takes a catalog made offline (Poedit) as suggestions, through the
same checks as a typed one."""

from __future__ import annotations

from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

import sqlalchemy as sa
from babel.messages.pofile import read_po

from ..accounts.models import User
from ..base.errors import DomainError
from ..base.extensions import db
from ..i18n import cli as catalogs
from . import services
from .catalog import message_key
from .credits import credit_for
from .models import Origin, SourceMessage, Suggestion, SuggestionStatus

# The comments a release writes above an approved text (and a verified term's source, which
# the approved text replaces).
OURS = (catalogs.APPROVAL_TAG, "Traducción:", "Revisión:", "Fuente:")


@dataclass
class ExportResult:
    language: str
    written: int = 0
    skipped: list[str] = field(default_factory=list)  # approved, but not in the catalog
    credited: list[str] = field(default_factory=list)


def export(language: str) -> ExportResult:
    """Write the language's approved texts into its catalog file."""
    result = ExportResult(language)
    path = catalogs.catalog_path(language)
    original = path.read_bytes()
    catalog = catalogs.read_catalog(language, original)
    approved = db.session.scalars(
        sa.select(Suggestion).join(SourceMessage, Suggestion.message_id == SourceMessage.id)
        .where(Suggestion.language == language, Suggestion.status == SuggestionStatus.APPROVED)
        .options(sa.orm.joinedload(Suggestion.message))
        .order_by(Suggestion.reviewed_at, Suggestion.id)
    ).all()
    names: dict[int, str] = {}

    def name(user_id: int) -> str:
        if user_id not in names:
            names[user_id] = credit_for(user_id, language)
        return names[user_id]

    for suggestion in approved:
        source = suggestion.message
        entry = catalog.get(source.msgid, context=source.context)
        if entry is None:
            result.skipped.append(source.msgid)
            continue
        entry.string = tuple(suggestion.forms) if source.msgid_plural else suggestion.forms[0]
        day = suggestion.reviewed_at.date().isoformat() if suggestion.reviewed_at else ""
        # One short line each: a PO file wraps long comments.
        entry.user_comments = [c for c in entry.user_comments if not c.startswith(OURS)] + [
            f"{catalogs.APPROVAL_TAG} {day}",
            f"Traducción: {name(suggestion.author_id)[:60]}",
            f"Revisión: {name(suggestion.reviewer_id)[:60]}",
        ]
        entry.flags.discard("fuzzy")
        result.written += 1
        for person in (suggestion.author_id, suggestion.reviewer_id):
            if name(person) not in result.credited:
                result.credited.append(name(person))
    if result.credited:
        catalog.last_translator = result.credited[-1]
        header = catalogs.HEADER_COMMENT.rstrip("#\n")
        lines = [f"# - {person}" for person in result.credited]
        catalog.header_comment = "\n".join(
            [header, "#", "# Traducción y revisión en Participa:", *lines, "#"])
    data = catalogs.po_bytes(catalog)
    if data != original:
        path.write_bytes(data)
    catalogs.check_catalog_header(language)
    return result


@dataclass
class ImportResult:
    added: int = 0
    unchanged: int = 0
    unknown: list[str] = field(default_factory=list)  # not a message of the template
    refused: list[tuple[str, str]] = field(default_factory=list)  # (msgid, why)


def import_po(data: bytes, *, language: str, author: User, filename: str) -> ImportResult:
    """Each translated entry of a PO file becomes a suggestion of ``author``; an entry the
    checks refuse is reported with why. Fuzzy entries come in as outdated (their previous
    Spanish, when the file says it)."""
    result = ImportResult()
    catalog = read_po(BytesIO(data), locale=language)
    for entry in catalog:
        if not entry.id or not (entry.string if isinstance(entry.string, str)
                                else any(entry.string)):
            continue
        msgid = entry.id[0] if isinstance(entry.id, tuple | list) else entry.id
        message = db.session.scalar(
            sa.select(SourceMessage).where(SourceMessage.key == message_key(entry.context,
                                                                            msgid),
                                           SourceMessage.present.is_(True))
        )
        if message is None:
            result.unknown.append(msgid)
            continue
        forms = list(entry.string) if isinstance(entry.string, tuple | list) \
            else [entry.string]
        source_msgid = msgid
        if entry.fuzzy:
            previous = entry.previous_id
            source_msgid = (previous[0] if isinstance(previous, list | tuple) and previous
                            else previous) or ""
        before = db.session.scalar(sa.select(sa.func.count(Suggestion.id)))
        try:
            with db.session.begin_nested():
                services.suggest(author=author, message=message, language=language,
                                 forms=forms, origin=Origin.FILE,
                                 origin_detail=Path(filename).name,
                                 # A translator marks a text meant to equal the
                                 # Spanish with the flag "identical" (docs/translating.md).
                                 identical_ok="identical" in entry.flags,
                                 source_msgid=source_msgid)
        except DomainError as refusal:
            result.refused.append((msgid, str(refusal)))
            continue
        after = db.session.scalar(sa.select(sa.func.count(Suggestion.id)))
        if after > before:
            result.added += 1
        else:
            result.unchanged += 1
    return result
