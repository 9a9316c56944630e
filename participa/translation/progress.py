"""Each language's progress, for /idiomas: how much of the interface it translates (``i18n
.coverage``, the live catalog), how much of that was reviewed by a person (approved in the
app, or shipped in the catalog with a named source or approval), how many messages wait for
review, and who translated it, as each one chose to be credited."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import sqlalchemy as sa
from babel.messages.pofile import read_po
from flask_babel import gettext, ngettext

from ..base.extensions import db
from ..i18n import cli as catalogs
from ..i18n import coverage
from ..i18n.coverage import Share
from ..i18n.languages import BY_CODE, Language
from .credits import credited
from .models import Credit, SourceMessage, Suggestion, SuggestionStatus

_lock = threading.Lock()
# language -> ((mtime_ns, size), the catalog keys shipped with a named source or approval)
_shipped: dict[str, tuple[tuple[int, int], frozenset[str]]] = {}
# The comments that name who vouches for a shipped text: a verified term's source, or the
# translator and reviewer of a text approved in the app (``flask translate export``).
NAMED = ("Fuente:", catalogs.APPROVAL_TAG)


def _catalog_key(context: str | None, msgid: str) -> str:
    return f"{context}\x04{msgid}" if context else msgid


def shipped_reviewed(language: str) -> frozenset[str]:
    """The catalog keys that the language's shipped catalog translates with a named source
    or approval (read again only when the file changes)."""
    path = catalogs.catalog_path(language)
    try:
        stat = path.stat()
    except FileNotFoundError:
        return frozenset()
    stamp = (stat.st_mtime_ns, stat.st_size)
    known = _shipped.get(language)
    if known is not None and known[0] == stamp:
        return known[1]
    with _lock, path.open("rb") as handle:
        keys = set()
        for entry in read_po(handle, locale=None):
            if not entry.id or entry.fuzzy:
                continue
            forms = entry.string if isinstance(entry.string, tuple | list) else [entry.string]
            if not forms or not all(forms):
                continue
            if not any(comment.startswith(NAMED) for comment in entry.user_comments):
                continue
            msgid = entry.id[0] if isinstance(entry.id, tuple | list) else entry.id
            keys.add(_catalog_key(entry.context, msgid))
        _shipped[language] = (stamp, frozenset(keys))
        return _shipped[language][1]


def approved_in_app(language: str) -> set[str]:
    rows = db.session.execute(
        sa.select(SourceMessage.context, SourceMessage.msgid)
        .join(Suggestion, Suggestion.message_id == SourceMessage.id)
        .where(Suggestion.language == language, Suggestion.status == SuggestionStatus.APPROVED,
               SourceMessage.present.is_(True))
    )
    return {_catalog_key(context, msgid) for context, msgid in rows}


def suggested(language: str) -> int:
    """Messages of the template with at least one suggestion waiting for review."""
    return db.session.scalar(
        sa.select(sa.func.count(sa.distinct(Suggestion.message_id)))
        .join(SourceMessage, Suggestion.message_id == SourceMessage.id)
        .where(Suggestion.language == language, Suggestion.status == SuggestionStatus.PENDING,
               SourceMessage.present.is_(True))
    ) or 0


def reviewed(language: str) -> int:
    """Messages of the template whose translation a person vouches for. The project writes
    and reviews English itself: its shipped catalog counts whole."""
    if BY_CODE[language].written_by_the_project:
        return coverage.share(language).translated
    template = {key for key, _spanish in coverage.template_messages()}
    return len(template & (approved_in_app(language) | shipped_reviewed(language)))


@dataclass
class Credits:
    names: list[str] = field(default_factory=list)  # as each chose: a name or organisation
    volunteers: int = 0  # translators who chose no name (or whose account was deleted)

    def all(self) -> list[str]:
        if self.volunteers == 1:
            volunteers = [gettext("Una persona voluntaria")]  # as credits.credit_of says
        elif self.volunteers:
            volunteers = [ngettext("%(num)d persona voluntaria", "%(num)d personas voluntarias",
                                   self.volunteers)]
        else:
            volunteers = []
        return [*self.names, *volunteers]


def credits_of(language: str) -> Credits:
    result = Credits()
    for role, name in credited(language):
        if role.credit == Credit.NONE or role.user.is_deleted:
            result.volunteers += 1
        elif name not in result.names:
            result.names.append(name)
    return result


@dataclass
class Progress:
    language: Language
    translated: Share
    reviewed: Share
    suggested: int
    credits: Credits

    @property
    def is_source(self) -> bool:
        return self.language.code == "es"


def progress(codes: list[str]) -> list[Progress]:
    """Each of ``codes`` (the enabled languages) with its numbers, Spanish as the source."""
    rows = []
    for code in codes:
        translated = coverage.share(code, fresh=True)
        if code == "es":
            rows.append(Progress(BY_CODE[code], translated, translated, 0, Credits()))
            continue
        rows.append(Progress(
            BY_CODE[code], translated, Share(reviewed(code), translated.total),
            suggested(code), credits_of(code),
        ))
    return rows
