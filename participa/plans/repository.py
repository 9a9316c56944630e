"""The OGP repository's registry (issue 19, item 5): every feature that holds a document or a
piece of evidence of a plan cycle registers here a source, a function that answers the
public entries of one plan with a fixed number of statements (one, in practice). The page
that gathers them (``participa.repository``) sits above every feature; this module names none.

A source answers only what everyone may see: nothing hidden by the moderation, pending, or in
draft where the feature keeps drafts private.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .models import ActionPlan


@dataclass(frozen=True)
class Entry:
    """One document or piece of evidence of a plan cycle."""

    key: str  # unique and stable within the plan: "commitment-version-12" (the Atom id)
    kind: str  # the registered source's kind
    title: str
    date: datetime  # when it was made public (UTC)
    url: str  # the path of its public page or file
    detail: str = ""  # a short note: "versión 3", the round's title...


@dataclass(frozen=True)
class Source:
    kind: str
    label: Any  # a lazy translated string: the kind's name on the page
    order: int
    entries: Callable[[ActionPlan], Iterable[Entry]]


_SOURCES: dict[str, Source] = {}


def register_source(kind: str, label: Any, entries: Callable[[ActionPlan], Iterable[Entry]],
                    *, order: int = 100) -> None:
    """Called by a feature when its package is imported (``create_app`` imports them all)."""
    _SOURCES[kind] = Source(kind, label, order, entries)


def sources() -> list[Source]:
    return sorted(_SOURCES.values(), key=lambda source: (source.order, source.kind))


def gather(plan: ActionPlan) -> list[Entry]:
    """Every public entry of the plan, newest first (one statement per source)."""
    entries: list[Entry] = []
    for source in sources():
        entries.extend(source.entries(plan))
    entries.sort(key=lambda entry: (entry.date, entry.key), reverse=True)
    return entries
