"""Helpers for status enums whose labels are translatable."""

from __future__ import annotations

import enum

import sqlalchemy as sa


class LabelledEnum(enum.StrEnum):
    """A str enum whose members carry a translatable label, written once with the value:
    ``OPEN = "abierto", _l("Abierto")``. The value is what is stored; the label (a lazy
    string, translated when shown) is ``member.label``."""

    _label: object

    def __new__(cls, value: str, label: object) -> LabelledEnum:
        member = str.__new__(cls, value)
        member._value_ = value
        member._label = label
        return member

    @property
    def label(self) -> str:
        return str(self._label)

    @classmethod
    def choices(cls) -> list[tuple[str, object]]:
        return [(member.value, member._label) for member in cls]


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
