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


def _to_reader(params: dict[str, Any], *, supporter: str, author: str) -> str:
    """The text for a supporter of the proposal or for its author, with the proposal, the
    decision and the commitment it went to."""
    text = supporter if params.get("role") == "supporter" else author
    return text % {
        "reference": params["reference"], "title": params["title"],
        "decision": ResponseDecision(params["decision"]).label,
    } + _commitment_sentence(params)


def response_published(params: dict[str, Any]) -> str:
    return _to_reader(
        params,
        supporter=_("La Mesa Técnica de Gobierno Abierto respondió a la propuesta "
                    "%(reference)s «%(title)s», que usted apoya: %(decision)s."),
        author=_("La Mesa Técnica de Gobierno Abierto respondió a su propuesta %(reference)s "
                 "«%(title)s»: %(decision)s."),
    )


def response_corrected(params: dict[str, Any]) -> str:
    return _to_reader(
        params,
        supporter=_("La Mesa Técnica de Gobierno Abierto corrigió su respuesta a la propuesta "
                    "%(reference)s «%(title)s», que usted apoya: %(decision)s."),
        author=_("La Mesa Técnica de Gobierno Abierto corrigió su respuesta a su propuesta "
                 "%(reference)s «%(title)s»: %(decision)s."),
    )


register_kind(RESPONSE_PUBLISHED, message=response_published,
              email_template="response_published")
register_kind(RESPONSE_CORRECTED, message=response_corrected,
              email_template="response_corrected")
