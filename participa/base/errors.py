"""The one family of domain errors: what a service or a rule refuses, and why.

A refusal is raised as one of four classes, each carrying its HTTP meaning; the message is
translated when it is shown (a lazy string, or a subclass's ``__str__``), and ``field`` names
the form field it belongs to, if any::

    Invalid      422  what was sent is not acceptable (a field, a value, a limit)
    NotAllowed   403  this person may not do this
    Conflict     409  not now: a closed phase, a changed or final state, someone was first
    NotFound     404  there is no such thing for this person

Rules (``permissions.py`` of each feature) return a refusal or None; services ``enforce``
the same rule, so each rule and each message exists once. The app-wide handler
(``web.errors``) rolls back and answers with the translated page or JSON; a form view puts a
refusal that names one of its fields back on the form (``web.forms.refusals_on``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, ParamSpec

P = ParamSpec("P")


class DomainError(Exception):
    """A refusal with its HTTP status, its message and, for forms, its field."""

    status: ClassVar[int] = 422
    title: object | None = None  # the error page's title; None: the status's own title

    def __init__(self, message: object = "", *, field: str | None = None,
                 title: object | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        if title is not None:
            self.title = title

    def __str__(self) -> str:
        return str(self.message)


class Invalid(DomainError):
    status = 422


class NotAllowed(DomainError):
    status = 403


class Conflict(DomainError):
    status = 409


class NotFound(DomainError):
    status = 404


def enforce(refusal: DomainError | None) -> None:
    """Raise the refusal a rule answered, if any (services enforce what views asked)."""
    if refusal is not None:
        raise refusal


def allows(refusal: Callable[P, DomainError | None]) -> Callable[P, bool]:
    """A rule's yes-or-no question, for pages that show a button or not: whether
    ``refusal`` answers None for the same arguments (``can_x = allows(x_refusal)``)."""

    def ask(*args: P.args, **kwargs: P.kwargs) -> bool:
        return refusal(*args, **kwargs) is None

    ask.__name__ = ask.__qualname__ = f"allows_{refusal.__name__}"
    ask.__doc__ = f"Whether ``{refusal.__name__}`` answers None."
    return ask
