"""The catalog template in the database, and the approved texts that the live catalogs of
every server read (``i18n.live``).

``sync`` keeps ``SourceMessage`` in step with ``translations/messages.pot``: new messages are
added with their context, their translators' notes and where they are used; messages that
left the template are kept, not present; when a message's Spanish changed, the approved
translation of the old Spanish is carried to the new message as a pending suggestion marked
outdated, so a translator sees what it said and a reviewer decides again.
"""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from babel.messages.catalog import Message
from babel.messages.pofile import read_po

from ..base.extensions import db
from ..base.time import utcnow
from ..i18n import live
from ..i18n.live import CatalogKey
from .models import CatalogVersion, Origin, SourceMessage, Suggestion, SuggestionStatus

CARRY_CUTOFF = 0.8


def message_key(context: str | None, msgid: str) -> str:
    return hashlib.sha256(f"{context or ''}\x04{msgid}".encode()).hexdigest()


def _ids(message: Message) -> tuple[str, str | None]:
    if isinstance(message.id, tuple | list):
        return message.id[0], message.id[1]
    return message.id, None


@dataclass
class SyncResult:
    added: int = 0
    updated: int = 0
    retired: int = 0
    carried: int = 0


def read_template(path: Path) -> list[Message]:
    with path.open("rb") as handle:
        return [message for message in read_po(handle) if message.id]


def sync(messages: Iterable[Message]) -> SyncResult:
    """Bring ``SourceMessage`` in step with the template's messages; flushes."""
    result = SyncResult()
    now = utcnow()
    known = {row.key: row for row in db.session.scalars(sa.select(SourceMessage))}
    seen: set[str] = set()
    new_rows: list[SourceMessage] = []
    for message in messages:
        msgid, plural = _ids(message)
        key = message_key(message.context, msgid)
        seen.add(key)
        fields = {
            "msgid_plural": plural,
            "locations": "\n".join(f"{path}:{line}" if line else path
                                   for path, line in message.locations),
            "comments": "\n".join(message.auto_comments),
            "python_format": message.python_format,
        }
        row = known.get(key)
        if row is None:
            row = SourceMessage(key=key, context=message.context, msgid=msgid,
                                first_seen_at=now, last_seen_at=now, present=True, **fields)
            db.session.add(row)
            new_rows.append(row)
            result.added += 1
            continue
        changed = not row.present or any(getattr(row, k) != v for k, v in fields.items())
        for name, value in fields.items():
            setattr(row, name, value)
        row.present = True
        row.last_seen_at = now
        result.updated += changed
    for key, row in known.items():
        if key not in seen and row.present:
            row.present = False
            result.retired += 1
    db.session.flush()
    result.carried = _carry_over(new_rows, [r for k, r in known.items() if k not in seen])
    return result


def _carry_over(new_rows: list[SourceMessage], gone: list[SourceMessage]) -> int:
    """For each new message whose Spanish is close to a message that left, the old approved
    translations become pending suggestions of the new one (outdated: their ``source_msgid``
    is the old Spanish)."""
    if not new_rows or not gone:
        return 0
    approved = db.session.scalars(
        sa.select(Suggestion).where(
            Suggestion.message_id.in_([row.id for row in gone]),
            Suggestion.status == SuggestionStatus.APPROVED,
        )
    ).all()
    by_message: dict[int, list[Suggestion]] = {}
    for suggestion in approved:
        by_message.setdefault(suggestion.message_id, []).append(suggestion)
    candidates = {row.msgid: row for row in gone if row.id in by_message}
    carried = 0
    for row in new_rows:
        close = difflib.get_close_matches(row.msgid, list(candidates), n=1, cutoff=CARRY_CUTOFF)
        if not close:
            continue
        old = candidates[close[0]]
        if bool(old.msgid_plural) != bool(row.msgid_plural) or old.context != row.context:
            continue
        for suggestion in by_message[old.id]:
            db.session.add(Suggestion(
                message_id=row.id, language=suggestion.language, forms=list(suggestion.forms),
                source_msgid=old.msgid, identical_ok=suggestion.identical_ok,
                origin=Origin.CARRIED, origin_detail=f"#{suggestion.id}",
                author_id=suggestion.author_id,
            ))
            carried += 1
    db.session.flush()
    return carried


def approved_texts(language: str) -> dict[CatalogKey, str]:
    """The language's approved texts by catalog key (``i18n.live``'s source)."""
    rows = db.session.execute(
        sa.select(SourceMessage.context, SourceMessage.msgid, SourceMessage.msgid_plural,
                  Suggestion.forms)
        .join(Suggestion, Suggestion.message_id == SourceMessage.id)
        .where(Suggestion.language == language, Suggestion.status == SuggestionStatus.APPROVED)
    )
    texts: dict[CatalogKey, str] = {}
    for context, msgid, plural, forms in rows:
        key = f"{context}\x04{msgid}" if context else msgid
        if plural:
            for index, form in enumerate(forms):
                texts[(key, index)] = form
        else:
            texts[key] = forms[0]
    return texts


class ApprovedTexts:
    """What ``i18n.live`` asks: a language's version and its approved texts."""

    def version(self, language: str) -> int:
        return db.session.scalar(
            sa.select(CatalogVersion.version).where(CatalogVersion.language == language)
        ) or 0

    def approved(self, language: str) -> dict[CatalogKey, str]:
        return approved_texts(language)


def provide() -> None:
    live.provide(ApprovedTexts())
