"""The notification of this feature, rendered from its params in the reader's language.

``translation_ready`` (to whoever asked): params ``kind``, ``id``, ``label`` (the item's
label when it was approved) and ``language`` (the code it was translated into)."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from ..i18n import languages
from ..notifications.services import register_kind
from .services import TRANSLATION_READY


def translation_ready(params: dict[str, Any]) -> str:
    language = languages.BY_CODE.get(params["language"])
    return _("Está lista la traducción que pidió de «%(label)s» al %(language)s.",
             label=params["label"],
             language=language.spanish_name if language else params["language"])


register_kind(TRANSLATION_READY, message=translation_ready)
