"""The workspace's read side: a language's messages with their state (filtered, searched,
a page at a time) and one message with everything a translator needs beside it.

A message is translated when it has an approved suggestion or the shipped catalog has it
(``shipped``: verified terms and exported approvals). The list is built in Python from two
statements (the template's present messages and the language's open suggestions), so the
filters and the search, case and accents aside, are the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload
from werkzeug.datastructures import MultiDict

from ..base.extensions import db
from ..content.text import fold
from ..web.args import InvalidParameter, query_args, search_text
from ..web.pagination import Page
from . import checks, glossary, shipped
from .models import GlossaryTerm, SourceMessage, Suggestion, SuggestionStatus, TermStatus

# The filters, by the value of ``estado`` in the query string.
STATES: dict[str, Any] = {
    "todos": _l("Todos"),
    "sin-traducir": _l("Sin traducir"),
    "sugeridos": _l("Con sugerencias por revisar"),
    "aprobados": _l("Traducidos"),
    "desactualizados": _l("Desactualizados (el español cambió)"),
}
SEARCH_MAX = 200
PARAMETERS = ("estado", "q", "page", "per_page")


@dataclass
class Filters:
    state: str = "todos"
    q: str = ""

    def url_args(self) -> dict[str, str]:
        found = {}
        if self.state != "todos":
            found["estado"] = self.state
        if self.q:
            found["q"] = self.q
        return found


def parse(args: MultiDict) -> Filters:
    """The list's filters from the query string; anything else, or a value out of place, 400."""
    values = query_args(PARAMETERS, args)
    state = values.get("estado") or "todos"
    if state not in STATES:
        raise InvalidParameter("estado")
    q = search_text(args, max_length=SEARCH_MAX) if "q" in values else ""
    return Filters(state=state, q=q)


@dataclass
class Entry:
    """One message of the list, as the language stands."""

    id: int
    context: str | None
    msgid: str
    msgid_plural: str | None
    translation: list[str] | None = None  # approved in the app, else shipped
    approved_in_app: bool = False
    pending: list[list[str]] = field(default_factory=list)
    outdated: bool = False  # a pending suggestion made for another Spanish

    @property
    def translated(self) -> bool:
        return self.translation is not None


def entries(language: str) -> list[Entry]:
    """Every present message of the template with the language's state, in template order."""
    rows = db.session.execute(
        sa.select(SourceMessage.id, SourceMessage.key, SourceMessage.context,
                  SourceMessage.msgid, SourceMessage.msgid_plural)
        .where(SourceMessage.present.is_(True)).order_by(SourceMessage.id)
    ).all()
    release = shipped.translations(language)
    found = {row.id: Entry(row.id, row.context, row.msgid, row.msgid_plural,
                           translation=release.get(row.key)) for row in rows}
    open_ones = db.session.execute(
        sa.select(Suggestion.message_id, Suggestion.status, Suggestion.forms,
                  Suggestion.source_msgid)
        .where(Suggestion.language == language,
               Suggestion.status.in_((SuggestionStatus.PENDING, SuggestionStatus.APPROVED)))
        .order_by(Suggestion.id)
    )
    for message_id, status, forms, source_msgid in open_ones:
        entry = found.get(message_id)
        if entry is None:
            continue
        if status == SuggestionStatus.APPROVED:
            entry.translation, entry.approved_in_app = list(forms), True
        else:
            entry.pending.append(list(forms))
            entry.outdated = entry.outdated or source_msgid != entry.msgid
    return list(found.values())


def _matches(entry: Entry, state: str, folded_q: str) -> bool:
    if state == "sin-traducir" and entry.translated:
        return False
    if state == "sugeridos" and not entry.pending:
        return False
    if state == "aprobados" and not entry.translated:
        return False
    if state == "desactualizados" and not entry.outdated:
        return False
    if folded_q:
        texts = [entry.msgid, entry.msgid_plural or "", entry.context or "",
                 *(entry.translation or []), *(form for forms in entry.pending for form in forms)]
        return any(folded_q in fold(text) for text in texts)
    return True


@dataclass
class Counts:
    total: int
    translated: int
    pending: int
    outdated: int


def listing(language: str, filters: Filters, *, page: int, per_page: int
            ) -> tuple[Page, Counts]:
    """The page of messages that pass the filters, and the language's counts."""
    everything = entries(language)
    folded_q = fold(filters.q)
    if filters.q and not folded_q:  # punctuation only: searched as typed, lower case
        folded_q = filters.q.casefold()
    chosen = [entry for entry in everything if _matches(entry, filters.state, folded_q)]
    start = (page - 1) * per_page
    counts = Counts(total=len(everything),
                    translated=sum(entry.translated for entry in everything),
                    pending=sum(bool(entry.pending) for entry in everything),
                    outdated=sum(entry.outdated for entry in everything))
    return Page(items=chosen[start:start + per_page], total=len(chosen), page=page,
                per_page=per_page), counts


# One message --------------------------------------------------------------------------------


@dataclass
class MessagePage:
    message: SourceMessage
    approved: Suggestion | None
    shipped: list[str] | None
    history: list[Suggestion]  # newest first
    terms: list[GlossaryTerm]  # the glossary's terms found in the Spanish
    flags: dict[int, list[str]]  # pending suggestion id -> forbidden terms it uses

    @property
    def current(self) -> list[str] | None:
        """The text a page in the language shows now."""
        if self.approved is not None:
            return list(self.approved.forms)
        return self.shipped

    @property
    def pending(self) -> list[Suggestion]:
        return [s for s in self.history if s.status == SuggestionStatus.PENDING]


def message(message_id: int) -> SourceMessage | None:
    return db.session.get(SourceMessage, message_id)


def message_page(language: str, source: SourceMessage) -> MessagePage:
    history = db.session.scalars(
        sa.select(Suggestion).where(Suggestion.message_id == source.id,
                                    Suggestion.language == language)
        .options(joinedload(Suggestion.author), joinedload(Suggestion.reviewer))
        .order_by(Suggestion.created_at.desc(), Suggestion.id.desc())
    ).unique().all()
    approved = next((s for s in history if s.status == SuggestionStatus.APPROVED), None)
    every_term = glossary.terms_of(language)
    spanish = " ".join(filter(None, (source.msgid, source.msgid_plural)))
    forbidden = [term.translation for term in every_term if term.status == TermStatus.FORBIDDEN]
    flags = {s.id: checks.forbidden_terms(s.forms, forbidden)
             for s in history if s.status == SuggestionStatus.PENDING}
    return MessagePage(
        message=source, approved=approved,
        shipped=shipped.translations(language).get(source.key),
        history=list(history), terms=glossary.terms_in(spanish, every_term),
        flags={key: value for key, value in flags.items() if value},
    )
