"""The notifications of proposals, rendered from their params in the reader's language."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..notifications.services import register_kind
from .services import PROPOSAL_WITHDRAWN


def proposal_withdrawn(params: dict[str, Any]) -> str:
    return _("Se retiró la propuesta %(reference)s «%(title)s», que usted apoya o sigue. "
             "Motivo: %(reason)s", reference=params["reference"], title=params["title"],
             reason=params["reason"])


register_kind(PROPOSAL_WITHDRAWN, message=proposal_withdrawn, email_template="notification",
              label=_l("Se retira una propuesta que apoya o sigue"))
