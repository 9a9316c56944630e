"""What a document says, independent of its format."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1 to 3


@dataclass(frozen=True)
class Paragraph:
    """Text whose line breaks are kept; ``strong`` for a notice ("BORRADOR")."""

    text: str
    strong: bool = False


@dataclass(frozen=True)
class Table:
    """A table with a header row (``header``) and rows of text cells."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Fields:
    """The template's layout: one row per field, its name beside (above, on paper too
    narrow) its value."""

    rows: tuple[tuple[str, str], ...]


Block = Heading | Paragraph | Table | Fields


@dataclass
class Document:
    title: str
    language: str  # a BCP 47 tag: "es", "en"...
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> Document:
        self.blocks.extend(blocks)
        return self
