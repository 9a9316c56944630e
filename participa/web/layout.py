"""The layout's slots: what ``templates/base.html`` shows around every page for the
signed-in person, gathered in one place.

A page shows what its view gathered. The layout's own items are on every page, so no view
gathers them, and the layout (below every feature) does not name them: a feature fills the
slot ``layout.nav`` (``web.slots.fill``, from its package's ``__init__``) with the partial of
its item in the menu and a function ``gather(user=, page=)`` that returns the partial's data
(None: no item). ``register(app)``, called once by ``create_app``, gathers the slot just
before an HTML page is rendered for a signed-in person (Flask's ``before_render_template``
signal) and gives the page ``layout_nav``; e-mails (``.txt``) and anonymous visitors get no
gathering. ``page`` is the page's own context: a view that gathered the same data for its page
(the notifications page shows the unread count too) lets the item use it rather than ask
again. So the layout costs a fixed number of statements per page, and templates only show
what they are given::

    # notifications/__init__.py
    slots.fill(layout.NAV, "notifications/_nav.html", nav_item)

    {# base.html #}
    {% for slot in layout_nav %}{% include slot.template %}{% endfor %}   {# reads slot.data #}
"""

from __future__ import annotations

from typing import Any

from flask import Flask, before_render_template, has_request_context
from flask_login import current_user

from . import slots

NAV = "layout.nav"


def _gather(app: Flask, template: Any, context: dict[str, Any], **extra: Any) -> None:  # noqa: ARG001
    if not (has_request_context() and (template.name or "").endswith(".html")):
        return
    if not current_user.is_authenticated:
        context["layout_nav"] = []
        return
    context["layout_nav"] = slots.gather(NAV, user=current_user._get_current_object(),
                                         page=context)


def register(app: Flask) -> None:
    before_render_template.connect(_gather, app)
