"""The notifications of moderation, rendered from their params in the reader's language.
They say what happened to the person's contribution or account and why; never who reported.

params of content kinds: ``target`` ("proposal" or "comment"), ``id``; a proposal's
``reference`` and ``title``; a comment's ``excerpt`` and where it is: ``on`` ("proposal",
with ``reference`` and ``title``; "draft", with the commitment's ``title``; or "assessment",
a self-assessment open for comment, with its plan's ``title``). A translation (``target``
"translation", issue 18): ``kind`` and ``item_id`` of the item it translates, its ``label``
(in the translator's language when decided) and the ``language`` it was translated into
(named in the reader's language). Then
``reason`` (hidden by a moderator), ``automatic`` (hidden after reports) or ``note``
(restored). Account kinds: ``reason`` and ``until`` (ISO, or None), or ``note``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..i18n.dates import format_local
from ..i18n.selection import language_name
from ..notifications.services import register_kind
from .services import (
    ACCOUNT_BLOCKED,
    ACCOUNT_UNBLOCKED,
    CONTENT_APPROVED,
    CONTENT_HIDDEN,
    CONTENT_RESTORED,
)


def _where(params: dict[str, Any]) -> str:
    """"proposal", "translation", "comment_on_proposal", "comment_on_draft" or
    "comment_on_assessment"."""
    if params["target"] in ("proposal", "translation"):
        return params["target"]
    return f"comment_on_{params['on']}"


def _with(text: str, label: str, value: str | None) -> str:
    value = (value or "").strip()
    if not value:
        return text
    return f"{text} {label}: {value}"


def _said(texts: dict[str, str], params: dict[str, Any]) -> str:
    """The text for where the contribution is (``_where``), with its reference and title
    (a translation: the item's label and the language's name)."""
    if params["target"] == "translation":
        return texts["translation"] % {"label": params["label"],
                                       "language": language_name(params["language"])}
    return texts[_where(params)] % {"reference": params.get("reference", ""),
                                    "title": params["title"]}


def content_hidden(params: dict[str, Any]) -> str:
    if params.get("automatic"):
        texts = {
            "proposal": _("Su propuesta %(reference)s «%(title)s» quedó oculta "
                          "automáticamente tras varias denuncias, hasta que la Mesa Técnica "
                          "de Gobierno Abierto la revise."),
            "comment_on_proposal": _("Su comentario en la propuesta %(reference)s "
                                     "«%(title)s» quedó oculto automáticamente tras varias "
                                     "denuncias, hasta que la Mesa Técnica de Gobierno "
                                     "Abierto lo revise."),
            "comment_on_draft": _("Su comentario en el borrador «%(title)s» quedó oculto "
                                  "automáticamente tras varias denuncias, hasta que la Mesa "
                                  "Técnica de Gobierno Abierto lo revise."),
            "comment_on_assessment": _("Su comentario en la autoevaluación del plan "
                                       "«%(title)s» quedó oculto automáticamente tras varias "
                                       "denuncias, hasta que la Mesa Técnica de Gobierno "
                                       "Abierto lo revise."),
        }
        return _said(texts, params)
    texts = {
        "proposal": _("La Mesa Técnica de Gobierno Abierto ocultó su propuesta "
                      "%(reference)s «%(title)s». Usted todavía la puede leer."),
        "comment_on_proposal": _("La Mesa Técnica de Gobierno Abierto ocultó su comentario en "
                                 "la propuesta %(reference)s «%(title)s». Usted todavía lo "
                                 "puede leer."),
        "comment_on_draft": _("La Mesa Técnica de Gobierno Abierto ocultó su comentario en el "
                              "borrador «%(title)s». Usted todavía lo puede leer."),
        "comment_on_assessment": _("La Mesa Técnica de Gobierno Abierto ocultó su comentario "
                                   "en la autoevaluación del plan «%(title)s». Usted todavía "
                                   "lo puede leer."),
        "translation": _("La Mesa Técnica de Gobierno Abierto ocultó su traducción al "
                         "%(language)s de «%(label)s»: ya no se muestra a los lectores, pero "
                         "no se borra."),
    }
    return _with(_said(texts, params), _("Motivo"), params.get("reason"))


def content_restored(params: dict[str, Any]) -> str:
    texts = {
        "proposal": _("La Mesa Técnica de Gobierno Abierto revisó su propuesta %(reference)s "
                      "«%(title)s» y la volvió a mostrar."),
        "comment_on_proposal": _("La Mesa Técnica de Gobierno Abierto revisó su comentario "
                                 "en la propuesta %(reference)s «%(title)s» y lo volvió a "
                                 "mostrar."),
        "comment_on_draft": _("La Mesa Técnica de Gobierno Abierto revisó su comentario en el "
                              "borrador «%(title)s» y lo volvió a mostrar."),
        "comment_on_assessment": _("La Mesa Técnica de Gobierno Abierto revisó su comentario "
                                   "en la autoevaluación del plan «%(title)s» y lo volvió a "
                                   "mostrar."),
        "translation": _("La Mesa Técnica de Gobierno Abierto revisó su traducción al "
                         "%(language)s de «%(label)s» y la volvió a mostrar."),
    }
    return _with(_said(texts, params), _("Nota"), params.get("note"))


def content_approved(params: dict[str, Any]) -> str:
    texts = {
        "proposal": _("La Mesa Técnica de Gobierno Abierto aprobó su propuesta %(reference)s "
                      "«%(title)s»: ya es pública."),
        "comment_on_proposal": _("La Mesa Técnica de Gobierno Abierto aprobó su comentario en "
                                 "la propuesta %(reference)s «%(title)s»: ya es público."),
        "comment_on_draft": _("La Mesa Técnica de Gobierno Abierto aprobó su comentario en el "
                              "borrador «%(title)s»: ya es público."),
        "comment_on_assessment": _("La Mesa Técnica de Gobierno Abierto aprobó su comentario "
                                   "en la autoevaluación del plan «%(title)s»: ya es público."),
    }
    return _said(texts, params)


def account_blocked(params: dict[str, Any]) -> str:
    until = params.get("until")
    if until:
        text = _("La Mesa Técnica de Gobierno Abierto bloqueó su cuenta hasta el %(date)s: "
                 "mientras tanto no puede publicar propuestas, comentar, apoyar, votar ni "
                 "denunciar.", date=format_local(datetime.fromisoformat(until)))
    else:
        text = _("La Mesa Técnica de Gobierno Abierto bloqueó su cuenta: no puede publicar "
                 "propuestas, comentar, apoyar, votar ni denunciar hasta que la desbloquee.")
    return _with(text, _("Motivo"), params.get("reason"))


def account_unblocked(params: dict[str, Any]) -> str:
    text = _("La Mesa Técnica de Gobierno Abierto desbloqueó su cuenta: ya puede volver a "
             "participar.")
    return _with(text, _("Nota"), params.get("note"))


register_kind(CONTENT_HIDDEN, message=content_hidden, email_template="moderation_content",
              label=_l("La moderación oculta algo que usted publicó"))
register_kind(CONTENT_RESTORED, message=content_restored, email_template="moderation_content",
              label=_l("La moderación vuelve a mostrar algo que usted publicó"))
register_kind(CONTENT_APPROVED, message=content_approved, email_template="moderation_content",
              label=_l("La moderación aprueba algo que usted publicó"))
register_kind(ACCOUNT_BLOCKED, message=account_blocked, email_template="moderation_account",
              label=_l("Su cuenta es bloqueada"))
register_kind(ACCOUNT_UNBLOCKED, message=account_unblocked,
              email_template="moderation_account", label=_l("Su cuenta es desbloqueada"))
