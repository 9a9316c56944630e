"""Helpers for status enums whose labels are translatable."""

from __future__ import annotations

import enum

import sqlalchemy as sa


class LabelledEnum(enum.StrEnum):
    """A str enum with a translatable label per member (``_labels`` maps value -> lazy str)."""

    @property
    def label(self) -> str:
        return str(type(self)._labels()[self.value])

    @classmethod
    def _labels(cls) -> dict[str, object]:  # pragma: no cover - overridden
        raise TypeError(f"{cls.__name__} has no labels")

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        labels = cls._labels()
        return [(member.value, labels[member.value]) for member in cls]


def enum_column(enum_cls: type[enum.Enum]) -> sa.Enum:
    """Stored as VARCHAR of the member values (portable, and readable in SQL)."""
    return sa.Enum(
        enum_cls,
        native_enum=False,
        create_constraint=False,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )
