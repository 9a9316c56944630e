"""The notifications of this feature, rendered from their params in the reader's language.

params: ``proposal_id``, ``reference``, ``title``, ``decision`` (a ``ResponseDecision``
value), ``commitment`` (``{"id", "number", "title"}`` or None) and ``role`` ("author" or
"supporter").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..content_translation.queries import response_texts
from ..notifications.models import Notification
from ..notifications.services import register_kind, register_localizer
from ..proposals.models import ResponseDecision
from .services import PROPOSAL_CONSOLIDATED, RESPONSE_CORRECTED, RESPONSE_PUBLISHED


def _commitment_sentence(params: dict[str, Any]) -> str:
    commitment = params.get("commitment")
    if not commitment:
        return ""
    return " " + _("Compromiso %(number)s: «%(title)s».", number=commitment["number"],
                   title=commitment["title"])


def _reason_sentence(params: dict[str, Any]) -> str:
    """The response's reason in the reader's language, when a reviewed translation of it
    exists (``reason_translation``, given by ``_localized``), shortened."""
    reason = params.get("reason_translation")
    if not reason:
        return ""
    reason = " ".join(reason.split())
    if len(reason) > REASON_SHOWN:
        reason = reason[:REASON_SHOWN].rstrip() + "…"
    return " " + _("Respuesta: «%(reason)s»", reason=reason)


def _to_reader(params: dict[str, Any], *, supporter: str, author: str) -> str:
    """The text for a supporter of the proposal or for its author, with the proposal, the
    decision and the commitment it went to."""
    text = supporter if params.get("role") == "supporter" else author
    return text % {
        "reference": params["reference"], "title": params["title"],
        "decision": ResponseDecision(params["decision"]).label,
    } + _commitment_sentence(params) + _reason_sentence(params)


def _localized(notifications: Sequence[Notification], language: str
               ) -> dict[int, dict[str, Any]]:
    """The proposal's title and the response's reason in the reader's language, where a
    reviewed translation exists (content_translation): one statement for the page."""
    mine = [n for n in notifications if n.kind in (RESPONSE_PUBLISHED, RESPONSE_CORRECTED)]
    texts = response_texts([(n.params or {}).get("proposal_id") for n in mine], language)
    return {n.id: texts[pid] for n in mine
            if (pid := (n.params or {}).get("proposal_id")) in texts}


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


def proposal_consolidated(params: dict[str, Any]) -> str:
    return _("La Mesa Técnica de Gobierno Abierto llevó la propuesta %(reference)s «%(title)s», "
             "que usted sigue, al borrador de compromiso «%(commitment)s».",
             reference=params["reference"], title=params["title"],
             commitment=params["commitment"]["title"])


REASON_SHOWN = 300

register_localizer(_localized)
register_kind(RESPONSE_PUBLISHED, message=response_published,
              email_template="response_published",
              label=_l("Respuestas de la MTGA a las propuestas que escribió o apoya"))
register_kind(RESPONSE_CORRECTED, message=response_corrected,
              email_template="response_corrected",
              label=_l("Correcciones de esas respuestas"))
register_kind(PROPOSAL_CONSOLIDATED, message=proposal_consolidated,
              email_template="notification",
              label=_l("Una propuesta que sigue pasa a un borrador de compromiso"))
