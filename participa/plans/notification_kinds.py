"""The notifications of draft commitments, rendered from their params in the reader's
language."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..notifications.services import register_kind
from .versions import DRAFT_VERSION


def draft_version(params: dict[str, Any]) -> str:
    return _("Hay una versión nueva (%(number)d) del borrador de compromiso «%(title)s», que "
             "usted sigue.", number=params["number"], title=params["title"])


register_kind(DRAFT_VERSION, message=draft_version, email_template="notification",
              label=_l("Versiones nuevas de los borradores que sigue o comentó"))
