"""Helpers for status enums whose labels are translatable."""

from __future__ import annotations

import enum

import sqlalchemy as sa


class LabelledEnum(enum.StrEnum):
    """A str enum with a translatable label per member (``_labels`` maps value -> lazy str)."""

    @property
    def label(self) -> str:
        return str(_labels_of(type(self))[self.value])

    @classmethod
    def _labels(cls) -> dict[str, object]:  # pragma: no cover - overridden
        raise TypeError(f"{cls.__name__} has no labels")

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        labels = _labels_of(cls)
        return [(member.value, labels[member.value]) for member in cls]


_LABELS: dict[type, dict[str, object]] = {}


def _labels_of(cls: type[LabelledEnum]) -> dict[str, object]:
    """The class's labels, made once: they are lazy strings, translated when shown."""
    labels = _LABELS.get(cls)
    if labels is None:
        labels = _LABELS[cls] = cls._labels()
    return labels


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
