"""Translation in the app (issue 14): translators and reviewers per language, the workspace
where they suggest and review, the glossary, the translation memory, and the live catalogs
that show an approved text on the next page load of every server."""

from typing import Any

from flask import Blueprint

from ..base.roles import can_administer
from ..web import layout, slots
from . import catalog

bp = Blueprint("translation", __name__, url_prefix="/traduccion")

# Approved texts reach every page through i18n's live catalogs.
catalog.provide()


def nav_item(*, user: Any, **_context: Any) -> bool | None:
    """«Traducción» in the menu for translators (the flag ``services.grant`` keeps while the
    person holds a role: no query per page) and administrators, who read the workspace."""
    return True if getattr(user, "is_translator", False) or can_administer(user) else None


slots.fill(layout.NAV, "translation/_nav.html", nav_item)

from . import views  # noqa: E402,F401
