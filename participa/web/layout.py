"""What the layout (``templates/base.html``) shows around every page for the signed-in
person, gathered in one place.

A page shows what its view gathered. The layout's own items are on every page, so no view
gathers them: a feature provides a value of the layout (``provide(name, gather)``, from its
package's ``__init__``), and ``register(app)``, called once by ``create_app``, gathers every
provided value just before an HTML page is rendered for a signed-in person, and adds it to
the page's context under its name (Flask's ``before_render_template`` signal). E-mails
(``.txt``) and anonymous visitors get none. A view that gathered the same value for its own
page (the notifications page shows the unread count too) passes it under that name, and the
layout uses it instead of asking again. So each value costs one gathering per page, a fixed
number of statements, and templates only show what they are given.

    # notifications/__init__.py
    layout.provide("unread_notifications", queries.unread_count)   # gather(user) -> value
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask, before_render_template, has_request_context
from flask_login import current_user

_PROVIDED: dict[str, Callable[[Any], Any]] = {}


def provide(name: str, gather: Callable[[Any], Any]) -> None:
    """The layout shows ``name``, the value ``gather(user)`` returns for the signed-in user."""
    _PROVIDED[name] = gather


def _gather(app: Flask, template: Any, context: dict[str, Any], **extra: Any) -> None:  # noqa: ARG001
    if not (has_request_context() and (template.name or "").endswith(".html")):
        return
    if not current_user.is_authenticated:
        return
    user = current_user._get_current_object()
    for name, gather in _PROVIDED.items():
        if name not in context:
            context[name] = gather(user)


def register(app: Flask) -> None:
    before_render_template.connect(_gather, app)
