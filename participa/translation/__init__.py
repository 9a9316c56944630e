"""Translation in the app (issue 14): translators and reviewers per language, the workspace
where they suggest and review, the glossary, the translation memory, and the live catalogs
that show an approved text on the next page load of every server."""

from typing import Any

from flask import Blueprint

from ..base.roles import can_administer
from ..web import layout, slots
from . import catalog

bp = Blueprint("translation", __name__, url_prefix="/traduccion")
# /idiomas (public) and what a person does from their profile to help translate.
public_bp = Blueprint("languages", __name__)

# Approved texts reach every page through i18n's live catalogs.
catalog.provide()



def nav_item(*, user: Any, **_context: Any) -> bool | None:
    """«Traducción» in the menu for translators (``User.is_translator``, loaded with the
    person: no query of its own) and administrators, who read the workspace."""
    return True if getattr(user, "is_translator", False) or can_administer(user) else None


slots.fill(layout.NAV, "translation/_nav.html", nav_item)

from . import language_views, views  # noqa: E402,F401

# The profile's section «Traducción»: ask to translate, one's requests, how one is credited.
slots.fill("profile.sections", "translation/_volunteer.html", language_views.profile_section)
