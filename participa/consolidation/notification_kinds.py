"""The notifications of this feature, rendered from their params in the reader's language.

params: ``proposal_id``, ``reference``, ``title``, ``decision`` (a ``ResponseDecision``
value), ``commitment`` (``{"id", "number", "title"}`` or None) and ``role`` ("author" or
"supporter").
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from ..notifications.services import register_kind
from ..proposals.models import ResponseDecision
from .services import RESPONSE_CORRECTED, RESPONSE_PUBLISHED


def _commitment_sentence(params: dict[str, Any]) -> str:
    commitment = params.get("commitment")
    if not commitment:
        return ""
    return " " + _("Compromiso %(number)s: «%(title)s».", number=commitment["number"],
                   title=commitment["title"])


def response_published(params: dict[str, Any]) -> str:
    decision = ResponseDecision(params["decision"]).label
    if params.get("role") == "supporter":
        text = _("La Mesa Técnica de Gobierno Abierto respondió a la propuesta %(reference)s "
                 "«%(title)s», que usted apoya: %(decision)s.",
                 reference=params["reference"], title=params["title"], decision=decision)
    else:
        text = _("La Mesa Técnica de Gobierno Abierto respondió a su propuesta %(reference)s "
                 "«%(title)s»: %(decision)s.",
                 reference=params["reference"], title=params["title"], decision=decision)
    return text + _commitment_sentence(params)


def response_corrected(params: dict[str, Any]) -> str:
    decision = ResponseDecision(params["decision"]).label
    if params.get("role") == "supporter":
        text = _("La Mesa Técnica de Gobierno Abierto corrigió su respuesta a la propuesta "
                 "%(reference)s «%(title)s», que usted apoya: %(decision)s.",
                 reference=params["reference"], title=params["title"], decision=decision)
    else:
        text = _("La Mesa Técnica de Gobierno Abierto corrigió su respuesta a su propuesta "
                 "%(reference)s «%(title)s»: %(decision)s.",
                 reference=params["reference"], title=params["title"], decision=decision)
    return text + _commitment_sentence(params)


register_kind(RESPONSE_PUBLISHED, message=response_published,
              email_template="response_published")
register_kind(RESPONSE_CORRECTED, message=response_corrected,
              email_template="response_corrected")
