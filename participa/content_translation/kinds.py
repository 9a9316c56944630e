"""What can be translated: a registry of kinds of items, each with its translatable fields
and a loader that reads many items in one statement. This package registers proposals,
the MTGA's responses, commitments (title and summary of the newest version) and rounds'
calls (``builtin``); an upper package registers its own (``register``), e.g. an audio
recording's transcript, and then asks for translations of it with
``services.request_translation``."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from werkzeug.routing import BaseConverter, ValidationError

from ..base.errors import NotFound


@dataclass(frozen=True)
class Field:
    name: str
    label: Any  # a lazy string
    multiline: bool = True
    max_length: int = 5000
    # Required even when the original's field is empty: what a recording says, which the
    # translator writes from listening (the original may have no transcript yet).
    required: bool = False


@dataclass
class Source:
    """One item as a translator and a reader need it: its language and texts now."""

    kind: str
    id: int
    language: str
    texts: dict[str, str]
    label: str
    path: str
    # Who wrote it: they may ask for its translation (besides the MTGA).
    owner_ids: frozenset[int] = frozenset()
    # Whether the public may read it (visible, published): only those are translated.
    public: bool = True
    # Not public yet, but open to its language's translators, its owners and the MTGA:
    # a proposal received as a recording, waiting for approval, whose translation into
    # Spanish lets the MTGA judge it (docs/decisions.md).
    before_public: bool = False
    # An audio file to listen to while translating (a recording's address), or None.
    audio_url: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def digest(self) -> str:
        """Changes when any of its texts or its language changes."""
        parts = [self.language] + [f"{k}\x1f{v}" for k, v in sorted(self.texts.items())]
        return hashlib.sha256("\x1e".join(parts).encode()).hexdigest()


@dataclass(frozen=True)
class Kind:
    name: str
    label: Any  # a lazy string: "Propuesta", "Respuesta de la MTGA"...
    fields: tuple[Field, ...]
    # ids -> {id: Source} for those that exist, in one statement.
    load: Callable[[Collection[int]], dict[int, Source]]


KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    if len(kind.name) > 32:
        raise ValueError(f"translation kind {kind.name!r} is too long")
    KINDS[kind.name] = kind
    return kind


def get(name: str) -> Kind:
    kind = KINDS.get(name)
    if kind is None:
        raise NotFound()
    return kind


def source(kind: str, item_id: int) -> Source:
    """The item, or a 404."""
    found = get(kind).load([item_id]).get(item_id)
    if found is None:
        raise NotFound()
    return found


def sources(pairs: Iterable[tuple[str, int]]) -> dict[tuple[str, int], Source]:
    """Many items of any kinds: one statement per kind."""
    by_kind: dict[str, set[int]] = defaultdict(set)
    for kind, item_id in pairs:
        by_kind[kind].add(item_id)
    found: dict[tuple[str, int], Source] = {}
    for kind, ids in by_kind.items():
        if kind in KINDS:
            for item_id, item in KINDS[kind].load(ids).items():
                found[(kind, item_id)] = item
    return found


class KindConverter(BaseConverter):
    """``<kind:kind>`` in an address: one of the registered kinds, else a 404 (the kinds an
    upper package registers later are matched too). ``items``, as Werkzeug's ``any``
    converter has, lists them (the security walk fills addresses with each)."""

    regex = "[a-z_]{1,32}"

    @property
    def items(self) -> list[str]:
        return sorted(KINDS)

    def to_python(self, value: str) -> str:
        if value not in KINDS:
            raise ValidationError()
        return value
