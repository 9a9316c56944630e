"""The language people write in (issue 14, item 9): a proposal or a comment says the
language its author chose (by default their interface language), so a page marks that text
with ``lang`` whatever language the interface around it is in. A code of the enabled
languages (``i18n.selection``); None for what was written before it was asked (not said: no
``lang`` of its own)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from ..base.errors import Invalid
from ..i18n.selection import is_enabled

LANGUAGE_MAX = 16
NOT_ENABLED = _l("Elija uno de los idiomas de la lista.")


def checked_language(code: str | None, *, field: str = "language") -> str:
    """``code`` when it is an enabled language, else the refusal (422) on ``field``."""
    if not code or not is_enabled(code):
        raise Invalid(str(NOT_ENABLED), field=field)
    return code


def lang_attribute(item: object) -> Markup:
    """`` lang="xx"`` for the element holding ``item``'s text (a proposal, a comment), or
    nothing when its language was not said: ``<p{{ comment|lang_of }}>``."""
    code = getattr(item, "language", None)
    return Markup(' lang="%s"') % code if code else Markup("")
